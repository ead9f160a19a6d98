/**
 * The first code a pool's thread runs, unless the pool was given its own `entry`: imports the
 * module whose functions the goroutines run (which imports `chango/threads` and so serves the
 * pool). A TypeScript module is first given a loader, since on Node 20 a worker thread does not
 * inherit the one its parent runs under (`tsx`): tsx's `register()` is looked up from the
 * module's own location, through tsx's published `exports`, and used if found.
 *
 * Plain CommonJS text, run with `eval: true`: it then needs no file of its own in the package.
 */
export const BOOT = `
const { workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
async function boot() {
  const mod = workerData.module;
  if (/\\.[mc]?tsx?$/.test(new URL(mod).pathname)) {
    let api;
    try {
      const req = createRequire(mod);
      const pkg = req.resolve('tsx/package.json');
      let e = req(pkg).exports['./esm/api'].import;
      if (typeof e !== 'string') e = e.default;
      api = pathToFileURL(join(dirname(pkg), e)).href;
    } catch {}
    if (api !== undefined) (await import(api)).register();
  }
  await import(mod);
}
boot().catch((e) => { throw e; });
`;

// `npm run size` (after `npm run build`): what an application pays for chango, measured the way a
// bundler sees the published package: dist/index.js bundled by esbuild with tree shaking, minified,
// then gzipped. Each budget is an import statement; the run fails when one is over its limit.
//
// A new entry point (chango/threads, ...) adds a line to BUDGETS with its import and limit.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * [what, the import a user writes, limit in bytes of min+gzip, target in bytes].
 *
 * The limit fails the run. Every target (issue 11's budgets) is met, so each limit is its target.
 * Should a new target ever be missed at first, its limit sits just above today's size until it is
 * met (so that any growth is caught), the run prints how far the target is, and the README says so.
 */
export const BUDGETS = [
  ['import { Channel }', "import { Channel } from 'chango'; export { Channel };", 2.5 * 1024, 2.5 * 1024],
  [
    'import { Channel, select, recv }',
    "import { Channel, select, recv } from 'chango'; export { Channel, select, recv };",
    3.5 * 1024,
    3.5 * 1024,
  ],
  ['import * (everything)', "export * from 'chango';", 6 * 1024, 6 * 1024],
];

const root = resolve(import.meta.dirname, '..');
if (!existsSync(resolve(root, 'dist/index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

/** min+gzip bytes of the bundle of `code`, with 'chango' resolved to this package's dist/. */
export async function measure(code) {
  const r = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    alias: { chango: resolve(root, 'dist/index.js') },
    logLevel: 'silent',
  });
  const js = r.outputFiles[0].contents;
  return { min: js.length, gzip: gzipSync(js, { level: 9 }).length, text: r.outputFiles[0].text };
}

let over = 0;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
for (const [what, code, limit, target] of BUDGETS) {
  const { min, gzip } = await measure(code);
  const ok = gzip <= limit;
  if (!ok) over++;
  const aim = gzip <= target ? `target ${kb(target)} met` : `target ${kb(target)} missed by ${gzip - target} B`;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${what.padEnd(36)} ${kb(gzip).padStart(9)} min+gzip (${gzip} B; ${kb(min)} min), limit ${kb(limit)} (${limit} B); ${aim}`,
  );
}
// Importing a channel alone must not drag in the sync primitives.
const { text } = await measure(BUDGETS[0][1]);
for (const name of ['sync.WaitGroup', 'errgroup.Group', 'sync.Once', 'semaphore.Weighted', 'sync.Mutex']) {
  if (text.includes(name)) {
    over++;
    console.log(`OVER import { Channel } pulls in ${name}`);
  }
}
process.exitCode = over === 0 ? 0 : 1;

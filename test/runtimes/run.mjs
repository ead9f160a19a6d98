// The cross-runtime check: `npm run test:runtimes` (after `npm run build`). Runs the smoke
// checks on dist/ in Node, Deno and Bun (from this folder's own package.json, which the script
// installs) and in headless Chromium (through playwright-core, driving /usr/bin/chromium or
// CHROMIUM_PATH). Exits non-zero on any failure, a missing runtime included.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const bin = (name) => join(here, 'node_modules/.bin', name);
const entry = join(here, 'entry.mjs');
let failures = 0;

function run(name, cmd, args) {
  if (!existsSync(cmd)) {
    failures++;
    console.log(
      `${name}: FAILED (no ${cmd}: run \`node scripts/deps.mjs test/runtimes\`, which npm run test:runtimes does)`,
    );
    return;
  }
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  // The summary is stdout's last line (Deno logs a worker's uncaught error on stderr, as it should).
  if (r.status === 0) console.log((r.stdout?.trim() || out).split('\n').at(-1));
  else {
    failures++;
    console.log(`${name}: FAILED (status ${r.status}${r.error ? `, ${r.error.message}` : ''})\n${out}`);
  }
}

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}
run('node', process.execPath, [entry]);
run('node (CommonJS)', process.execPath, [join(here, 'entry.cjs')]);
deadlockReport();
run('deno', bin('deno'), ['run', '--no-config', '--no-lock', '--allow-read', entry]);
run('deno (chango/node)', bin('deno'), [
  'run',
  '--no-config',
  '--no-lock',
  '--allow-read',
  '--allow-env',
  join(here, 'node-entry.mjs'),
]);
run('bun', bin('bun'), ['run', entry]);
// chango/threads: Node's worker_threads on Node and Bun, Web Workers on Deno and Bun (and in
// Chromium, below).
const threads = join(here, 'threads-entry.mjs');
run('node chango/threads', process.execPath, [threads]);
run('deno chango/threads', bin('deno'), ['run', '--no-config', '--no-lock', '--allow-read', threads]);
run('bun chango/threads', bin('bun'), ['run', threads]);
run('bun chango/threads (Web Workers)', bin('bun'), ['run', threads, 'web']);
failures += await chromium();

/** The built `chango/node` entry, loaded with --import, reports a deadlock as Go does. */
function deadlockReport() {
  const r = spawnSync(process.execPath, ['--import', join(root, 'dist/node.js'), join(here, 'deadlock.mjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const ok =
    r.status === 2 &&
    r.stderr.includes('fatal error: all goroutines are asleep - deadlock!') &&
    r.stderr.includes('chan send') &&
    r.stderr.includes('never') &&
    r.stderr.includes('deadlock.mjs:');
  if (ok) console.log('node --import chango/node: 1 passed, 0 failed (deadlock report, exit status 2)');
  else {
    failures++;
    console.log(`node --import chango/node: FAILED (status ${r.status})\n${r.stdout}${r.stderr}`);
  }
}

async function chromium() {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(exe)) {
    console.log(
      `chromium: FAILED (no Chromium at ${exe}). Install one (Debian/Ubuntu: \`apt-get install chromium\`)` +
        ' or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    );
    return 1;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: exe,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    // Serve the files from memory: no server, no network. Cross-origin isolated (COOP and COEP, on
    // https, a secure context), as a page must be for SharedArrayBuffer, which a worker's
    // synchronous operations use.
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    await page.context().route('https://chango.test/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = path === '/' ? null : join(root, path);
      if (file === null) {
        return route.fulfill({ contentType: 'text/html', headers, body: '<!doctype html><title>chango</title>' });
      }
      return route.fulfill({ contentType: 'text/javascript', headers, body: readFileSync(file) });
    });
    await page.goto('https://chango.test/');
    const passed = await page.evaluate(async () => {
      const chango = await import('/dist/index.js');
      const trace = await import('/dist/trace.js');
      const synctest = await import('/dist/synctest.js');
      const { runSmoke } = await import('/test/runtimes/smoke.js');
      return runSmoke(chango, trace, synctest);
    });
    console.log(`chromium: ${passed.length} passed, 0 failed (${passed.join('; ')})`);
    const threads = await page.evaluate(async () => {
      const t = await import('/dist/threads-web.js');
      const { runThreadsSmoke } = await import('/test/runtimes/threads-smoke.js');
      return runThreadsSmoke(t, new URL('/test/runtimes/threads-worker-web.mjs', location.href), { syncValues: false });
    });
    console.log(`chromium chango/threads (Web Workers): ${threads.length} passed, 0 failed (${threads.join('; ')})`);
    return 0;
  } catch (e) {
    console.log(`chromium: FAILED\n${e instanceof Error ? e.stack : e}`);
    return 1;
  } finally {
    await browser.close();
  }
}

process.exitCode = failures === 0 ? 0 : 1;

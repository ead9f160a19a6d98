// The cross-runtime check: `npm run test:runtimes` (after `npm run build`). Runs the smoke
// checks on dist/ in Node, Deno and Bun (from devDependencies) and in headless Chromium (through
// playwright-core, when /usr/bin/chromium or CHROMIUM_PATH exists). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const entry = join(here, 'entry.mjs');
let failures = 0;

function run(name, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status === 0) console.log(out.split('\n').at(-1));
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
run('bun', bin('bun'), ['run', entry]);
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
    console.log(`chromium: skipped (${exe} not found; .ci/run installs Debian's chromium)`);
    return process.env.CI ? 1 : 0;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    // Serve the files from memory: no server, no network.
    await page.route('http://chango.test/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = path === '/' ? null : join(root, path);
      if (file === null) {
        return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>chango</title>' });
      }
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) });
    });
    await page.goto('http://chango.test/');
    const passed = await page.evaluate(async () => {
      const chango = await import('/dist/index.js');
      const trace = await import('/dist/trace.js');
      const synctest = await import('/dist/synctest.js');
      const { runSmoke } = await import('/test/runtimes/smoke.js');
      return runSmoke(chango, trace, synctest);
    });
    console.log(`chromium: ${passed.length} passed, 0 failed (${passed.join('; ')})`);
    return 0;
  } catch (e) {
    console.log(`chromium: FAILED\n${e instanceof Error ? e.stack : e}`);
    return 1;
  } finally {
    await browser.close();
  }
}

process.exitCode = failures === 0 ? 0 : 1;

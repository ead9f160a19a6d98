// `npm run test:package`: chango as a user gets it. Packs the package (prepack builds dist/),
// then checks the tarball: publint, Are-The-Types-Wrong, a consumer type-check matrix (ESM and
// CommonJS under bundler, nodenext, node16 and node10, and a browser project without
// @types/node), the README's first-program recipe run literally (its output checked), the same
// program with a forgotten close (Go's deadlock report, exit status 2), and both builds loaded
// in one process (the dual-package hazard). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const work = mkdtempSync(join(tmpdir(), 'chango-package-'));
let failures = 0;

function sh(cmd, args, cwd, opts = {}) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 300_000, ...opts });
}
function check(name, ok, detail = '') {
  if (ok) console.log(`ok   ${name}`);
  else {
    failures++;
    console.log(`FAIL ${name}\n${detail}`);
  }
}
function out(r) {
  return `status ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout ?? ''}${r.stderr ?? ''}`;
}
function bin(name) {
  return join(root, 'node_modules/.bin', name);
}

/** Compiler options every consumer shares: the library's own .d.ts files are checked too. */
const BASE = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  target: 'es2022',
  lib: ['es2022'],
  types: ['node'],
  esModuleInterop: true,
};

/** ESM and CommonJS consumers under each module resolution a user may have. */
const MATRIX = [
  { name: 'esm-bundler', type: 'module', file: 'main.ts', options: { module: 'esnext', moduleResolution: 'bundler' } },
  {
    name: 'cjs-bundler',
    type: 'commonjs',
    file: 'main.cts',
    cjsSyntax: true,
    options: { module: 'preserve', moduleResolution: 'bundler' },
  },
  {
    name: 'esm-nodenext',
    type: 'module',
    file: 'main.ts',
    options: { module: 'nodenext', moduleResolution: 'nodenext' },
  },
  {
    name: 'cjs-nodenext',
    type: 'commonjs',
    file: 'main.ts',
    options: { module: 'nodenext', moduleResolution: 'nodenext' },
  },
  { name: 'esm-node16', type: 'module', file: 'main.ts', options: { module: 'node16', moduleResolution: 'node16' } },
  { name: 'cjs-node16', type: 'commonjs', file: 'main.ts', options: { module: 'node16', moduleResolution: 'node16' } },
  { name: 'esm-node10', type: 'module', file: 'main.ts', options: { module: 'esnext', moduleResolution: 'node10' } },
  {
    name: 'cjs-node10',
    type: 'commonjs',
    file: 'main.ts',
    options: { module: 'commonjs', moduleResolution: 'node10' },
  },
];

/** A consumer touching every kind of export, the sync primitives included. */
const CONSUMER = `import { Channel, ErrGroup, Mutex, Once, Semaphore, WaitGroup, after, recv, select, send } from 'chango';
import type { RecvChannel, SendChannel } from 'chango';
import { runMain } from 'chango/node';
import { traceFromArgs } from 'chango/node/trace';
import { test as bubble, wait } from 'chango/synctest';
import { go, startTrace } from 'chango/trace';
import type { ThreadChannel, WorkerPool } from 'chango/threads';

export type Parallel = [ThreadChannel<number>, WorkerPool];
export const extras = [bubble, wait, go, startTrace] as const;
export const nodeExtras = [traceFromArgs] as const;

async function worker(jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  for await (const j of jobs) await results.send(j * 2);
}

export async function main(): Promise<void> {
  const jobs = new Channel<number>(1);
  const results = new Channel<number>(1);
  void worker(jobs, results);
  await jobs.send(1);
  const r = await select([recv(results), send(jobs, 2), recv(after(10))]);
  const n: 0 | 1 | 2 = r.index;
  const wg = new WaitGroup();
  wg.go(async () => {});
  await wg.wait();
  const g = new ErrGroup();
  void g.go(async () => {});
  await g.wait();
  await new Semaphore(1).acquire(1);
  await new Once().do(() => {});
  const mu = new Mutex();
  void mu;
  console.log(n);
}

void runMain(main);
`;

/** The same, written with CommonJS's import-require. */
const CONSUMER_CJS = `import chango = require('chango');
import node = require('chango/node');
import synctest = require('chango/synctest');
import trace = require('chango/trace');
import threads = require('chango/threads');
import nodeTrace = require('chango/node/trace');

export const extras = [synctest.test, trace.startTrace, threads.WorkerPool, nodeTrace.traceFromArgs] as const;

export async function main(): Promise<void> {
  const ch: chango.RecvChannel<number> & chango.SendChannel<number> = new chango.Channel<number>(1);
  await ch.send(1);
  const r = await chango.select([chango.recv(ch), chango.recv(chango.after(10))]);
  const n: 0 | 1 = r.index;
  const wg = new chango.WaitGroup();
  wg.go(async () => {});
  await wg.wait();
  void new chango.Mutex();
  console.log(n);
}

void node.runMain(main);
`;

try {
  // ---- pack ------------------------------------------------------------------------------
  const pack = sh('npm', ['pack', '--pack-destination', work], root);
  const tgzName = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (pack.status !== 0 || tgzName === undefined) throw new Error(`npm pack failed\n${out(pack)}`);
  const tgz = join(work, tgzName);
  const listed = sh('tar', ['-tzf', tgz], work).stdout;
  check('the tarball holds dist/ (prepack builds it)', /package\/dist\/index\.js\n/.test(listed), listed);

  // ---- publint and Are-The-Types-Wrong ----------------------------------------------------
  const publint = sh(bin('publint'), ['run', tgz, '--strict'], work);
  check('publint --strict', publint.status === 0 && !/warning|error/i.test(publint.stdout), out(publint));
  const attw = sh(bin('attw'), [tgz, '--no-color', '--no-emoji'], work);
  check('Are-The-Types-Wrong', attw.status === 0, out(attw));

  // ---- the consumer type-check matrix ------------------------------------------------------
  const consumers = join(work, 'consumers');
  mkdirSync(consumers);
  writeFileSync(join(consumers, 'package.json'), '{ "name": "consumers", "private": true }\n');
  const inst = sh('npm', ['install', '--no-audit', '--no-fund', '--offline', tgz], consumers);
  if (inst.status !== 0) throw new Error(`npm install of the tarball failed\n${out(inst)}`);
  // Node's types come from this repository's install: no network needed.
  mkdirSync(join(consumers, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(root, 'node_modules/@types/node'), join(consumers, 'node_modules/@types/node'), 'dir');
  for (const c of MATRIX) {
    const dir = join(consumers, c.name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: c.type }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...BASE, ...c.options }, files: [c.file] }, null, 2),
    );
    writeFileSync(join(dir, c.file), c.cjsSyntax ? CONSUMER_CJS : CONSUMER);
    const r = sh(process.execPath, [tsc, '-p', dir], dir);
    check(`types: ${c.name}`, r.status === 0, out(r));
  }
  // A browser project: DOM and ES2022 libs, no @types/node anywhere, the library's .d.ts checked.
  const browser = join(work, 'browser');
  mkdirSync(browser);
  writeFileSync(join(browser, 'package.json'), '{ "name": "browser", "private": true, "type": "module" }\n');
  const binst = sh('npm', ['install', '--no-audit', '--no-fund', '--offline', tgz], browser);
  if (binst.status !== 0) throw new Error(`npm install of the tarball failed\n${out(binst)}`);
  writeFileSync(
    join(browser, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        ...BASE,
        lib: ['es2022', 'dom'],
        types: [],
        module: 'esnext',
        moduleResolution: 'bundler',
      },
      files: ['main.ts'],
    }),
  );
  writeFileSync(
    join(browser, 'main.ts'),
    // chango/node and chango/threads are Node's entry points: a browser project imports neither.
    CONSUMER.replace(/^import .*chango\/(node|threads).*\n/gm, '').replace(
      /^.*(runMain|Parallel|nodeExtras).*\n/gm,
      '',
    ),
  );
  const br = sh(process.execPath, [tsc, '-p', browser], browser);
  check('types: browser (lib es2022 + dom, no @types/node, skipLibCheck false)', br.status === 0, out(br));

  // ---- the README's first program, as the README says to run it ----------------------------
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const recipe = /### Your first program\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (snippet === undefined || recipe === undefined) throw new Error('README: no first example or no recipe');
  const lines = recipe
    .trim()
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').replace('../chango/chango-0.1.0.tgz', tgz));
  const setup = sh('bash', ['-ec', lines.slice(0, -1).join('\n')], work);
  check(`README recipe: ${lines.slice(0, -1).join('; ')}`, setup.status === 0, out(setup));
  const hello = join(work, 'hello');
  const runLine = lines.at(-1);
  writeFileSync(join(hello, 'main.mts'), snippet);
  const run = sh('bash', ['-ec', runLine], hello);
  const results = run.stdout
    .trim()
    .split('\n')
    .map((l) => Number(l.replace('Result: ', '')))
    .sort((a, b) => a - b);
  check(
    `README recipe: ${runLine} prints the ten results`,
    run.status === 0 && run.stderr === '' && results.join() === '2,4,6,8,10,12,14,16,18,20',
    out(run),
  );
  const pkg = JSON.parse(readFileSync(join(hello, 'package.json'), 'utf8'));
  check('README recipe: the scratch project is CommonJS (what npm init writes)', pkg.type !== 'module', pkg.type);

  // A forgotten close: main waits for ever on `results`; Go's report and exit status 2.
  check('README snippet closes results', snippet.includes('results.close();'), snippet);
  writeFileSync(join(hello, 'deadlock.mts'), snippet.replace('results.close();', ''));
  const dl = sh('bash', ['-ec', runLine.replace('main.mts', 'deadlock.mts')], hello);
  check(
    'README snippet without results.close(): fatal error: all goroutines are asleep - deadlock!, exit status 2',
    dl.status === 2 &&
      dl.stderr.startsWith('fatal error: all goroutines are asleep - deadlock!') &&
      dl.stderr.includes('deadlock.mts:') &&
      dl.stdout.trim().split('\n').length === 10,
    out(dl),
  );

  // ---- both builds in one process ----------------------------------------------------------
  cpSync(join(here, 'dual.mjs'), join(hello, 'dual.mjs'));
  const dual = sh(process.execPath, ['dual.mjs'], hello);
  check('dual package: the ESM and the CommonJS build in one process interoperate', dual.status === 0, out(dual));
  const dualDeadlock = sh(process.execPath, ['dual.mjs', 'deadlock'], hello);
  check(
    'dual package: the deadlock report lists operations blocked in either build',
    dualDeadlock.status === 2 &&
      dualDeadlock.stderr.includes('fatal error: all goroutines are asleep - deadlock!') &&
      dualDeadlock.stderr.includes('esm-channel') &&
      dualDeadlock.stderr.includes('cjs-channel'),
    out(dualDeadlock),
  );
} catch (e) {
  failures++;
  console.log(`FAIL ${e instanceof Error ? e.message : String(e)}`);
} finally {
  if (failures === 0) rmSync(work, { recursive: true, force: true });
  else console.log(`(left ${work} for a look)`);
}
console.log(failures === 0 ? 'test:package: all passed' : `test:package: ${failures} failed`);
process.exitCode = failures === 0 ? 0 : 1;

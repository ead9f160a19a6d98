/**
 * The worker-side code of the threads tests, bundled once per test file with esbuild into plain
 * JavaScript. A worker thread does not inherit the TypeScript loader its parent runs under, so
 * given `worker.ts` every thread would load tsx and transpile chango anew (about a second each, and
 * several on a loaded machine); given the bundle, a thread starts in tens of milliseconds. The
 * bundles carry source maps, and a pool given {@link BuiltThreads.options} turns them on, so a
 * worker's stack still names `worker.ts` and its line.
 *
 * Each call writes to a fresh temporary folder: test files run in parallel and never share one.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WorkerPool } from '../../src/threads/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** What a test needs of the built files. */
export interface BuiltThreads {
  /** The worker module the test pools run (`worker.ts` unless another was named, bundled). */
  readonly worker: URL;
  /** The folder holding the bundled programs (`programs/*.ts` as `programs/*.mjs`). */
  readonly dir: string;
  /** Pool options for the tests' pools: source maps on in the threads. */
  readonly options: { readonly execArgv: readonly string[] };
  /** Runs bundled program `programs/<file>` (named by its .ts source) as a process, to its end. */
  run(file: string): { stdout: string; stderr: string; status: number | null };
  /** Deletes the built files (after the file's last test). */
  remove(): void;
  /** A pool of `size` threads running the bundled worker module, source maps on, closed by {@link close}. */
  pool(size?: number): WorkerPool;
  /** Closes every pool {@link pool} made, then deletes the built files (after the file's last test). */
  close(): Promise<void>;
}

/**
 * Bundles the worker module (`worker.ts`, or `workerModule` of this folder) and, if asked, the
 * programs of `programs/`; resolves to where they are. The programs find the bundled worker
 * module in `THREADS_WORKER`.
 *
 * @example
 * ```ts
 * const { worker, options } = await buildThreads();
 * const pool = new WorkerPool(worker, { ...options, size: 2 });
 * ```
 */
export async function buildThreads(
  programs: readonly string[] = [],
  workerModule = 'worker.ts',
): Promise<BuiltThreads> {
  const dir = mkdtempSync(join(tmpdir(), 'chango-threads-'));
  await build({
    entryPoints: [
      { in: join(here, workerModule), out: 'worker' },
      ...programs.map((p) => ({ in: join(here, 'programs', p), out: `programs/${p.replace(/\.ts$/, '')}` })),
    ],
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    // package.json's sideEffects names dist/ only: without this, esbuild would drop the bare
    // `import 'chango/threads'` of src/ that makes a worker serve its pool.
    ignoreAnnotations: true,
    logLevel: 'silent',
  });
  const worker = pathToFileURL(join(dir, 'worker.mjs'));
  const options = { execArgv: ['--enable-source-maps'] };
  const pools: WorkerPool[] = [];
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  return {
    worker,
    dir,
    options,
    run(file) {
      const r = spawnSync(process.execPath, [join(dir, 'programs', file.replace(/\.ts$/, '.mjs'))], {
        cwd: join(here, '../..'),
        encoding: 'utf8',
        timeout: 60_000,
        // The programs find the bundled worker module here.
        env: { ...process.env, THREADS_WORKER: worker.href },
      });
      return { stdout: r.stdout, stderr: r.stderr, status: r.status };
    },
    remove,
    pool(size = 1) {
      const p = new WorkerPool(worker, { ...options, size });
      pools.push(p);
      return p;
    },
    async close() {
      await Promise.all(pools.map((p) => p.close()));
      remove();
    },
  };
}

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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** What a test needs of the built files. */
export interface BuiltThreads {
  /** The worker module the test pools run (`worker.ts` unless another was named, bundled). */
  readonly worker: URL;
  /** The folder holding the bundled programs (`programs/*.ts` as `programs/*.mjs`). */
  readonly dir: string;
  /** Pool options for the tests' pools: source maps on in the threads. */
  readonly options: { readonly execArgv: readonly string[] };
  /** Deletes the built files (after the file's last test). */
  remove(): void;
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
  return {
    worker: pathToFileURL(join(dir, 'worker.mjs')),
    dir,
    options: { execArgv: ['--enable-source-maps'] },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

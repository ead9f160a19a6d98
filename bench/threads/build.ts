/**
 * Builds the thread benchmarks into plain JavaScript (bench/.cache/threads/): the measuring
 * process and its worker module, each bundled with chango's sources by esbuild, and the pools'
 * job file beside them. A program in production runs JavaScript on its threads; run through tsx
 * instead, each worker thread registers tsx's loader, which more than doubled the CPU time of a
 * tiny job across the threads (5.9 against 2.8-3.9 µs in the same minute), and piscina's and
 * tinypool's workers (plain jobs.mjs) never paid it.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Builds bench/.cache/threads/{case,worker,jobs,port-worker}.mjs; returns the path of case.mjs. */
export async function buildThreadBench(): Promise<string> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const out = fileURLToPath(new URL('../.cache/threads/', import.meta.url));
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [
      { in: `${here}case.ts`, out: 'case' },
      { in: `${here}worker.ts`, out: 'worker' },
    ],
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // piscina and tinypool stay imports, found in bench/node_modules from bench/.cache/threads.
    packages: 'external',
    // package.json's sideEffects names dist/ only: without this, esbuild would drop the bare
    // `import 'chango/threads'` of src/ that makes a worker serve its pool.
    ignoreAnnotations: true,
    logLevel: 'warning',
  });
  copyFileSync(`${here}jobs.mjs`, `${out}jobs.mjs`);
  copyFileSync(`${here}port-worker.mjs`, `${out}port-worker.mjs`);
  return `${out}case.mjs`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await buildThreadBench());

/**
 * The one way bench/ scripts bundle a measuring process: chango's sources and the entry in one
 * ESM file for Node 20, the peers left as imports (found in bench/node_modules), so a fresh
 * process per cell starts in milliseconds instead of through tsx's loader.
 */
import type { Plugin } from 'esbuild';

/** Bundles `entry` into `outfile`; `plugins` can swap the sources (bench/ab.ts: a base commit's src/). */
export async function bundleForNode(entry: string, outfile: string, plugins: Plugin[] = []): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins,
  });
}

import { defineConfig } from 'tsup';

export default defineConfig({
  // One build for both entries, with code splitting: the core's modules then exist once, in a
  // shared chunk, so `chango/node` installs its park tracker in the very module the channels of
  // `chango` report to. Two builds would give each entry its own copy and the detector would
  // never see a park.
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', trace: 'src/trace/index.ts', threads: 'src/threads/index.ts' },
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The core runs anywhere; only the node and threads entries import Node's built-ins, left as imports.
  platform: 'neutral',
  external: [/^node:/],
  treeshake: true,
});

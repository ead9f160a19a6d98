import { defineConfig } from 'tsup';

export default defineConfig({
  // One build for both entries, with code splitting: the core's modules then exist once, in a
  // shared chunk, so `chango/node`, `chango/synctest`, `chango/trace` and `chango/threads` install
  // their park tracker, clock and hooks in the very modules the channels and timers of `chango`
  // report to. Two builds would give each entry its own copy and the detector or bubble would
  // never see a park.
  entry: {
    index: 'src/index.ts',
    node: 'src/node/index.ts',
    synctest: 'src/synctest/index.ts',
    trace: 'src/trace/index.ts',
    threads: 'src/threads/index.ts',
  },
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

import { defineConfig } from 'tsup';

export default defineConfig({
  // One build for both entries, with code splitting: the core's modules then exist once, in a
  // shared chunk, so `chango/node`, `chango/synctest`, `chango/trace` and `chango/threads` install
  // their park tracker, clock and hooks in the very modules the channels and timers of `chango`
  // report to. Two builds would give each entry its own copy and the detector or bubble would
  // never see a park.
  // A new entry point is one line here, one `exports` entry (and one `typesVersions` line) in
  // package.json, and one budget in scripts/size.mjs.
  entry: {
    index: 'src/index.ts',
    node: 'src/node/index.ts',
    synctest: 'src/synctest/index.ts',
    trace: 'src/trace/index.ts',
    threads: 'src/threads/index.ts',
    // chango/threads on Web Workers (the browser and deno conditions of package.json's exports).
    'threads-web': 'src/threads/web.ts',
  },
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The core runs anywhere; only the node and threads entries import Node's built-ins, left as
  // imports, and with their `node:` prefix (tsup strips it by default; Deno needs it).
  platform: 'neutral',
  external: [/^node:/],
  removeNodeProtocol: false,
  // esbuild's own tree shaking. tsup's extra rollup pass (`treeshake: true`) appended a second
  // sourceMappingURL line to every file; the application's bundler tree-shakes anyway.
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // What a user imports, resolved to the source (as tsconfig.json's paths do for tsc and tsx).
    alias: [
      { find: /^chango$/, replacement: src('index.ts') },
      { find: /^chango\/node$/, replacement: src('node/index.ts') },
      { find: /^chango\/node\/trace$/, replacement: src('node/trace.ts') },
      { find: /^chango\/threads$/, replacement: src('threads/index.ts') },
      { find: /^chango\/trace$/, replacement: src('trace/index.ts') },
      { find: /^chango\/synctest$/, replacement: src('synctest/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: one worker for tests leaves one for the event loop of the process under test.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});

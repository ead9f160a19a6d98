/**
 * The vitest config of the mutation runner (test/mutation/run.ts): runs the property suite with
 * every import of `src/` redirected to the mutant copy named by the MUTANT_SRC environment
 * variable (an absolute path to a copy of src/ with one deliberate bug).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const mutantSrc = process.env.MUTANT_SRC;
if (mutantSrc === undefined || mutantSrc === '') throw new Error('MUTANT_SRC must name the mutant copy of src/');

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: {
    // '../../src/index.js' (from test/props) becomes '<MUTANT_SRC>/index.js'; the mutant's own
    // relative imports then stay inside the mutant copy.
    alias: [
      { find: /^(?:\.\.\/)+src\/(.*)$/, replacement: `${mutantSrc}/$1` },
      // What a user imports ('chango', 'chango/node', 'chango/threads', 'chango/trace', 'chango/synctest') is the mutant too.
      { find: /^chango$/, replacement: `${mutantSrc}/index.ts` },
      { find: /^chango\/node$/, replacement: `${mutantSrc}/node/index.ts` },
      { find: /^chango\/threads$/, replacement: `${mutantSrc}/threads/index.ts` },
      { find: /^chango\/trace$/, replacement: `${mutantSrc}/trace/index.ts` },
      { find: /^chango\/synctest$/, replacement: `${mutantSrc}/synctest/index.ts` },
    ],
  },
  test: {
    include: (process.env.MUTANT_INCLUDE ?? 'test/props/*.props.test.ts').split(','),
    pool: 'forks',
    maxWorkers: 2,
    // TEST_TIMEOUT_MS: a loaded machine needs more than 20 s (see timeoutFor in test/helpers.ts).
    testTimeout: Number(process.env.TEST_TIMEOUT_MS ?? '') || 20_000,
  },
});

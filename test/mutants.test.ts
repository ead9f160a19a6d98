import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorProblem, mutants } from './mutation/mutants.js';

const src = resolve(import.meta.dirname, '../src');

/**
 * `npm run test:mutation` takes minutes, so it is not part of `npm test`; this keeps its mutants
 * applicable. A change to src/ that moves a mutant's code fails here, naming the mutant, its file
 * and its anchor, and the mutant is updated with it, instead of the mutation run quietly testing
 * less.
 */
describe('the mutation suite still applies to src/', () => {
  it.each(mutants.map((m) => [m.id, m] as const))('mutant %s finds its anchor exactly once', (_, m) => {
    expect(anchorProblem(m, readFileSync(join(src, m.file), 'utf8'))).toBeNull();
  });

  it('says which mutant no longer applies, and why', () => {
    const m = { id: 'm', bug: '', file: 'channel/channel.ts', anchor: 'x = 1;', replace: '' };
    expect(anchorProblem(m, 'y = 2;')).toBe('mutant m: its anchor "x = 1;" was not found in src/channel/channel.ts');
    expect(anchorProblem(m, 'x = 1; x = 1;')).toBe(
      'mutant m: its anchor "x = 1;" was found 2 times (it must be distinctive) in src/channel/channel.ts',
    );
    expect(anchorProblem(m, 'x = 1;')).toBeNull();
  });
});

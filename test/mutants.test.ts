import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutants } from './mutation/mutants.js';

const src = resolve(import.meta.dirname, '../src');

/**
 * `npm run test:mutation` takes minutes, so it is not part of `npm test`; this keeps its mutants
 * applicable. A change to src/ that moves a mutant's code fails here, and the mutant is updated
 * with it, instead of the mutation run quietly testing less.
 */
describe('the mutation suite still applies to src/', () => {
  it.each(mutants.map((m) => [m.id, m] as const))('mutant %s finds its code exactly once', (_, m) => {
    const text = readFileSync(join(src, m.file), 'utf8');
    expect(text.split(m.search).length - 1).toBe(1);
  });
});

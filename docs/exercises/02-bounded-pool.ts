// Exercise 2: bound the pool with errgroup's limit.
//
// fetchAll() calls fetchOne for every id and returns the results in the order of `ids`, and
// rejects with the first error. It starts every call at once; make it run at most `limit` calls
// at a time, with an ErrGroup and setLimit (Go: golang.org/x/sync/errgroup, g.SetLimit(limit)).
// Check: EXERCISES=mine npx vitest run test/exercises.test.ts -t "exercise 2"
import { ErrGroup } from '../../src/index.js';

export async function fetchAll<T>(
  ids: readonly number[],
  fetchOne: (id: number) => Promise<T>,
  limit: number,
): Promise<T[]> {
  void limit; // TODO: use it
  const out = new Array<T>(ids.length);
  const g = new ErrGroup();
  for (let i = 0; i < ids.length; i++) {
    void g.go(async () => {
      out[i] = await fetchOne(ids[i] as number);
    });
  }
  await g.wait();
  return out;
}

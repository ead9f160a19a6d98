// Solution to exercise 2: g.setLimit(limit), and await g.go(...) so that the loop waits for a
// free slot (Go's g.Go blocks while `limit` goroutines run).
import { ErrGroup } from '../../../src/index.js';

export async function fetchAll<T>(
  ids: readonly number[],
  fetchOne: (id: number) => Promise<T>,
  limit: number,
): Promise<T[]> {
  const out = new Array<T>(ids.length);
  const g = new ErrGroup();
  g.setLimit(limit);
  for (let i = 0; i < ids.length; i++) {
    await g.go(async () => {
      out[i] = await fetchOne(ids[i] as number);
    });
  }
  await g.wait();
  return out;
}

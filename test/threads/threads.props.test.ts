/**
 * Senders and receivers spread over the owner thread and two worker threads, in random numbers and
 * with random capacities: every value sent is received exactly once, each sender's values in its
 * order, and every party finishes once the channel is closed. The interleaving is the threads'
 * own; fast-check chooses the shape. Few runs: each one is real cross-thread traffic.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ThreadChannel, WorkerPool } from '../../src/threads/index.js';

const pool = new WorkerPool(new URL('./worker.ts', import.meta.url), { size: 2 });
afterAll(() => pool.close());

describe('ThreadChannel across threads (property)', () => {
  it('every value is received exactly once, in each sender order, whoever sends and receives where', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.record({ remote: fc.boolean(), count: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        async (capacity, senders, receiversRemote) => {
          const ch = new ThreadChannel<number>(capacity);
          const sent = senders.map((s, i) => Array.from({ length: s.count }, (_, k) => i * 1000 + k));
          const sending = senders.map((s, i) =>
            s.remote
              ? pool.go('sendAll', ch, sent[i])
              : (async () => {
                  for (const v of sent[i]!) await ch.send(v);
                })(),
          );
          const receiving = receiversRemote.map((remote) =>
            remote
              ? (pool.go('drain', ch) as Promise<number[]>)
              : (async () => {
                  const got: number[] = [];
                  for await (const v of ch) got.push(v);
                  return got;
                })(),
          );
          await Promise.all(sending);
          ch.close();
          const got = await Promise.all(receiving);
          const all = got.flat();
          expect(all.sort((a, b) => a - b)).toEqual(sent.flat().sort((a, b) => a - b));
          for (const g of got) {
            for (let i = 0; i < senders.length; i++) {
              const mine = g.filter((v) => Math.floor(v / 1000) === i);
              expect(mine).toEqual([...mine].sort((a, b) => a - b));
            }
          }
        },
      ),
      { numRuns: Number(process.env['FC_THREAD_RUNS'] ?? 12) },
    );
  });
});

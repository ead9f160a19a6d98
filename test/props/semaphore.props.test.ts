/**
 * Semaphore, Go's x/sync/semaphore.Weighted, under random interleavings chosen by
 * `fc.scheduler()`, with aborted acquires: it never over-grants, grants in request order, and
 * ends with all its weight free.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/sync/semaphore.js';
import { fcParams, settle, timeoutFor } from '../helpers.js';

const taskArb = fc.record({
  weight: fc.integer({ min: 0, max: 4 }),
  hold: fc.integer({ min: 0, max: 2 }),
  abortable: fc.boolean(),
});

describe('Semaphore properties', () => {
  it(
    'never over-grants, grants in request order, and ends with all weight free, under any interleaving and aborts',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.integer({ min: 1, max: 4 }),
          fc.array(taskArb, { minLength: 1, maxLength: 8 }),
          async (s, size, tasks) => {
            const sem = new Semaphore(size);
            let held = 0;
            // Request positions, and each request's state as the goroutines see it.
            const requested: number[] = [];
            const state = new Map<number, 'waiting' | 'granted' | 'aborted'>();
            const failures: unknown[] = [];
            for (let i = 0; i < tasks.length; i++) {
              const { weight, hold, abortable } = tasks[i]!;
              const w = Math.min(weight, size); // a request above size would wait for its signal forever
              void s
                .schedule(Promise.resolve(), `g${i} start`)
                .then(async () => {
                  let signal: AbortSignal | undefined;
                  if (abortable) {
                    const ac = new AbortController();
                    signal = ac.signal;
                    void s.schedule(Promise.resolve(), `g${i} abort`).then(() => ac.abort(`abort ${i}`));
                  }
                  requested.push(i);
                  state.set(i, 'waiting');
                  try {
                    await sem.acquire(w, { signal });
                  } catch (e) {
                    expect(e).toBe(`abort ${i}`);
                    state.set(i, 'aborted');
                    return;
                  }
                  state.set(i, 'granted');
                  held += w;
                  for (let k = 0; k < hold; k++) await s.schedule(Promise.resolve(), `g${i} hold ${k}`);
                  held -= w;
                  sem.release(w);
                })
                .catch((e: unknown) => failures.push(e)); // an assertion inside a goroutine fails the run
            }
            while (s.count() > 0) {
              await s.waitOne();
              await settle();
              expect(held).toBeLessThanOrEqual(size);
              // FIFO: nobody still waiting asked before anybody who got through.
              let lastGranted = -1;
              let firstWaiting = Number.POSITIVE_INFINITY;
              requested.forEach((i, pos) => {
                if (state.get(i) === 'granted') lastGranted = Math.max(lastGranted, pos);
                if (state.get(i) === 'waiting') firstWaiting = Math.min(firstWaiting, pos);
              });
              expect(lastGranted).toBeLessThan(firstWaiting);
            }
            expect(failures).toEqual([]);
            expect([...state.values()].every((v) => v !== 'waiting')).toBe(true);
            expect(held).toBe(0);
            expect(sem.tryAcquire(size)).toBe(true);
          },
        ),
        fcParams(200),
      );
    },
    timeoutFor(200, 100),
  );
});

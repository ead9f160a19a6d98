import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedulerState } from '../../src/runtime/scheduler.js';
import { ErrGroup } from '../../src/sync/errgroup.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

/**
 * Runs every pending microtask and continuation, including resumptions the channel's yield policy
 * has deferred to a macrotask. No clock is involved.
 */
async function flush(): Promise<void> {
  do await new Promise<void>((resolve) => setImmediate(resolve));
  while (schedulerState().yielding);
}

const taskArb = fc.record({ steps: fc.integer({ min: 0, max: 3 }), fails: fc.boolean() });

describe('ErrGroup properties', () => {
  it('respects the limit, starts FIFO, and wait settles after the last goroutine with the first error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 4 }),
        fc.array(taskArb, { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        async (s, limit, tasks, awaitGo) => {
          const { group, signal } = ErrGroup.withContext();
          group.setLimit(limit);
          let running = 0;
          let finished = 0;
          const started: number[] = [];
          let firstError: Error | undefined;

          const producer = (async () => {
            for (const [i, { steps, fails }] of tasks.entries()) {
              const p = group.go(async () => {
                started.push(i);
                running++;
                expect(running).toBeLessThanOrEqual(limit);
                try {
                  for (let k = 0; k < steps; k++) await s.schedule(Promise.resolve(), `g${i} step ${k}`);
                  if (fails) {
                    const e = new Error(`g${i}`);
                    firstError ??= e;
                    throw e;
                  }
                } finally {
                  running--;
                  finished++;
                }
              });
              if (awaitGo) await p;
            }
          })();

          let settled = false;
          let outcome: unknown = 'resolved';
          const waited = (async () => {
            await producer;
            try {
              await group.wait();
            } catch (e) {
              outcome = e;
            }
            settled = true;
          })();

          // Goroutines queued for a slot only schedule their steps once they start: let them.
          await flush();
          while (s.count() > 0) {
            await s.waitOne();
            await flush();
            // wait settles exactly when the last goroutine has finished, queued ones included.
            expect(settled).toBe(finished === tasks.length);
            if (firstError !== undefined) {
              expect(signal.aborted).toBe(true);
              expect(signal.reason).toBe(firstError);
            }
          }
          await waited;
          expect(finished).toBe(tasks.length);
          expect(started).toEqual(tasks.map((_, i) => i));
          expect(outcome).toBe(firstError ?? 'resolved');
          expect(signal.aborted).toBe(true);
        },
      ),
      { numRuns },
    );
  });
});

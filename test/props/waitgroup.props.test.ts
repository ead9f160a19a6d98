import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedulerState } from '../../src/runtime/scheduler.js';
import { NegativeWaitGroupCounterError } from '../../src/sync/errors.js';
import { WaitGroup } from '../../src/sync/waitgroup.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

/**
 * Runs every pending microtask and continuation, including resumptions the channel's yield policy
 * has deferred to a macrotask. No clock is involved.
 */
async function flush(): Promise<void> {
  do await new Promise<void>((resolve) => setImmediate(resolve));
  while (schedulerState().yielding);
}

type Op = { kind: 'add'; delta: number } | { kind: 'done' } | { kind: 'wait' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), delta: fc.integer({ min: 0, max: 3 }) }),
  fc.constant({ kind: 'done' as const }),
  fc.constant({ kind: 'wait' as const }),
);

describe('WaitGroup properties', () => {
  it('wait resolves exactly when the counter reaches zero, under any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(opArb, { minLength: 1, maxLength: 24 }), async (s, ops) => {
        const wg = new WaitGroup();
        // The model: the counter, and how many times it has come back to zero.
        let counter = 0;
        let zeros = 0;
        const waiters: { startedAtZero: boolean; zerosAtStart: number; resolved: boolean }[] = [];

        const exec = (op: Op): void => {
          switch (op.kind) {
            case 'add':
              wg.add(op.delta);
              counter += op.delta;
              if (counter === 0 && op.delta !== 0) zeros++;
              return;
            case 'done':
              if (counter === 0) {
                expect(() => wg.done()).toThrow(NegativeWaitGroupCounterError);
                return;
              }
              wg.done();
              if (--counter === 0) zeros++;
              return;
            case 'wait': {
              const w = { startedAtZero: counter === 0, zerosAtStart: zeros, resolved: false };
              waiters.push(w);
              void wg.wait().then(() => (w.resolved = true));
              return;
            }
          }
        };

        const failures: unknown[] = [];
        for (const op of ops)
          void s
            .schedule(Promise.resolve(op))
            .then(exec)
            .catch((e: unknown) => failures.push(e));
        while (s.count() > 0) {
          await s.waitOne();
          await flush();
          for (const w of waiters) {
            const shouldBeResolved = w.startedAtZero || zeros > w.zerosAtStart;
            expect(w.resolved).toBe(shouldBeResolved);
          }
        }
        // Drain what is left: every remaining waiter resolves with the last decrement, not before.
        while (counter > 0) {
          for (const w of waiters) expect(w.resolved).toBe(w.startedAtZero || zeros > w.zerosAtStart);
          wg.done();
          counter--;
          await flush();
        }
        for (const w of waiters) expect(w.resolved).toBe(true);
        expect(failures).toEqual([]);
      }),
      { numRuns },
    );
  });

  it('go(fn): wait resolves exactly after the last goroutine finishes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        async (s, n, steps) => {
          const wg = new WaitGroup();
          let running = 0;
          for (let i = 0; i < n; i++) {
            running++;
            wg.go(async () => {
              for (let k = 0; k < steps; k++) await s.schedule(Promise.resolve(k), `g${i} step ${k}`);
              running--;
            });
          }
          let resolved = false;
          let runningAtRelease = -1;
          void wg.wait().then(() => {
            resolved = true;
            runningAtRelease = running;
          });
          while (s.count() > 0) {
            await s.waitOne();
            await flush();
            expect(resolved).toBe(running === 0);
          }
          await flush();
          expect(resolved).toBe(true);
          expect(runningAtRelease).toBe(0); // released by the last goroutine's done, never earlier
        },
      ),
      { numRuns },
    );
  });
});

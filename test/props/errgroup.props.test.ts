/**
 * ErrGroup, Go's x/sync/errgroup.Group, under random interleavings chosen by `fc.scheduler()`.
 *
 * - `go` with a limit and `withContext`: the limit holds, goroutines start in FIFO order, wait
 *   settles after the last goroutine with the first error, and the context's signal aborts with it.
 * - A caller issues `go` (awaited or not) and `tryGo` calls, with or without a limit, while the
 *   goroutines it started finish or fail (synchronously or after some steps).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrGroup } from '../../src/index.js';
import { fcParams, settle, timeoutFor } from '../helpers.js';

const taskArb = fc.record({ steps: fc.integer({ min: 0, max: 3 }), fails: fc.boolean() });

describe('ErrGroup properties', () => {
  it(
    'respects the limit, starts FIFO, and wait settles after the last goroutine with the first error',
    async () => {
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
            await settle();
            while (s.count() > 0) {
              await s.waitOne();
              await settle();
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
        fcParams(200),
      );
    },
    timeoutFor(200, 100),
  );
});

const MODERATE = 150;
const MAX_STEPS = 5_000;

type Fails = 'no' | 'sync' | 'async';
interface Action {
  readonly call: 'go' | 'go-awaited' | 'tryGo';
  readonly steps: number;
  readonly fails: Fails;
}

const actionArb: fc.Arbitrary<Action> = fc.record({
  call: fc.constantFrom('go' as const, 'go' as const, 'go-awaited' as const, 'tryGo' as const),
  steps: fc.integer({ min: 0, max: 4 }),
  fails: fc.constantFrom<Fails>('no', 'no', 'sync', 'async'),
});

describe('ErrGroup with go, tryGo and synchronous failures', () => {
  it(
    'never runs more goroutines at once than its limit, tryGo starts one exactly when a slot is free, wait settles exactly when every goroutine (queued ones included) has finished, and it rejects with the first error that happened',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 4 })),
          fc.array(actionArb, { minLength: 1, maxLength: 10 }),
          async (s, limit, actions) => {
            const g = new ErrGroup();
            if (limit >= 0) g.setLimit(limit);
            let running = 0;
            let counted = 0; // goroutines the group accepted (go, or tryGo that returned true)
            let finished = 0;
            let firstError: Error | undefined;
            const problems: string[] = [];
            let callerDone = false;
            let waitResult: { status: 'pending' } | { status: 'resolved' } | { status: 'rejected'; reason: unknown } = {
              status: 'pending',
            };

            const body =
              (i: number, { steps, fails }: Action) =>
              (): Promise<void> | void => {
                running++;
                if (limit >= 0 && running > limit)
                  problems.push(`goroutine ${i} started with ${running} running, limit ${limit}`);
                const fail = (): never => {
                  running--;
                  finished++;
                  const e = new Error(`goroutine ${i}`);
                  firstError ??= e;
                  throw e;
                };
                if (fails === 'sync') fail();
                return (async () => {
                  for (let k = 0; k < steps; k++) await s.schedule(Promise.resolve(), `g${i} step ${k}`);
                  if (fails === 'async') fail();
                  running--;
                  finished++;
                })();
              };

            void (async () => {
              for (const [i, a] of actions.entries()) {
                await s.schedule(Promise.resolve(), `caller: ${a.call} ${i}`);
                if (a.call === 'tryGo') {
                  const free = limit < 0 || running < limit;
                  const started = g.tryGo(body(i, a));
                  if (started !== free)
                    problems.push(`tryGo ${i} returned ${started} with ${running} running, limit ${limit}`);
                  if (started) counted++;
                } else {
                  counted++;
                  const p = g.go(body(i, a));
                  if (a.call === 'go-awaited') await p;
                }
              }
              callerDone = true;
              g.wait().then(
                () => (waitResult = { status: 'resolved' }),
                (reason: unknown) => (waitResult = { status: 'rejected', reason }),
              );
            })();

            for (let step = 0; ; step++) {
              await settle();
              const allDone = callerDone && finished === counted;
              if (callerDone)
                expect(waitResult.status !== 'pending', `wait settled with ${finished}/${counted} finished`).toBe(
                  allDone,
                );
              if (s.count() === 0) break;
              if (step > MAX_STEPS) throw new Error('livelock');
              await s.waitNext(1);
            }
            expect(problems).toEqual([]);
            expect(callerDone, 'the caller is blocked in go').toBe(true);
            expect(finished).toBe(counted);
            expect(waitResult).toEqual(
              firstError === undefined ? { status: 'resolved' } : { status: 'rejected', reason: firstError },
            );
          },
        ),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 30),
  );
});

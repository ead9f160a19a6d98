/**
 * WaitGroup, Go's sync.WaitGroup, under random programs.
 *
 * - Interleavings (`fc.scheduler()`): wait resolves exactly when the counter reaches zero, and
 *   `go(fn)` releases wait exactly after the last goroutine finishes.
 * - Against its reference model (model.ts, WaitGroupModel): random programs of add (negative
 *   deltas included), done, wait (with and without an already aborted signal) and aborts of
 *   blocked waits. After every step the real WaitGroup must agree with the model on which waits
 *   have resolved, on every error, and, through everything that follows, on the counter itself:
 *   an add or done that fails must change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NegativeWaitGroupCounterError, WaitGroup } from '../../src/index.js';
import { commandsConstraints, fcParams, settle, timeoutFor } from '../helpers.js';
import { checkStep, RealOps, type RealOp } from './harness.js';
import { WaitGroupModel, type Blocked, type Outcome } from './model.js';

const MODERATE = 200;

type Op = { kind: 'add'; delta: number } | { kind: 'done' } | { kind: 'wait' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), delta: fc.integer({ min: 0, max: 3 }) }),
  fc.constant({ kind: 'done' as const }),
  fc.constant({ kind: 'wait' as const }),
);

describe('WaitGroup properties', () => {
  it(
    'wait resolves exactly when the counter reaches zero, under any interleaving',
    async () => {
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
            await settle();
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
            await settle();
          }
          for (const w of waiters) expect(w.resolved).toBe(true);
          expect(failures).toEqual([]);
        }),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 100),
  );

  it(
    'go(fn): wait resolves exactly after the last goroutine finishes',
    async () => {
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
              await settle();
              expect(resolved).toBe(running === 0);
            }
            await settle();
            expect(resolved).toBe(true);
            expect(runningAtRelease).toBe(0); // released by the last goroutine's done, never earlier
          },
        ),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 100),
  );
});

interface Real {
  readonly wg: WaitGroup;
  readonly ops: RealOps;
}

class Cmd implements fc.AsyncCommand<WaitGroupModel, Real> {
  constructor(
    private readonly label: string,
    private readonly step: (m: WaitGroupModel, r: Real) => { op: RealOp; expected: Outcome | Blocked } | void,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: WaitGroupModel, r: Real): Promise<void> {
    const mark = m.log.length;
    const invoked = this.step(m, r);
    await settle();
    checkStep(r.ops, m.log, mark, invoked ?? undefined);
  }
  toString(): string {
    return this.label;
  }
}

function attempt(f: () => void): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof NegativeWaitGroupCounterError ? 'negative' : `unexpected: ${String(e)}`;
  }
}

const addCmd = fc.integer({ min: -3, max: 3 }).map(
  (delta) =>
    new Cmd(`add(${delta})`, (m, r) => {
      expect(
        attempt(() => r.wg.add(delta)),
        `add(${delta}) with counter ${m.counter}`,
      ).toBe(m.add(delta));
    }),
);

const doneCmd = fc.constant(
  new Cmd('done', (m, r) => {
    expect(
      attempt(() => r.wg.done()),
      `done() with counter ${m.counter}`,
    ).toBe(m.add(-1));
  }),
);

const waitCmd = fc
  .integer({ min: 0, max: 7 })
  .map((n) => n === 0)
  .map(
    (pre) =>
      new Cmd(pre ? 'wait(aborted signal)' : 'wait', (m, r) => {
        const expected = m.wait(r.ops.peek(), pre);
        const op = r.ops.start('void', (signal) => r.wg.wait({ signal }), { preAborted: pre });
        return { op, expected };
      }),
  );

const abortCmd = fc.nat({ max: 30 }).map(
  (k) =>
    new Cmd(`abort(#${k})`, (m, r) => {
      const candidates = r.ops.all.filter((o) => !o.preAborted);
      const op = candidates[k % Math.max(1, candidates.length)];
      if (op === undefined) return;
      m.abort(op.id);
      r.ops.abort(op);
    }),
);

describe('WaitGroup agrees with the reference model of a Go sync.WaitGroup', () => {
  it(
    'wait resolves exactly when the counter reaches zero (at once if it is zero), an add or done that would make the counter negative throws and changes nothing, and an aborted wait rejects without disturbing the others',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.commands([addCmd, addCmd, doneCmd, waitCmd, waitCmd, abortCmd], commandsConstraints(40)),
          async (cmds) => {
            const m = new WaitGroupModel();
            const r: Real = { wg: new WaitGroup(), ops: new RealOps() };
            await fc.asyncModelRun(() => ({ model: m, real: r }), cmds);
            // The counter is what the model says: bringing it to zero releases every blocked wait.
            const mark = m.log.length;
            expect(attempt(() => r.wg.add(-m.counter))).toBe(m.add(-m.counter));
            await settle();
            checkStep(r.ops, m.log, mark);
            expect(
              r.ops.all.filter((o) => o.settled === undefined).map((o) => o.id),
              'waits still blocked at zero',
            ).toEqual([]);
            // ...and one below zero is refused.
            expect(attempt(() => r.wg.done())).toBe('negative');
          },
        ),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 20),
  );
});

/**
 * WaitGroup against its reference model (model.ts, WaitGroupModel): random programs of add
 * (negative deltas included), done, wait (with and without an already aborted signal) and
 * aborts of blocked waits. After every step the real WaitGroup must agree with the model on
 * which waits have resolved, on every error, and, through everything that follows, on the
 * counter itself: an add or done that fails must change nothing.
 *
 * (test/props/waitgroup.props.test.ts, by the WaitGroup issue, checks wait under fc.scheduler
 * interleavings and `go`; this file adds negative deltas, failed calls and aborts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NegativeWaitGroupCounterError, WaitGroup } from '../../src/index.js';
import { checkStep, fcParams, RealOps, settle, timeoutFor, type RealOp, commandsConstraints } from './harness.js';
import { WaitGroupModel, type Blocked, type Outcome } from './model.js';

const MODERATE = 200;

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

/**
 * Model-based properties of Channel: random programs of send, recv (in its three forms:
 * `recv`, `recvValue`, an iterator's `next`), trySend, tryRecv, close and aborts, run against a
 * real Channel and against the reference model (model.ts) side by side. After every step the
 * two must agree on everything observable: the result of the operation just started (value,
 * `ok`, the error it fails with, or that it is still blocked), exactly which blocked
 * operations completed and how, `length` and `capacity`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/index.js';
import { commandsConstraints, fcParams, settle, timeoutFor } from '../helpers.js';
import { checkStep, errorName, RealOps, type RealOp } from './harness.js';
import { ModelChannel, World, type Outcome } from './model.js';

const MODERATE = 150;

interface Model {
  readonly world: World;
  readonly ch: ModelChannel;
}
interface Real {
  readonly ops: RealOps;
  readonly ch: Channel<number>;
}

/** A step of the random program; after it runs, the real channel must agree with the model. */
class Cmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    private readonly label: string,
    private readonly step: (m: Model, r: Real) => { op: RealOp; expected: Outcome | 'blocked' } | void,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    const mark = m.world.log.length;
    const invoked = this.step(m, r);
    await settle();
    checkStep(r.ops, m.world.log, mark, invoked ?? undefined);
    expect(r.ch.length, 'length').toBe(m.ch.length);
    expect(r.ch.capacity, 'capacity').toBe(m.ch.capacity);
  }
  toString(): string {
    return this.label;
  }
}

/** A rare flag: an operation started with a signal that is already aborted. */
const preAborted = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);

const sendCmd = preAborted.map(
  (pre) =>
    new Cmd(pre ? 'send(aborted signal)' : 'send', (m, r) => {
      const value = r.ops.peek(); // every value is unique: the op's id
      const expected = m.ch.send(value, value, pre);
      const op = r.ops.start('send', (signal) => r.ch.send(value, { signal }), { preAborted: pre });
      return { op, expected };
    }),
);

const recvCmd = fc
  .tuple(fc.constantFrom('recv' as const, 'recvValue' as const, 'iter' as const), preAborted)
  .map(([shape, pre0]) => {
    const pre = shape === 'iter' ? false : pre0; // an iterator's next() takes no signal
    return new Cmd(pre ? `${shape}(aborted signal)` : shape, (m, r) => {
      const id = r.ops.peek();
      const expected = m.ch.recv(id, pre);
      const op = r.ops.start(
        shape,
        (signal) =>
          shape === 'recv'
            ? r.ch.recv({ signal })
            : shape === 'recvValue'
              ? r.ch.recvValue({ signal })
              : r.ch[Symbol.asyncIterator]().next(),
        { preAborted: pre, abortable: shape !== 'iter' },
      );
      return { op, expected };
    });
  });

const trySendCmd = fc.constant(
  new Cmd('trySend', (m, r) => {
    const value = r.ops.fresh();
    const expected = m.ch.trySend(value);
    let actual: unknown;
    try {
      actual = r.ch.trySend(value);
    } catch (e) {
      actual = errorName(e);
    }
    expect(actual, `trySend(${value})`).toEqual(typeof expected === 'boolean' ? expected : expected.kind);
  }),
);

const tryRecvCmd = fc.constant(
  new Cmd('tryRecv', (m, r) => {
    const expected = m.ch.tryRecv();
    const actual = r.ch.tryRecv();
    expect(actual, 'tryRecv()').toEqual(
      expected === undefined
        ? undefined
        : expected.kind === 'received'
          ? { value: expected.value, ok: expected.ok }
          : expected,
    );
  }),
);

const closeCmd = fc.constant(
  new Cmd('close', (m, r) => {
    const expected = m.ch.close();
    let actual: string | undefined;
    try {
      r.ch.close();
    } catch (e) {
      actual = errorName(e);
    }
    expect(actual, 'close()').toBe(expected);
  }),
);

/** Aborts the k-th abortable operation started so far: blocked (it must fail and leave no trace) or already done (no effect). */
const abortCmd = fc.nat({ max: 50 }).map(
  (k) =>
    new Cmd(`abort(#${k})`, (m, r) => {
      const candidates = r.ops.all.filter((o) => o.controller !== null && !o.preAborted);
      const op = candidates[k % Math.max(1, candidates.length)];
      if (op === undefined) return;
      m.world.abort(op.id, [m.ch]);
      r.ops.abort(op);
    }),
);

const program = fc.commands(
  [sendCmd, sendCmd, sendCmd, recvCmd, recvCmd, recvCmd, trySendCmd, tryRecvCmd, abortCmd, abortCmd, closeCmd],
  commandsConstraints(40),
);

describe('Channel agrees with the reference model of a Go channel', () => {
  it(
    'every send, receive, try-operation, abort and close has the result the model gives, and completes exactly the blocked operations the model completes (capacities 0 to 8)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 8 }),
          fc.constantFrom<number | undefined>(undefined, -1),
          program,
          async (capacity, zero, cmds) => {
            const world = new World();
            const m: Model = { world, ch: new ModelChannel(world, capacity, zero) };
            const r: Real = { ops: new RealOps(), ch: new Channel<number>(capacity, { zero }) };
            await fc.asyncModelRun(() => ({ model: m, real: r }), cmds);
            // Finally close (if the program did not) so that every blocked operation must settle as the model says.
            const mark = world.log.length;
            const expected = m.ch.close();
            let actual: string | undefined;
            try {
              r.ch.close();
            } catch (e) {
              actual = errorName(e);
            }
            expect(actual).toBe(expected);
            await settle();
            checkStep(r.ops, world.log, mark);
            const pending = r.ops.all.filter((o) => o.settled === undefined).map((o) => o.id);
            expect(pending, 'operations still blocked after close').toEqual([]);
          },
        ),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 25),
  );
});

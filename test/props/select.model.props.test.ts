/**
 * Model-based properties of select: random programs over three channels (random capacities
 * 0 to 2) and the nil channel, mixing plain operations with `select` (with and without
 * `default`, aborted or not) and `trySelect`, compared step by step with the reference model
 * (model.ts). The model parks a select as one queue entry per case and, at the first hand-off,
 * removes the others: so a select that commits two cases, loses or duplicates a value, waits on
 * a nil channel, runs `default` while a case is ready or picks a case that was not ready
 * disagrees with the model at the step where it happens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Channel, recv as recvCase, select, send as sendCase, trySelect, type SelectCase } from '../../src/index.js';
import { commandsConstraints, fcParams, settle, timeoutFor } from '../helpers.js';
import { checkStep, errorName, expectedSettled, RealOps, type RealOp, type Settled } from './harness.js';
import { BLOCKED, ModelChannel, World, type ModelCase, type Outcome } from './model.js';

const MODERATE = 150;
const CHANNELS = 3;
const NIL = -1;

interface Model {
  readonly world: World;
  readonly chs: ModelChannel[];
  readonly nil: ModelChannel;
}
interface Real {
  readonly ops: RealOps;
  readonly chs: Channel<number>[];
}

const modelCh = (m: Model, i: number): ModelChannel => (i === NIL ? m.nil : (m.chs[i] as ModelChannel));
const realCh = (r: Real, i: number): Channel<number> =>
  i === NIL ? Channel.nil<number>() : (r.chs[i] as Channel<number>);

type Invoked = { op: RealOp; expected: Outcome | typeof BLOCKED | { exactly: Settled } } | void;

class Cmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    private readonly label: string,
    private readonly step: (m: Model, r: Real) => Invoked | Promise<Invoked>,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    const mark = m.world.log.length;
    const invoked = await this.step(m, r);
    await settle();
    checkStep(r.ops, m.world.log, mark, invoked ?? undefined);
    r.chs.forEach((ch, i) => expect(ch.length, `len(ch${i})`).toBe(modelCh(m, i).length));
  }
  toString(): string {
    return this.label;
  }
}

/** A channel for a plain operation or a case: one of the three, or (less often) the nil channel. */
const chIndex = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: CHANNELS - 1 }) },
  { weight: 1, arbitrary: fc.constant(NIL) },
);
const caseChIndex = chIndex;
const chName = (i: number): string => (i === NIL ? 'nil' : `ch${i}`);
const preAborted = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);

const sendCmd = fc.tuple(chIndex, preAborted).map(
  ([i, pre]) =>
    new Cmd(`${chName(i)}.send${pre ? '(aborted signal)' : ''}`, (m, r) => {
      const value = r.ops.peek();
      const expected = modelCh(m, i).send(value, value, pre);
      const op = r.ops.start('send', (signal) => realCh(r, i).send(value, { signal }), { preAborted: pre });
      return { op, expected };
    }),
);

const recvCmd = fc.tuple(chIndex, preAborted).map(
  ([i, pre]) =>
    new Cmd(`${chName(i)}.recv${pre ? '(aborted signal)' : ''}`, (m, r) => {
      const expected = modelCh(m, i).recv(r.ops.peek(), pre);
      const op = r.ops.start('recv', (signal) => realCh(r, i).recv({ signal }), { preAborted: pre });
      return { op, expected };
    }),
);

/** Two sends on two channels in one synchronous step: both become ready "in the same tick". */
const burstCmd = fc.tuple(chIndex, chIndex).map(
  ([i, j]) =>
    new Cmd(`${chName(i)}.send + ${chName(j)}.trySend (same tick)`, (m, r) => {
      const a = r.ops.peek();
      const expected = modelCh(m, i).send(a, a);
      const op = r.ops.start('send', (signal) => realCh(r, i).send(a, { signal }));
      const b = r.ops.fresh();
      const tryExpected = modelCh(m, j).trySend(b);
      let actual: unknown;
      try {
        actual = realCh(r, j).trySend(b);
      } catch (e) {
        actual = errorName(e);
      }
      expect(actual, `${chName(j)}.trySend(${b})`).toEqual(
        typeof tryExpected === 'boolean' ? tryExpected : tryExpected.kind,
      );
      return { op, expected };
    }),
);

const tryRecvCmd = chIndex.map(
  (i) =>
    new Cmd(`${chName(i)}.tryRecv`, (m, r) => {
      const expected = modelCh(m, i).tryRecv();
      expect(realCh(r, i).tryRecv(), `${chName(i)}.tryRecv()`).toEqual(
        expected?.kind === 'received' ? { value: expected.value, ok: expected.ok } : expected,
      );
    }),
);

const closeCmd = chIndex.map(
  (i) =>
    new Cmd(`${chName(i)}.close`, (m, r) => {
      const expected = modelCh(m, i).close();
      let actual: string | undefined;
      try {
        realCh(r, i).close();
      } catch (e) {
        actual = errorName(e);
      }
      expect(actual, `${chName(i)}.close()`).toBe(expected);
    }),
);

const abortCmd = fc.nat({ max: 50 }).map(
  (k) =>
    new Cmd(`abort(#${k})`, (m, r) => {
      const candidates = r.ops.all.filter((o) => o.controller !== null && !o.preAborted);
      const op = candidates[k % Math.max(1, candidates.length)];
      if (op === undefined) return;
      m.world.abort(op.id, [...m.chs, m.nil]);
      r.ops.abort(op);
    }),
);

interface CaseSpec {
  readonly ch: number;
  readonly isSend: boolean;
  /** Written with a handler (which returns the same record select gives without one). */
  readonly handler: boolean;
}
const casesArb = fc.array(fc.record({ ch: caseChIndex, isSend: fc.boolean(), handler: fc.boolean() }), {
  minLength: 0,
  maxLength: 4,
});
const showCases = (cs: readonly CaseSpec[]): string =>
  `[${cs.map((c) => `${c.isSend ? 'send' : 'recv'}(${chName(c.ch)}${c.handler ? ', handler' : ''})`).join(', ')}]`;

/** Builds the same cases for the model and for chango; send cases get fresh unique values. */
function buildCases(m: Model, r: Real, specs: readonly CaseSpec[]): { model: ModelCase[]; real: SelectCase[] } {
  const model: ModelCase[] = [];
  const real: SelectCase[] = [];
  specs.forEach((c, index) => {
    if (c.isSend) {
      const v = r.ops.fresh();
      model.push({ ch: modelCh(m, c.ch), isSend: true, value: v });
      real.push(c.handler ? sendCase(realCh(r, c.ch), v, () => ({ index })) : sendCase(realCh(r, c.ch), v));
    } else {
      model.push({ ch: modelCh(m, c.ch), isSend: false });
      real.push(
        c.handler ? recvCase(realCh(r, c.ch), (value, ok) => ({ index, value, ok })) : recvCase(realCh(r, c.ch)),
      );
    }
  });
  return { model, real };
}

/**
 * Given what the real select did when it completed at once, the model's outcome: the chosen case
 * must have been ready on entry, and the model then performs that same case.
 */
function modelChoice(
  m: Model,
  cases: readonly ModelCase[],
  ready: readonly number[],
  real: RealOp['settled'] | { status: 'threw'; reason: string },
): Outcome {
  if (real === undefined)
    throw new Error(`select stayed blocked although cases ${ready.join(',')} were ready on entry`);
  if (real.status === 'fulfilled') {
    const index = (real.value as { index?: unknown } | null)?.index;
    if (typeof index !== 'number')
      throw new Error(
        `select resolved to ${JSON.stringify(real.value)}, not a case, although cases ${ready.join(',')} were ready`,
      );
    expect(ready, `the chosen case ${index} must be one of the ready cases`).toContain(index);
    return m.world.selectNow(cases, index);
  }
  // It failed: only a send case on a closed channel may make a ready select fail.
  const closedSend = ready.find((i) => cases[i]?.isSend === true && cases[i]?.ch.closed === true);
  expect(real.reason, 'a select that fails at once must have picked a send case on a closed channel').toBe(
    'send-on-closed',
  );
  if (closedSend === undefined)
    throw new Error('select failed with send-on-closed but no ready send case was on a closed channel');
  return m.world.selectNow(cases, closedSend);
}

/** Runs `f`, recording the case index of every select case it enqueues on a channel, in order. */
function recordEnqueueOrder<R>(f: () => R): { result: R; indices: number[] } {
  const indices: number[] = [];
  const proto = Channel.prototype as unknown as { enqueue(w: { group: unknown; index: number }): void };
  const enqueue = proto.enqueue;
  proto.enqueue = function (this: unknown, w) {
    if (w.group !== null) indices.push(w.index);
    enqueue.call(this, w);
  };
  try {
    return { result: f(), indices };
  } finally {
    proto.enqueue = enqueue;
  }
}

const selectCmd = fc.tuple(casesArb, fc.boolean(), preAborted).map(
  ([specs, withDefault, pre]) =>
    new Cmd(
      `select(${showCases(specs)}${withDefault ? ', default' : ''}${pre ? ', aborted signal' : ''})`,
      async (m, r) => {
        const { model, real } = buildCases(m, r, specs);
        const ready = m.world.ready(model);
        // Go's pass 2 enqueues the cases in a random order; the model parks in the order the real
        // select did, read as it happens (as the real choice among ready cases is read below).
        const order = recordEnqueueOrder(() =>
          r.ops.start(
            'select',
            (signal) => (withDefault ? select(real, { signal, default: () => 'default' }) : select(real, { signal })),
            { preAborted: pre },
          ),
        );
        const op = order.result;
        if (pre) return { op, expected: { kind: 'aborted' } as Outcome };
        await settle(); // the real choice among ready cases is random: read it, then replay it in the model
        if (ready.length === 0) {
          if (withDefault) return { op, expected: { exactly: { status: 'fulfilled', value: 'default' } } };
          m.world.park(op.id, model, order.indices);
          return { op, expected: BLOCKED };
        }
        return { op, expected: modelChoice(m, model, ready, op.settled) };
      },
    ),
);

const trySelectCmd = casesArb.map(
  (specs) =>
    new Cmd(`trySelect(${showCases(specs)})`, (m, r) => {
      const { model, real } = buildCases(m, r, specs);
      const ready = m.world.ready(model);
      let settled: { status: 'fulfilled'; value: unknown } | { status: 'rejected'; reason: string };
      try {
        settled = { status: 'fulfilled', value: trySelect(real) };
      } catch (e) {
        settled = { status: 'rejected', reason: errorName(e) };
      }
      if (ready.length === 0) {
        expect(settled, 'trySelect with nothing ready').toEqual({ status: 'fulfilled', value: undefined });
        return;
      }
      const outcome = modelChoice(m, model, ready, settled);
      expect(settled, 'trySelect').toEqual(expectedSettled('select', outcome));
    }),
);

const program = fc.commands(
  [
    sendCmd,
    sendCmd,
    recvCmd,
    recvCmd,
    burstCmd,
    tryRecvCmd,
    selectCmd,
    selectCmd,
    selectCmd,
    trySelectCmd,
    abortCmd,
    abortCmd,
    closeCmd,
  ],
  commandsConstraints(40),
);

describe('select agrees with the reference model', () => {
  it(
    'exactly one case of a select commits, a ready case is chosen if there is one, default runs only when none is, nil cases are never chosen, and no value is lost or duplicated under aborts, same-tick readiness and close',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 2 }), { minLength: CHANNELS, maxLength: CHANNELS }),
          program,
          async (capacities, cmds) => {
            const world = new World();
            const m: Model = {
              world,
              chs: capacities.map((c) => new ModelChannel(world, c, -1)),
              nil: new ModelChannel(world, 0, undefined, true),
            };
            const r: Real = { ops: new RealOps(), chs: capacities.map((c) => new Channel<number>(c, { zero: -1 })) };
            await fc.asyncModelRun(() => ({ model: m, real: r }), cmds);
            // Close everything still open: every blocked operation but those waiting only on nil must settle as the model says.
            const mark = world.log.length;
            r.chs.forEach((ch, i) => {
              if (!modelCh(m, i).closed) {
                modelCh(m, i).close();
                ch.close();
              }
            });
            await settle();
            checkStep(r.ops, world.log, mark);
            // Abort what is left (blocked on nil only): each must reject with its own reason.
            for (const op of r.ops.all) {
              if (op.settled === undefined) {
                m.world.abort(op.id, [m.nil]);
                r.ops.abort(op);
              }
            }
            await settle();
            expect(
              r.ops.all.filter((o) => o.settled === undefined).map((o) => o.id),
              'still blocked',
            ).toEqual([]);
          },
        ),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 30),
  );
});

/**
 * The real side of the model-based properties: starts chango operations, records how and in
 * which order they settle, and compares them with the reference model (model.ts).
 *
 * Determinism: a blocked operation is completed synchronously by its partner (the hand-off), but
 * its promise settles in a microtask, and an operation that completes at once may be resumed
 * from a macrotask by the yield policy (src/runtime/scheduler.ts). So no property counts
 * microtask ticks: after every step, `settle()` lets everything runnable run (a real
 * `setImmediate`, repeated while the policy is yielding) and only then are results compared.
 */
import { expect } from 'vitest';
import { CloseOfClosedChannelError, CloseOfNilChannelError, SendOnClosedChannelError } from '../../src/index.js';
import { BLOCKED, type Blocked, type Completion, type Outcome } from './model.js';

/** How a real operation settled, normalised so that it compares with the model. */
export type Settled =
  { readonly status: 'fulfilled'; readonly value: unknown } | { readonly status: 'rejected'; readonly reason: string };

/** What a real operation's promise resolves to: the shape of its result. */
export type Shape = 'send' | 'recv' | 'recvValue' | 'iter' | 'select' | 'void';

export interface RealOp {
  readonly id: number;
  readonly shape: Shape;
  /** Null for an operation that takes no signal (an iterator's `next`). */
  readonly controller: AbortController | null;
  /** The reason its signal aborts with: unique to the operation, so it is recognised by identity. */
  readonly reason: { readonly abortOf: number };
  readonly preAborted: boolean;
  settled: Settled | undefined;
}

/** Names an error the way the model does. */
export function errorName(e: unknown, op?: RealOp): string {
  if (op !== undefined && e === op.reason) return 'aborted';
  if (e instanceof SendOnClosedChannelError) return 'send-on-closed';
  if (e instanceof CloseOfClosedChannelError) return 'close-of-closed';
  if (e instanceof CloseOfNilChannelError) return 'close-of-nil';
  return `unexpected: ${String(e)}`;
}

/** The real operations of one run, each with its own AbortController, in the order they settle. */
export class RealOps {
  private nextId = 1;
  readonly all: RealOp[] = [];
  readonly byId = new Map<number, RealOp>();
  /** Operation ids in the order their promises settled. */
  readonly settledOrder: number[] = [];
  private checked = 0;

  /** The id the next `start` will use (the tests also use it as the value sent, so every value is unique). */
  peek(): number {
    return this.nextId;
  }

  /** Uses up an id without starting an operation: a fresh value for trySend. */
  fresh(): number {
    return this.nextId++;
  }

  /**
   * Starts an operation. `call` gets the operation's signal (aborted already if `preAborted`).
   * A synchronous throw is recorded as a rejection: no blocking operation may throw.
   */
  start(
    shape: Shape,
    call: (signal: AbortSignal | undefined) => Promise<unknown>,
    opts: { preAborted?: boolean; abortable?: boolean } = {},
  ): RealOp {
    const id = this.nextId++;
    const abortable = opts.abortable ?? true;
    const controller = abortable ? new AbortController() : null;
    const op: RealOp = {
      id,
      shape,
      controller,
      reason: { abortOf: id },
      preAborted: opts.preAborted ?? false,
      settled: undefined,
    };
    if (op.preAborted) controller?.abort(op.reason);
    this.all.push(op);
    this.byId.set(id, op);
    let p: Promise<unknown>;
    try {
      p = call(controller?.signal);
    } catch (e) {
      p = Promise.reject(new Error(`threw synchronously: ${String(e)}`));
    }
    p.then(
      (value) => {
        op.settled = { status: 'fulfilled', value };
        this.settledOrder.push(id);
      },
      (e: unknown) => {
        op.settled = { status: 'rejected', reason: errorName(e, op) };
        this.settledOrder.push(id);
      },
    );
    return op;
  }

  /** Aborts operation `op` (a no-op for the real channel if it already completed). */
  abort(op: RealOp): void {
    op.controller?.abort(op.reason);
  }

  /** Operations settled since the last call, except `exclude`. */
  takeSettled(exclude?: number): number[] {
    const ids = this.settledOrder.slice(this.checked).filter((id) => id !== exclude);
    this.checked = this.settledOrder.length;
    return ids;
  }
}

/** What a real operation of `shape` settles to when the model says `outcome`. */
export function expectedSettled(shape: Shape, outcome: Outcome): Settled {
  switch (outcome.kind) {
    case 'send-on-closed':
    case 'aborted':
      return { status: 'rejected', reason: outcome.kind };
    case 'sent':
      return { status: 'fulfilled', value: shape === 'select' ? { index: outcome.index } : undefined }; // 'send', 'void'
    case 'received': {
      const { value, ok } = outcome;
      switch (shape) {
        case 'recv':
          return { status: 'fulfilled', value: { value, ok } };
        case 'recvValue':
          return { status: 'fulfilled', value };
        case 'iter':
          return { status: 'fulfilled', value: ok ? { done: false, value } : { done: true, value: undefined } };
        case 'select':
          return { status: 'fulfilled', value: { index: outcome.index, value, ok } };
        case 'send':
        case 'void':
          return { status: 'fulfilled', value: `a ${shape} cannot receive (${String(value)})` };
      }
    }
  }
}

/**
 * After `settle()`: the operation just started (`invoked`) must have settled as the model says
 * (or still be pending if the model says it blocked), and exactly the blocked operations the
 * model completed in this step (`modelLog.slice(mark)`) must have settled since the last check,
 * each as the model says. Which blocked operation completes is what the FIFO rules are about.
 */
export function checkStep(
  ops: RealOps,
  modelLog: readonly Completion[],
  mark: number,
  invoked?: { op: RealOp; expected: Outcome | Blocked | { exactly: Settled } },
): void {
  if (invoked !== undefined) {
    const { op, expected } = invoked;
    if (expected === BLOCKED) {
      expect(op.settled, `op #${op.id} (${op.shape}) should be blocked`).toBeUndefined();
    } else if ('exactly' in expected) {
      expect(op.settled, `op #${op.id} (${op.shape})`).toEqual(expected.exactly);
    } else {
      expect(op.settled, `op #${op.id} (${op.shape}) should complete at once`).toEqual(
        expectedSettled(op.shape, expected),
      );
    }
  }
  const real = ops.takeSettled(invoked?.op.id).sort((a, b) => a - b);
  const model = modelLog.slice(mark).filter((c) => c.op !== invoked?.op.id);
  const modelIds = model.map((c) => c.op).sort((a, b) => a - b);
  expect(real, 'the blocked operations completed by this step').toEqual(modelIds);
  for (const c of model) {
    const op = ops.byId.get(c.op);
    if (op === undefined) throw new Error(`model completed unknown op #${c.op}`);
    expect(op.settled, `op #${op.id} (${op.shape})`).toEqual(expectedSettled(op.shape, c.outcome));
  }
}

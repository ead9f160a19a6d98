/**
 * The reference model: an executable reading of the Go specification of channels and select
 * (https://go.dev/ref/spec#Channel_types, #Send_statements, #Receive_operator, #Close,
 * #Select_statements) and of runtime/chan.go and runtime/select.go, written to be obviously
 * correct rather than fast. Plain arrays, `shift` and `push`, no ring buffer, no linked lists.
 *
 * A channel is four things:
 *
 *   buffer  values sent and not yet received, oldest first (at most `capacity` of them)
 *   sendq   blocked senders, oldest first (each with the value it wants to send)
 *   recvq   blocked receivers, oldest first
 *   closed  whether close has been called
 *
 * and every rule of the semantics is one line below:
 *
 * - A send completes at once if the channel is closed (it fails: "send on closed channel"),
 *   if a receiver is waiting (the oldest one gets the value), or if the buffer has room (the
 *   value is appended). Otherwise the sender joins the end of `sendq`.
 * - A receive completes at once if the buffer holds a value (it takes the oldest, and if a
 *   sender is blocked, the oldest blocked sender's value moves into the freed slot and that
 *   sender completes), or if a sender is blocked (unbuffered: the oldest one hands its value
 *   over), or if the channel is closed (it reads `(zero, false)`). Otherwise the receiver joins
 *   the end of `recvq`.
 * - close fails on a closed channel ("close of closed channel") and on the nil channel ("close
 *   of nil channel"); otherwise every blocked receiver reads `(zero, false)` and every blocked
 *   sender fails. Buffered values stay and are received in order before `(zero, false)`.
 * - The nil channel is never ready: its sends and receives block forever.
 * - An operation given an already aborted signal does nothing and fails with the signal's
 *   reason. Aborting a blocked operation removes it from its queue at once and fails it.
 * - select: the cases ready on entry are found (`canSend` / `canRecv`, never a nil channel);
 *   one of them is chosen uniformly at random and performed. If none is ready, `default` runs
 *   if there is one; otherwise the select waits on every case at once (one entry per case, in
 *   the channels' queues), and the first partner to reach one of those entries completes
 *   exactly that case: at that instant the select's other entries leave their queues. A send
 *   case on a closed channel fails with "send on closed channel", ready on entry or not.
 *
 * The model cannot know which case the real select picks among several ready ones (the choice
 * is random), so `selectNow` takes the chosen index and the tests check it is one of `ready`.
 */

/** How an operation ended. `index` is set for a select. */
export type Outcome =
  | { readonly kind: 'sent'; readonly index?: number }
  | { readonly kind: 'received'; readonly value: unknown; readonly ok: boolean; readonly index?: number }
  /** rejected (or thrown) with SendOnClosedChannelError */
  | { readonly kind: 'send-on-closed' }
  /** rejected with the signal's reason */
  | { readonly kind: 'aborted' };

/** The answer of an operation that did not complete at once. */
export const BLOCKED = 'blocked' as const;
export type Blocked = typeof BLOCKED;

export const SENT: Outcome = { kind: 'sent' };
export const SEND_ON_CLOSED: Outcome = { kind: 'send-on-closed' };
export const ABORTED: Outcome = { kind: 'aborted' };
export function received(value: unknown, ok: boolean): Outcome {
  return { kind: 'received', value, ok };
}

/** One entry in a queue: a blocked plain send or receive, or one case of a parked select. */
export interface Waiter {
  /** The id of the operation (all the cases of one select share it). */
  readonly op: number;
  /** For a send: the value it sends. */
  readonly value: unknown;
  /** The parked select this entry is a case of, or null for a plain send or receive. */
  readonly select: ParkedSelect | null;
  /** The case index within the select (-1 for a plain operation). */
  readonly index: number;
}

/** A select waiting on all its cases. */
export interface ParkedSelect {
  readonly op: number;
  /** One entry per non-nil case (none at all for `select {}` or a select of nil cases only). */
  readonly entries: { readonly ch: ModelChannel; readonly w: Waiter }[];
  /** Set once a case has completed or the select was aborted. */
  done: boolean;
}

/** A completion of a blocked operation, in the order completions happen. */
export interface Completion {
  readonly op: number;
  readonly outcome: Outcome;
}

/** A select case in the model. */
export interface ModelCase {
  readonly ch: ModelChannel;
  readonly isSend: boolean;
  readonly value?: unknown;
}

/** Several channels that share one log of completions (a select spans channels). */
export class World {
  readonly log: Completion[] = [];
  /** Every select that has parked. */
  readonly selects: ParkedSelect[] = [];

  /** A blocked operation completes. If it is a select case, the select's other entries leave their queues now. */
  wake(w: Waiter, outcome: Outcome): void {
    if (w.select !== null) {
      w.select.done = true;
      for (const e of w.select.entries) if (e.w !== w) e.ch.unlink(e.w);
      if (outcome.kind === 'sent' || outcome.kind === 'received') outcome = { ...outcome, index: w.index };
    }
    this.log.push({ op: w.op, outcome });
  }

  /** Aborts operation `op` if it is blocked (all entries of a select); false if it is not blocked. */
  abort(op: number, channels: readonly ModelChannel[]): boolean {
    let found = false;
    for (const sel of this.selects) {
      if (sel.op === op && !sel.done) {
        sel.done = true;
        for (const e of sel.entries) e.ch.unlink(e.w);
        found = true;
      }
    }
    for (const ch of channels) {
      for (const w of [...ch.sendq, ...ch.recvq]) {
        if (w.op === op) {
          ch.unlink(w);
          found = true;
        }
      }
    }
    if (found) this.log.push({ op, outcome: ABORTED });
    return found;
  }

  /** The indices of the cases ready on entry: what select's first pass sees. */
  ready(cases: readonly ModelCase[]): number[] {
    const ready: number[] = [];
    cases.forEach((c, i) => {
      if (c.isSend ? c.ch.canSend() : c.ch.canRecv()) ready.push(i);
    });
    return ready;
  }

  /** Performs ready case `index` (the one the real select chose). */
  selectNow(cases: readonly ModelCase[], index: number): Outcome {
    const c = cases[index];
    if (c === undefined) throw new Error(`no case ${index}`);
    const outcome = c.isSend ? c.ch.sendNow(c.value) : c.ch.recvNow();
    if (outcome.kind === 'sent' || outcome.kind === 'received') return { ...outcome, index };
    return outcome;
  }

  /**
   * select with nothing ready and no default: one queue entry per non-nil case, enqueued in
   * `order` (case indices). Go enqueues in a random order (pass 2's `lockorder`), which decides
   * which of several cases on one channel a later partner meets: the caller passes the order the
   * real select used; by default, case order.
   */
  park(op: number, cases: readonly ModelCase[], enqueued?: readonly number[]): void {
    const sel: ParkedSelect = { op, entries: [], done: false };
    this.selects.push(sel);
    const nonNil = cases.flatMap((c, i) => (c.ch.isNil ? [] : [i]));
    const order = enqueued ?? nonNil;
    if ([...order].sort((a, b) => a - b).join() !== nonNil.join()) {
      throw new Error(`the real select enqueued cases [${order.join()}], not each non-nil case [${nonNil.join()}] once`);
    }
    order.forEach((index) => {
      const c = cases[index] as ModelCase;
      const w: Waiter = { op, value: c.value, select: sel, index };
      sel.entries.push({ ch: c.ch, w });
      (c.isSend ? c.ch.sendq : c.ch.recvq).push(w);
    });
  }
}

export class ModelChannel {
  readonly buffer: unknown[] = [];
  readonly sendq: Waiter[] = [];
  readonly recvq: Waiter[] = [];
  closed = false;

  constructor(
    readonly world: World,
    readonly capacity: number,
    readonly zero: unknown = undefined,
    readonly isNil = false,
  ) {}

  /** `len(ch)` */
  get length(): number {
    return this.buffer.length;
  }

  /** Would a send complete at once (including failing because the channel is closed)? */
  canSend(): boolean {
    if (this.isNil) return false;
    return this.closed || this.recvq.length > 0 || this.buffer.length < this.capacity;
  }

  /** Would a receive complete at once? */
  canRecv(): boolean {
    if (this.isNil) return false;
    return this.buffer.length > 0 || this.sendq.length > 0 || this.closed;
  }

  /** A send that can complete at once (`canSend()`). */
  sendNow(value: unknown): Outcome {
    if (this.closed) return SEND_ON_CLOSED;
    const r = this.recvq.shift();
    if (r !== undefined) {
      this.world.wake(r, received(value, true));
      return SENT;
    }
    this.buffer.push(value);
    return SENT;
  }

  /** A receive that can complete at once (`canRecv()`). */
  recvNow(): Outcome {
    if (this.buffer.length > 0) {
      const value = this.buffer.shift();
      // The oldest blocked sender (the buffer was full) moves its value into the freed slot.
      const s = this.sendq.shift();
      if (s !== undefined) {
        this.buffer.push(s.value);
        this.world.wake(s, SENT);
      }
      return received(value, true);
    }
    const s = this.sendq.shift();
    if (s !== undefined) {
      this.world.wake(s, SENT);
      return received(s.value, true);
    }
    return received(this.zero, false); // closed and drained
  }

  /** `ch <- value`, blocking. */
  send(op: number, value: unknown, aborted = false): Outcome | Blocked {
    if (aborted) return ABORTED;
    if (this.canSend()) return this.sendNow(value);
    this.sendq.push({ op, value, select: null, index: -1 });
    return BLOCKED;
  }

  /** `v, ok := <-ch`, blocking. */
  recv(op: number, aborted = false): Outcome | Blocked {
    if (aborted) return ABORTED;
    if (this.canRecv()) return this.recvNow();
    this.recvq.push({ op, value: undefined, select: null, index: -1 });
    return BLOCKED;
  }

  /** `select { case ch <- v: true; default: false }`; a closed channel fails. */
  trySend(value: unknown): boolean | Outcome {
    if (this.closed) return SEND_ON_CLOSED;
    if (!this.canSend()) return false;
    this.sendNow(value);
    return true;
  }

  /** `select { case v, ok := <-ch: ...; default: }`: undefined if it would block. */
  tryRecv(): Outcome | undefined {
    return this.canRecv() ? this.recvNow() : undefined;
  }

  /** `close(ch)`: returns the error it fails with, if any. */
  close(): 'close-of-nil' | 'close-of-closed' | undefined {
    if (this.isNil) return 'close-of-nil';
    if (this.closed) return 'close-of-closed';
    this.closed = true;
    // Receivers wait only while nothing is buffered, so each of them reads (zero, false).
    for (let r = this.recvq.shift(); r !== undefined; r = this.recvq.shift()) {
      this.world.wake(r, received(this.zero, false));
    }
    for (let s = this.sendq.shift(); s !== undefined; s = this.sendq.shift()) {
      this.world.wake(s, SEND_ON_CLOSED);
    }
    return undefined;
  }

  /** Removes one entry from whichever queue holds it. */
  unlink(w: Waiter): void {
    for (const q of [this.sendq, this.recvq]) {
      const i = q.indexOf(w);
      if (i >= 0) q.splice(i, 1);
    }
  }
}

/**
 * The reference model of Go's sync.WaitGroup: a counter and the waiters blocked on it.
 *
 * - `add(delta)`: if the counter would go below zero, it fails ("sync: negative WaitGroup
 *   counter") and nothing changes. Otherwise the counter moves, and when it reaches zero every
 *   blocked waiter is released.
 * - `done()` is `add(-1)`.
 * - `wait()` completes at once when the counter is zero; otherwise it blocks until it is. Like
 *   every blocking operation, an already aborted signal fails it at once, and aborting a blocked
 *   wait removes it.
 */
export class WaitGroupModel {
  counter = 0;
  readonly waiters: number[] = [];
  readonly log: Completion[] = [];

  add(delta: number): 'negative' | undefined {
    if (this.counter + delta < 0) return 'negative';
    this.counter += delta;
    if (this.counter === 0) {
      for (const op of this.waiters.splice(0)) this.log.push({ op, outcome: SENT });
    }
    return undefined;
  }

  wait(op: number, aborted = false): Outcome | Blocked {
    if (aborted) return ABORTED;
    if (this.counter === 0) return SENT;
    this.waiters.push(op);
    return BLOCKED;
  }

  abort(op: number): void {
    const i = this.waiters.indexOf(op);
    if (i < 0) return;
    this.waiters.splice(i, 1);
    this.log.push({ op, outcome: ABORTED });
  }
}

/**
 * A parked select: the `WaiterGroup` its case waiters point at.
 *
 * Go's selectgo parks one sudog per case and, once woken, dequeues the others. Here the channel
 * calls {@link SelectGroup.commit} at the very moment of hand-off and the group unlinks every
 * other case right there, synchronously, so no second transfer can ever reach this select: that
 * is the whole "exactly one case commits" guarantee.
 */
import { noop, type ParkedSelect, type Waiter, type WaiterGroup } from '../runtime/waiter.js';
import { failAtAwaiter } from '../runtime/panicsite.js';
import { resume } from '../runtime/scheduler.js';
import type { Case } from './cases.js';

export class SelectGroup implements WaiterGroup, EventListenerObject, ParkedSelect {
  // Declared fields, not parameter properties: see Waiter.
  readonly cases: readonly Case[];
  /** No case has a handler: the promise can resolve to the result record itself. */
  readonly direct: boolean;
  /** One waiter per non-nil case, in case order. */
  readonly waiters: Waiter[] = [];
  resolve: (winner: unknown) => void = noop;
  reject: (reason: unknown) => void = noop;
  signal: AbortSignal | null = null;
  done = false;
  /** Only ever set while a park tracker is installed (see Waiter). */
  declare site: Error | undefined;

  constructor(cases: readonly Case[], direct: boolean) {
    this.cases = cases;
    this.direct = direct;
  }

  commit(w: Waiter): void {
    this.finish(w);
    // A handler must run in the selecting goroutine, after this hand-off returns: hand it the
    // winner. Without handlers the record is the final result and needs no extra hop.
    resume(this.resolve, this.direct ? record(w) : w);
  }

  fail(w: Waiter, error: () => Error): void {
    this.finish(w);
    failAtAwaiter(this.resolve, error);
  }

  /** The abort listener. */
  handleEvent(): void {
    const signal = this.signal;
    if (this.done || signal === null) return;
    this.finish(null);
    this.reject(signal.reason);
  }

  private finish(winner: Waiter | null): void {
    this.done = true;
    for (const w of this.waiters) {
      if (w !== winner && w.queue !== null) w.ch.unlink(w);
    }
    if (this.signal !== null) {
      this.signal.removeEventListener('abort', this);
      this.signal = null;
    }
  }
}

/** What select resolves to when case `w.index` wins and has no handler. */
export function record(w: Waiter): unknown {
  return w.isSend ? { index: w.index } : { index: w.index, value: w.value, ok: w.ok };
}

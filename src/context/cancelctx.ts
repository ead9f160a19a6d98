/**
 * A derived context: Go's `cancelCtx` and `timerCtx` (context/context.go), on the platform's
 * `AbortSignal`.
 *
 * The child's signal aborts when its `cancel` is called, when its parent aborts (with the
 * parent's reason) or when its deadline passes, whichever comes first. It then lets go of
 * everything at once: the listener on the parent is removed and the timer cleared. That is what
 * `AbortSignal.any` does not do: Node 20 keeps every signal derived with it on its parent
 * (nodejs/node#55351), so a long-lived parent with one derived signal per request grows without
 * bound. Here a parent holds exactly one listener per live child and none once it is done.
 *
 * The deadline is an {@link Alarm} on the current clock: like Go's timer it keeps the process
 * alive until it fires or `cancel` releases it, it never fires early and it waits out any
 * duration. The platform's `AbortSignal.timeout` does neither: Node unrefs it, so a program that
 * waits on nothing else exits at once.
 */
import { disposeFallback } from '../runtime/dispose.js';
import { describe } from '../runtime/args.js';
import { isAbortSignal } from '../runtime/signal.js';
import { Alarm } from '../time/alarm.js';

/**
 * What {@link withCancel}, {@link withTimeout} and {@link withDeadline} return: Go's
 * `ctx, cancel`. Disposable, so that `using ctx = withTimeout(parent, ms)` is Go's
 * `defer cancel()`.
 *
 * @example
 * ```ts
 * using ctx = withTimeout(parent, 5000); // ctx, cancel := context.WithTimeout(parent, 5*time.Second)
 *                                        // defer cancel()
 * await fetch(url, { signal: ctx.signal });
 * ```
 */
export interface CancelContext extends Disposable {
  /** `ctx`: aborts when `cancel` is called, when the parent aborts, or when the deadline passes. */
  readonly signal: AbortSignal;
  /**
   * `cancel()`: aborts `signal` (with `reason`, or a `context canceled` AbortError), clears the
   * timer and detaches from the parent. Later calls do nothing. A function of its own: it can be
   * passed around detached (`const { cancel } = ...`).
   */
  readonly cancel: (reason?: unknown) => void;
}

/** Validates a parent: an AbortSignal, or undefined for Go's `context.Background()`. */
export function checkParent(parent: unknown, what: string): asserts parent is AbortSignal | undefined {
  if (parent !== undefined && !isAbortSignal(parent)) {
    throw new TypeError(`${what}: parent must be an AbortSignal, got ${describe(parent)}`);
  }
}

/** @internal the child context; exported as {@link CancelContext} only. */
export class CancelCtx extends Alarm implements CancelContext, EventListenerObject {
  private readonly ac = new AbortController();
  readonly signal: AbortSignal = this.ac.signal;
  /** Without a reason: Go's `context.Canceled`, as the platform spells an abort (an `AbortError`). */
  readonly cancel = (reason?: unknown): void =>
    this.finish(reason === undefined ? new DOMException('context canceled', 'AbortError') : reason);
  /** The parent listened to, until this context is done. */
  private parent: AbortSignal | undefined;

  /** Go's `propagateCancel`: an aborted parent aborts the child at once, a live one later. */
  constructor(parent: AbortSignal | undefined) {
    super();
    disposeFallback(CancelCtx.prototype);
    if (parent === undefined) return;
    if (parent.aborted) {
      this.ac.abort(parent.reason);
    } else {
      this.parent = parent;
      parent.addEventListener('abort', this);
    }
  }

  /** Sets the deadline `ms` from now on the clock (Go's `WithDeadline` after propagateCancel). */
  expireIn(ms: number): void {
    if (this.signal.aborted) return;
    this.when = this.clock.now() + ms;
    // A deadline already past aborts now, as Go's WithDeadline cancels before it returns.
    if (ms > 0) this.arm();
    else this.ring();
  }

  /** The parent aborted. */
  handleEvent(): void {
    const parent = this.parent;
    if (parent !== undefined) this.finish(parent.reason);
  }

  /** The deadline passed. */
  ring(): void {
    // Go's `context.DeadlineExceeded`, as the platform spells a timeout (`AbortSignal.timeout`'s name).
    this.finish(new DOMException('context deadline exceeded', 'TimeoutError'));
  }

  [Symbol.dispose](): void {
    this.cancel();
  }

  /** Go's `cancelCtx.cancel`: releases the timer and the parent, then aborts. Once only. */
  private finish(reason: unknown): void {
    if (this.signal.aborted) return;
    this.when = -1;
    this.disarm();
    this.parent?.removeEventListener('abort', this);
    this.parent = undefined;
    this.ac.abort(reason);
  }
}

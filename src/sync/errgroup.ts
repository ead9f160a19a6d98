/**
 * ErrGroup: `golang.org/x/sync/errgroup.Group`, built the way Go builds it: a {@link WaitGroup}
 * for the goroutines, a buffered channel of tokens as the limit (a send takes a slot, a receive
 * frees it; blocked senders queue FIFO) and a record of the first error.
 *
 * One deliberate difference: Go's `g.Go` blocks its caller until a slot is free and only then
 * counts the goroutine. Here `go` returns at once with a promise, and a caller need not await
 * it, so the goroutine is counted as soon as it is queued: `wait` then covers work that is still
 * waiting for a slot, instead of resolving in the gap between one goroutine's end and the next
 * one's start.
 */
import { Channel } from '../channel/channel.js';
import { withCancel } from '../context/withcancel.js';
import { checkNumber } from '../runtime/args.js';
import { completedVoid } from '../runtime/scheduler.js';
import { checkSignal } from '../runtime/signal.js';
import { WaitGroup } from './waitgroup.js';
import { ModifyLimitWhileActiveError } from './errors.js';
import { checkFunction, goroutine } from './goroutine.js';

const MAX_LIMIT = 2 ** 31 - 1;

/**
 * A Go `errgroup.Group` (`golang.org/x/sync/errgroup`): goroutines working on subtasks of one
 * task, with the first error kept for `wait`, an optional limit on how many run at once, and,
 * from {@link ErrGroup.withContext}, an `AbortSignal` that aborts on the first error. It is
 * bounded fan-out with errors done right: what p-limit and p-map do, with Go's semantics.
 *
 * A `new ErrGroup()` is Go's zero Group: no limit, and no signal to abort.
 *
 * @example
 * ```ts
 * const { group, signal } = ErrGroup.withContext(); // g, ctx := errgroup.WithContext(ctx)
 * group.setLimit(8);                                 // g.SetLimit(8)
 * for (const url of urls) {
 *   await group.go(async () => {                     // g.Go(func() error { ... })
 *     const res = await fetch(url, { signal });
 *     if (!res.ok) throw new Error(`${url}: ${res.status}`);
 *   });
 * }
 * await group.wait();                                // if err := g.Wait(); err != nil { return err }
 * ```
 */
export class ErrGroup {
  private readonly wg = new WaitGroup();
  /** The limit's slots: a token in the buffer per running goroutine. Null means no limit. */
  private sem: Channel<void> | null = null;
  private failed = false;
  private err: unknown = undefined;
  /** Aborts the signal of `withContext` (Go's `cancel` of WithCancelCause); null for a plain group. */
  private cancelCause: ((reason?: unknown) => void) | null = null;

  /**
   * `errgroup.WithContext(ctx)`: a new group and an `AbortSignal` that aborts the first time a
   * goroutine of the group fails (with that error as `signal.reason`) or the first time `wait`
   * settles, whichever comes first, and also when `parent` aborts (with the parent's reason).
   * Pass the signal to the goroutines' work so that the others stop after the first failure.
   * The signal is derived with {@link withCancel}: once the group is done it holds nothing on
   * `parent`, so one group per request on a long-lived parent leaks nothing.
   *
   * @param parent the signal this group's signal derives from, Go's parent context.
   * @throws TypeError if `parent` is not an AbortSignal.
   * @example
   * ```ts
   * const { group, signal } = ErrGroup.withContext(request.signal); // g, ctx := errgroup.WithContext(ctx)
   * group.go(() => fetchUser(id, { signal }));
   * group.go(() => fetchOrders(id, { signal }));
   * await group.wait();
   * ```
   */
  static withContext(parent?: AbortSignal): { readonly group: ErrGroup; readonly signal: AbortSignal } {
    checkSignal(parent);
    const group = new ErrGroup();
    // Go's WithCancelCause: released from the parent as soon as the group is done.
    const ctx = withCancel(parent);
    group.cancelCause = ctx.cancel;
    const signal = ctx.signal;
    return { group, signal };
  }

  /**
   * `g.Go(f)`: runs `fn` as a goroutine of the group. If `fn` throws or rejects and it is the
   * group's first error, `wait` will reject with it and the `withContext` signal aborts with it.
   * `fn` is called synchronously when a slot is free; its result is ignored.
   *
   * Without a limit, or with a free slot, `fn` starts before `go` returns. With the limit
   * reached, Go's `g.Go` blocks the caller; here the returned promise resolves when `fn` has
   * started. Awaiting it is the Go behaviour (the caller is held back: backpressure); not
   * awaiting it queues `fn` (FIFO) and `wait` still waits for it, but the queue is unbounded.
   * The promise never rejects.
   *
   * @throws TypeError (synchronously) if `fn` is not a function; nothing is queued.
   * @example
   * ```ts
   * for (const file of files) await g.go(() => upload(file)); // g.Go(func() error { return upload(file) })
   * ```
   */
  go(fn: () => unknown): Promise<void> {
    checkFunction(fn, 'ErrGroup.go');
    const sem = this.sem;
    this.wg.add(1);
    if (sem === null || sem.trySend(undefined)) {
      this.spawnGoroutine(fn, sem);
      return completedVoid();
    }
    return sem.send(undefined).then(() => this.spawnGoroutine(fn, sem));
  }

  /**
   * `g.TryGo(f)`: starts `fn` as a goroutine of the group only if a slot is free right now (or
   * there is no limit). Returns whether it did. A goroutine queued by `go` keeps its place:
   * `tryGo` never jumps the queue.
   *
   * @throws TypeError if `fn` is not a function.
   * @example
   * ```ts
   * if (!g.tryGo(() => prefetch(next))) skipped++; // if !g.TryGo(f) { ... }
   * ```
   */
  tryGo(fn: () => unknown): boolean {
    checkFunction(fn, 'ErrGroup.tryGo');
    const sem = this.sem;
    if (sem !== null && !sem.trySend(undefined)) return false;
    this.wg.add(1);
    this.spawnGoroutine(fn, sem);
    return true;
  }

  /**
   * `g.SetLimit(n)`: at most `n` goroutines of the group run at once; a negative `n` removes the
   * limit. As in Go, a limit of 0 lets nothing start (`go` waits forever, `tryGo` returns false).
   *
   * @throws ModifyLimitWhileActiveError if goroutines of the group are running or queued; the
   *   limit is unchanged.
   * @throws RangeError if `n` is not an integer, not finite, or more than 2^31-1.
   * @throws TypeError if `n` is not a number.
   * @example
   * ```ts
   * const g = new ErrGroup();
   * g.setLimit(4); // g.SetLimit(4)
   * ```
   */
  setLimit(n: number): void {
    checkNumber(n, 'ErrGroup limit');
    if (!Number.isInteger(n) || n > MAX_LIMIT) {
      throw new RangeError(`ErrGroup limit must be an integer up to 2^31-1, got ${n}`);
    }
    // The WaitGroup counts the group's goroutines, running or queued for a slot.
    const active = this.wg.n;
    if (active !== 0) throw new ModifyLimitWhileActiveError(active);
    this.sem = n < 0 ? null : new Channel<void>(n, { name: 'errgroup.Group' });
  }

  /**
   * `g.Wait()`: settles once every goroutine of the group, queued ones included, has finished.
   * Resolves if none failed and **rejects with the first error** otherwise, where Go returns it.
   * A rejection is chango's reading of `if err := g.Wait(); err != nil { return err }`, the way
   * Go code almost always handles it: the error propagates unless caught, and a forgotten check
   * cannot drop it silently. Settling also aborts the `withContext` signal, as Go's Wait cancels
   * the context (with an `AbortError` reason if nothing failed). Calling `wait` again settles the
   * same way.
   *
   * @example
   * ```ts
   * try {
   *   await g.wait();      // if err := g.Wait(); err != nil {
   * } catch (err) {
   *   log.error(err);      //   log.Print(err)
   * }                      // }
   * ```
   */
  wait(): Promise<void> {
    return this.wg.wait().then(() => {
      this.cancelCause?.();
      if (this.failed) throw this.err;
    });
  }

  /** The goroutine itself: Go's `go func() { defer g.done(); if err := f(); ... }()`. */
  private spawnGoroutine(fn: () => unknown, sem: Channel<void> | null): void {
    goroutine(
      fn,
      () => this.finish(sem),
      (e: unknown) => {
        this.fail(e);
        this.finish(sem);
      },
    );
  }

  /** Go's `errOnce.Do`: the first error is kept and cancels the group. */
  private fail(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.err = e;
    this.cancelCause?.(e);
  }

  /** Go's `g.done()`: frees the slot the goroutine took (from the limit it started under). */
  private finish(sem: Channel<void> | null): void {
    if (sem !== null) sem.tryRecv();
    this.wg.done();
  }
}

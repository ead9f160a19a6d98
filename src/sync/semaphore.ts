/**
 * Semaphore: `golang.org/x/sync/semaphore.Weighted`, with Go's design: a FIFO list of waiters,
 * each granted its weight in turn.
 *
 * The list is the receive queue of one unbuffered channel: an `acquire` that has to wait parks a
 * receive there carrying its weight, and a release grants waiters by handing a value to the
 * oldest receive, for as long as the oldest one's weight fits. So the queue, its O(1) unlink on
 * abort and the deadlock report's `semacquire` are the channel's, written once.
 *
 * FIFO is the point: a release grants waiters strictly from the front and stops at the first one
 * that does not fit, so a large request is never starved by a stream of small ones. A weight
 * that fits may still wait behind one that does not: that is the price of no starvation.
 */
import { Shape, syncChannel, type SyncSite } from '../channel/channel.js';
import { checkNumber } from '../runtime/args.js';
import { completedVoid } from '../runtime/scheduler.js';
import { checkSignal } from '../runtime/signal.js';
import { Waiter } from '../runtime/waiter.js';
import type { BlockingOptions } from '../channel/types.js';
import { ReleasedMoreThanHeldError } from './errors.js';

const WEIGHTED: SyncSite = { name: 'semaphore.Weighted', recvReason: 'semacquire' };

/**
 * A weighted semaphore: Go's `semaphore.Weighted` (`golang.org/x/sync/semaphore`). Bounds
 * concurrent access to a resource; each caller acquires a weight and later releases it. Waiters
 * are served in FIFO order.
 *
 * @example
 * ```ts
 * const maxWorkers = 4;
 * const sem = new Semaphore(maxWorkers);               // sem := semaphore.NewWeighted(maxWorkers)
 * for (const task of tasks) {
 *   await sem.acquire(1, { signal });                  // sem.Acquire(ctx, 1)
 *   void (async () => {
 *     try { await run(task); } finally { sem.release(1); } // defer sem.Release(1)
 *   })();
 * }
 * await sem.acquire(maxWorkers);                       // wait for all of them
 * ```
 */
export class Semaphore {
  /** The maximum combined weight, as given to the constructor. */
  readonly size: number;
  /** Weight currently held. */
  private cur = 0;
  /** The waiters: receives parked in FIFO order, each with its weight as its `value`. */
  private readonly queue = syncChannel<void>(0, WEIGHTED);

  /**
   * `semaphore.NewWeighted(size)`: a semaphore for a combined weight of at most `size`.
   *
   * @param size a non-negative integer.
   * @throws RangeError if `size` is negative, fractional or not finite.
   * @throws TypeError if `size` is not a number.
   * @example
   * ```ts
   * const sem = new Semaphore(10); // sem := semaphore.NewWeighted(10)
   * ```
   */
  constructor(size: number) {
    checkWeight(size, 'Semaphore size');
    this.size = size;
  }

  /**
   * `sem.Acquire(ctx, n)`: resolves once a weight of `n` is held. Blocks while the free weight is
   * too small or earlier callers are still waiting (FIFO). With a `signal`, rejects with
   * `signal.reason` if aborted before the weight is granted, and then holds nothing; an already
   * aborted signal rejects at once, as Go's Acquire prefers failing on a done context.
   *
   * As in Go, asking for more than `size` cannot succeed: such a call waits for its signal
   * without blocking anyone else, and without a signal it never resolves.
   *
   * @param n the weight, a non-negative integer; 1 by default.
   * @throws RangeError (synchronously) if `n` is negative, fractional or not finite.
   * @throws TypeError (synchronously) if `n` is not a number or `signal` is not an AbortSignal.
   * @example
   * ```ts
   * await sem.acquire(1, { signal: ctx }); // if err := sem.Acquire(ctx, 1); err != nil { return err }
   * ```
   */
  acquire(n = 1, options?: BlockingOptions): Promise<void> {
    checkWeight(n, 'Semaphore weight');
    const signal = options?.signal;
    checkSignal(signal);
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.tryAcquire(n)) return completedVoid();
    if (n > this.size) {
      // Doomed: wait for the signal on a channel nobody sends on, and keep out of the queue.
      return syncChannel<void>(0, WEIGHTED).recvValue(options);
    }
    const q = this.queue;
    const w = new Waiter(q, false);
    w.value = n;
    w.shape = Shape.Value;
    const p = q.park<void>(w, signal);
    if (signal === undefined) return p;
    // Go's cleanup after `<-ctx.Done()` wins: the abort has unlinked the waiter (the channel's
    // doing), and if it was the front one it may have been what held the others back.
    return p.then(undefined, (reason: unknown) => {
      this.notifyWaiters();
      throw reason;
    });
  }

  /**
   * `sem.TryAcquire(n)`: acquires a weight of `n` if it is free right now and nobody is waiting.
   * Returns whether it did; on false nothing changes.
   *
   * @param n the weight, a non-negative integer; 1 by default.
   * @throws RangeError if `n` is negative, fractional or not finite.
   * @throws TypeError if `n` is not a number.
   * @example
   * ```ts
   * if (!sem.tryAcquire(1)) return 'busy'; // if !sem.TryAcquire(1) { ... }
   * ```
   */
  tryAcquire(n = 1): boolean {
    checkWeight(n, 'Semaphore weight');
    const ok = this.size - this.cur >= n && this.queue.recvq.first === null;
    if (ok) this.cur += n;
    return ok;
  }

  /**
   * `sem.Release(n)`: releases a weight of `n` and grants waiting `acquire` calls, oldest first,
   * for as long as the next one fits.
   *
   * @param n the weight, a non-negative integer; 1 by default.
   * @throws ReleasedMoreThanHeldError if `n` is more than the weight held; nothing changes.
   * @throws RangeError if `n` is negative, fractional or not finite.
   * @throws TypeError if `n` is not a number.
   * @example
   * ```ts
   * await sem.acquire(2);
   * try { await work(); } finally { sem.release(2); } // defer sem.Release(2)
   * ```
   */
  release(n = 1): void {
    checkWeight(n, 'Semaphore weight');
    if (n > this.cur) throw new ReleasedMoreThanHeldError();
    this.cur -= n;
    this.notifyWaiters();
  }

  /** Grants waiters from the front while the next one fits; never skips one (no starvation). */
  private notifyWaiters(): void {
    const q = this.queue;
    let w: Waiter | null;
    while ((w = q.recvq.first) !== null && this.size - this.cur >= (w.value as number)) {
      this.cur += w.value as number;
      q.sendNow(undefined);
    }
  }
}

function checkWeight(n: unknown, what: string): asserts n is number {
  checkNumber(n, what);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  }
}

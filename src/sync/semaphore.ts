/**
 * Semaphore: `golang.org/x/sync/semaphore.Weighted`, with Go's design: a FIFO list of waiters,
 * each blocked on its own `ready` channel that is closed when its weight has been granted.
 *
 * FIFO is the point: a release grants waiters strictly from the front and stops at the first one
 * that does not fit, so a large request is never starved by a stream of small ones. A weight
 * that fits may still wait behind one that does not: that is the price of no starvation.
 */
import { type Channel, syncChannel, type SyncSite } from '../channel/channel.js';
import { checkNumber } from '../runtime/args.js';
import { completedVoid } from '../runtime/scheduler.js';
import { checkSignal } from '../runtime/signal.js';
import type { BlockingOptions } from '../channel/types.js';
import { ReleasedMoreThanHeldError } from './errors.js';

const WEIGHTED: SyncSite = { name: 'semaphore.Weighted', recvReason: 'semacquire' };

/** One blocked `acquire`: Go's `waiter`, linked in place so an abort unlinks it in O(1). */
interface SemaphoreWaiter {
  readonly n: number;
  /** Closed when the weight has been granted. */
  readonly ready: Channel<void>;
  granted: boolean;
  prev: SemaphoreWaiter | null;
  next: SemaphoreWaiter | null;
}

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
  private head: SemaphoreWaiter | null = null;
  private tail: SemaphoreWaiter | null = null;

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
    if (this.size - this.cur >= n && this.head === null) {
      this.cur += n;
      return completedVoid();
    }
    if (n > this.size) {
      // Doomed: wait for the signal on a channel nobody closes, and keep out of the queue.
      return syncChannel<void>(0, WEIGHTED).recvValue(options);
    }
    const w: SemaphoreWaiter = {
      n,
      ready: syncChannel<void>(0, WEIGHTED),
      granted: false,
      prev: this.tail,
      next: null,
    };
    if (this.tail === null) this.head = w;
    else this.tail.next = w;
    this.tail = w;
    const p = w.ready.recvValue(options);
    if (signal === undefined) return p;
    return p.then(undefined, (reason: unknown) => {
      this.abandon(w);
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
    if (this.size - this.cur >= n && this.head === null) {
      this.cur += n;
      return true;
    }
    return false;
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
    let w: SemaphoreWaiter | null;
    while ((w = this.head) !== null && this.size - this.cur >= w.n) {
      this.cur += w.n;
      this.unlink(w);
      w.granted = true;
      w.ready.close();
    }
  }

  /** An aborted acquire: Go's cleanup after `<-ctx.Done()` wins. */
  private abandon(w: SemaphoreWaiter): void {
    if (w.granted) {
      // Granted between the abort and this cleanup: put the weight back.
      this.cur -= w.n;
      this.notifyWaiters();
      return;
    }
    const wasFront = this.head === w;
    this.unlink(w);
    // The front waiter may have been what held the others back.
    if (wasFront && this.size > this.cur) this.notifyWaiters();
  }

  private unlink(w: SemaphoreWaiter): void {
    const { prev, next } = w;
    if (prev === null) this.head = next;
    else prev.next = next;
    if (next === null) this.tail = prev;
    else next.prev = prev;
    w.prev = w.next = null;
  }
}

function checkWeight(n: unknown, what: string): asserts n is number {
  checkNumber(n, what);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  }
}

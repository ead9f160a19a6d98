/**
 * WaitGroup: Go's `sync.WaitGroup`, built on one channel per round of work.
 *
 * Go parks waiters on a semaphore and releases them one by one when the counter reaches zero. A
 * closed channel releases every receiver at once, which is the same thing with one operation:
 * each round (the counter leaving zero until it returns to zero) gets a channel, `wait` receives
 * from it and the decrement to zero closes it. The channel is made lazily, by the first `wait`
 * of a round, so a WaitGroup nobody waits on allocates nothing per round.
 */
import { type Channel, syncChannel, type SyncSite } from '../channel/channel.js';
import { checkNumber } from '../runtime/args.js';
import { completedUnlessAborted } from '../runtime/scheduler.js';
import type { BlockingOptions } from '../channel/types.js';
import { NegativeWaitGroupCounterError } from './errors.js';
import { checkFunction, crash, goroutine } from './goroutine.js';

const WAITGROUP: SyncSite = { name: 'sync.WaitGroup', recvReason: 'sync.WaitGroup.Wait' };

/** Go keeps the counter in the high 32 bits of a uint64 and reads it as an int32. */
const MAX_COUNTER = 2 ** 31 - 1;

/**
 * A Go `sync.WaitGroup`: waits for a collection of goroutines to finish. `add` the number of
 * goroutines to wait for, each calls `done` when it finishes, and `wait` resolves once the
 * counter is back at zero. After that the WaitGroup can be reused for another round.
 *
 * @example
 * ```ts
 * const wg = new WaitGroup();            // var wg sync.WaitGroup
 * for (const url of urls) {
 *   wg.go(async () => { await fetch(url); }); // wg.Go(func() { http.Get(url) })
 * }
 * await wg.wait();                        // wg.Wait()
 * results.close();                        // close(results)
 * ```
 */
export class WaitGroup {
  /** @internal the counter: goroutines still to wait for (ErrGroup reads it). */
  n = 0;
  /** The channel this round's waiters receive from; null until someone waits. Only set while n > 0. */
  private round: Channel<void> | null = null;
  /** `wg.Done` as a callback for `go`, made once per WaitGroup rather than once per goroutine. */
  private doneCallback: (() => void) | null = null;

  /**
   * `wg.Add(delta)`: adds `delta`, which may be negative, to the counter. When the counter
   * reaches zero every pending `wait` resolves. As in Go, an `add` that starts a round (counter
   * at zero) should happen before the goroutine it counts is started and before `wait`.
   *
   * @param delta an integer; 1 by default.
   * @throws NegativeWaitGroupCounterError if the counter would go below zero; the counter is left
   *   as it was.
   * @throws RangeError if `delta` is not a safe integer, or the counter would pass 2^31-1 (Go's
   *   int32 counter).
   * @throws TypeError if `delta` is not a number.
   * @example
   * ```ts
   * wg.add(jobs.length); // wg.Add(len(jobs))
   * ```
   */
  add(delta = 1): void {
    checkNumber(delta, 'WaitGroup delta');
    if (!Number.isSafeInteger(delta)) {
      throw new RangeError(`WaitGroup delta must be an integer, got ${delta}`);
    }
    const v = this.n + delta;
    if (v < 0) throw new NegativeWaitGroupCounterError();
    if (v > MAX_COUNTER) {
      throw new RangeError(`WaitGroup counter overflow: ${this.n} + ${delta} > 2^31-1`);
    }
    this.n = v;
    if (v === 0) this.finish();
  }

  /**
   * `wg.Done()`: decrements the counter by one; the same as `add(-1)`.
   *
   * @throws NegativeWaitGroupCounterError if the counter is already zero (nothing changes).
   * @example
   * ```ts
   * wg.add(1);
   * void (async () => {
   *   try { await work(); } finally { wg.done(); } // defer wg.Done()
   * })();
   * ```
   */
  done(): void {
    if (this.n === 0) throw new NegativeWaitGroupCounterError();
    if (--this.n === 0) this.finish();
  }

  /**
   * `wg.Wait()`: resolves when the counter is zero, at once if it already is. Every waiter of a
   * round is released by the same decrement. With a `signal`, rejects with `signal.reason` when
   * aborted (at once if it already is, even on a zero counter, like every blocking chango call)
   * and the WaitGroup is left as it was.
   *
   * @throws TypeError (synchronously) if `signal` is not an AbortSignal.
   * @example
   * ```ts
   * await wg.wait();                                      // wg.Wait()
   * await wg.wait({ signal: AbortSignal.timeout(5000) }); // give up after 5 s
   * ```
   */
  wait(options?: BlockingOptions): Promise<void> {
    if (this.n === 0) return completedUnlessAborted(options?.signal);
    return (this.round ??= syncChannel<void>(0, WAITGROUP)).recvValue(options);
  }

  /**
   * Go 1.25's `wg.Go(f)`: adds one to the counter, starts `fn` as a goroutine and calls `done`
   * when `fn` returns (when the promise it returns resolves). `fn` is called synchronously, as
   * calling an async function does, and runs up to its first `await` before `go` returns; its
   * result is ignored.
   *
   * An error thrown or rejected by `fn` is a panic in that goroutine, and it is handled as Go's
   * `WaitGroup.Go` handles one: the counter is **not** decremented (so `wait` cannot resolve as
   * though the work had succeeded) and the error is re-raised as an unhandled promise rejection,
   * which ends the process in Node (and Deno), the way a Go panic ends the program, and reaches
   * `unhandledrejection` in browsers. chango never swallows it. For errors you mean to handle,
   * use {@link ErrGroup}.
   *
   * @throws TypeError if `fn` is not a function (the counter is left as it was).
   * @example
   * ```ts
   * const wg = new WaitGroup();
   * for (let w = 1; w <= 3; w++) wg.go(() => worker(w, jobs, results)); // wg.Go(func() { worker(w, jobs, results) })
   * await wg.wait();
   * ```
   */
  go(fn: () => unknown): void {
    checkFunction(fn, 'WaitGroup.go');
    this.add(1);
    // Only a return calls done: a panic leaves the counter up and crashes, as Go's does.
    goroutine(fn, (this.doneCallback ??= () => this.done()), crash);
  }

  /** Closes the round's channel, releasing every waiter together; the next round starts fresh. */
  private finish(): void {
    const round = this.round;
    this.round = null;
    round?.close();
  }
}

/**
 * Once: Go's `sync.Once`, built on a channel closed when the one call has finished.
 *
 * Go's callers that arrive while `f` runs block on the Once's mutex until `f` returns; here they
 * receive from a channel that the end of `f` closes, which releases them all at once. The channel
 * is the whole state: none yet (idle), open (`f` running), closed (done: a receive completes at
 * once).
 */
import { type Channel, syncChannel, type SyncSite } from '../channel/channel.js';
import { checkFunction, goroutine } from './goroutine.js';

/** Go's late callers of `Do` block on the Once's mutex. */
const ONCE: SyncSite = { name: 'sync.Once', recvReason: 'sync.Mutex.Lock' };

/**
 * A Go `sync.Once`: performs exactly one action. The first `do` calls its function; every other
 * call, concurrent or later, does not call its own and resolves once that first call has
 * finished.
 *
 * @example
 * ```ts
 * const once = new Once();                 // var once sync.Once
 * async function getConfig() {
 *   await once.do(async () => { config = await loadConfig(); }); // once.Do(loadConfig)
 *   return config;
 * }
 * ```
 */
export class Once {
  /** Made by the first call; closed when its function has finished. */
  private running: Channel<void> | null = null;

  /**
   * `once.Do(f)`: calls `fn` if and only if this is the first `do` on this Once. `fn` is called
   * synchronously, and the returned promise settles when `fn` (and the promise it returns, if
   * any) has settled: with `fn`'s error for the call that ran it. Calls that arrive while `fn`
   * runs wait for it; calls after it resolve at once.
   *
   * As in Go, if `fn` throws, the Once still counts as done: later calls do not retry and resolve
   * normally, and so do the calls that were waiting (only the caller that ran `fn` sees the
   * error). Calling `do` from inside `fn` and awaiting it deadlocks, as it does in Go.
   *
   * @throws TypeError (synchronously) if `fn` is not a function; the Once is unchanged.
   * @example
   * ```ts
   * await once.do(() => { db = open(); }); // once.Do(func() { db = open() })
   * ```
   */
  do(fn: () => unknown): Promise<void> {
    checkFunction(fn, 'Once.do');
    // Later callers receive from the channel: they wait while fn runs, and once it is closed the
    // receive completes at once.
    if (this.running !== null) return this.running.recvValue();
    const running = (this.running = syncChannel<void>(0, ONCE));
    // fn runs as the body of a goroutine would: a throw, or a `then` getter that throws, is its
    // panic. Either way the Once is done (Go's `defer o.done.Store(1)`).
    return new Promise((resolve, reject) => {
      goroutine(
        fn,
        () => {
          running.close();
          resolve();
        },
        (e: unknown) => {
          running.close();
          reject(e);
        },
      );
    });
  }
}

/**
 * Once: Go's `sync.Once`, built on a channel closed when the one call has finished.
 *
 * Go's callers that arrive while `f` runs block on the Once's mutex until `f` returns; here they
 * receive from a channel that the end of `f` closes, which releases them all at once. The
 * channel is made only if someone actually arrives while `f` runs.
 */
import { type Channel, syncChannel, type SyncSite } from '../channel/channel.js';
import { completedVoid } from '../runtime/scheduler.js';
import { checkFunction, goroutine } from './goroutine.js';

/** Go's late callers of `Do` block on the Once's mutex. */
const ONCE: SyncSite = { name: 'sync.Once', recvReason: 'sync.Mutex.Lock' };

const enum State {
  Idle,
  Running,
  Done,
}

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
  private state = State.Idle;
  /** Where callers wait while the first call runs; made by the first of them. */
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
    if (this.state === State.Done) return completedVoid();
    if (this.state === State.Running) {
      this.running ??= syncChannel<void>(0, ONCE);
      return this.running.recvValue();
    }
    this.state = State.Running;
    // fn runs as the body of a goroutine would: a throw, or a `then` getter that throws, is its panic.
    return new Promise((resolve, reject) => {
      goroutine(
        fn,
        () => {
          this.finish();
          resolve();
        },
        (e: unknown) => {
          this.finish();
          reject(e);
        },
      );
    });
  }

  /** Go's `defer o.done.Store(1)`: runs on success and on panic alike. */
  private finish(): void {
    this.state = State.Done;
    const running = this.running;
    if (running !== null) {
      this.running = null;
      running.close();
    }
  }
}

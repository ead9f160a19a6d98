/** Go's `time.Sleep`. */
import type { BlockingOptions } from '../channel/types.js';
import { after } from './timer.js';

/**
 * `time.Sleep(d)`: resolves once `ms` has passed by the monotonic clock, never earlier, for any
 * duration (beyond the platform's 2^31-1 ms limit too). `sleep(Infinity)` never resolves but,
 * like Go's `time.Sleep(math.MaxInt64)`, keeps the process alive. Takes a `signal`: an aborted
 * sleep rejects with `signal.reason` and its timer is disarmed at once.
 *
 * @example
 * ```ts
 * await sleep(1000); // time.Sleep(time.Second)
 * ```
 */
export async function sleep(ms: number, options?: BlockingOptions): Promise<void> {
  await after(ms).recv(options);
}

/** Go's `synctest.Sleep`. */
import type { BlockingOptions } from '../channel/types.js';
import { sleep as timeSleep } from '../time/sleep.js';
import { wait } from './bubble.js';

/**
 * Go's `synctest.Sleep(d)`: `time.Sleep(d)` then `synctest.Wait()`. When the test and the code
 * under test sleep until the same instant, which of them runs first is unspecified; this lets
 * the code under test settle before the test looks.
 *
 * @example
 * ```ts
 * await synctest.sleep(5000); // synctest.Sleep(5 * time.Second)
 * expect(ctxDone).toBe(true);
 * ```
 */
export async function sleep(ms: number, options?: BlockingOptions): Promise<void> {
  await timeSleep(ms, options);
  await wait();
}

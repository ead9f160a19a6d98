/** Go's `time.Now`. */
import { currentClock } from './clock.js';

/**
 * `time.Now()`: the current time, by the clock chango's timers run on. Outside a
 * `chango/synctest` bubble that is `new Date()`; inside one it is the bubble's virtual time, which
 * starts at midnight UTC 2000-01-01 and moves only as the bubble's timers fire.
 *
 * @example
 * ```ts
 * const start = now();                          // start := time.Now()
 * await sleep(1000);
 * console.log(now().getTime() - start.getTime()); // time.Since(start)
 * ```
 */
export function now(): Date {
  return currentClock().date();
}

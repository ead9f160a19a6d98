/**
 * `chango/synctest`: Go's `testing/synctest` for chango. A test runs in a bubble whose clock is
 * virtual: it starts at midnight UTC 2000-01-01 and advances only when every goroutine in the
 * bubble is durably blocked, so a test that sleeps an hour finishes at once, and a test whose
 * goroutines all block forever fails at once with Go's deadlock report. Platform-neutral: it runs
 * wherever chango runs, inside vitest, node's test runner, Deno or Bun.
 *
 * @example
 * ```ts
 * import * as synctest from 'chango/synctest';
 * import { after, Channel, recv, select } from 'chango';
 *
 * it('a timeout that fires', () =>
 *   synctest.test(async () => {
 *     const never = new Channel<string>();
 *     const r = await select([recv(never), recv(after(30_000), () => 'timeout')]);
 *     expect(r).toBe('timeout'); // after 30 virtual seconds, in no real time
 *   }));
 * ```
 */
export { external, inBubble, test, wait } from './bubble.js';
export type { InterleavingScheduler, TestOptions } from './bubble.js';
export { sleep } from './sleep.js';
export { BubbleDeadlockError, BubbleError } from './errors.js';
export { BUBBLE_EPOCH } from './clock.js';

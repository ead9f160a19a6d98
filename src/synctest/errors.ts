/** The panics of Go's `testing/synctest`, with the runtime's messages word for word. */
import { GoPanicError } from '../runtime/panic.js';

/**
 * Go's synctest deadlock panic: every goroutine of the bubble is durably blocked and no timer can
 * wake one (`deadlock: all goroutines in bubble are blocked`), or the bubble's main function has
 * returned while goroutines are still blocked (`deadlock: main bubble goroutine has exited but
 * blocked goroutines remain`). The message adds, as Go's goroutine dump does, one block per
 * blocked operation: what it was, on which channel, and where it was called from.
 *
 * @example
 * ```ts
 * await expect(synctest.test(async () => { await new Channel<number>().recv(); }))
 *   .rejects.toThrow('deadlock: all goroutines in bubble are blocked');
 * ```
 */
export class BubbleDeadlockError extends GoPanicError {
  override readonly name = 'BubbleDeadlockError';
  constructor(
    /** Go's message alone, without the list of blocked operations. */
    readonly reason: string,
    report: string,
  ) {
    super(report === '' ? reason : `${reason}\n${report}`);
  }
}

/**
 * Go's panics for a misused bubble: `synctest.Run called from within a synctest bubble` (a
 * nested `test`), `goroutine is not in a bubble` (`wait` outside a bubble) and `wait already in
 * progress` (two `wait`s at once).
 *
 * @example
 * ```ts
 * await synctest.wait(); // outside a bubble: rejects with BubbleError: goroutine is not in a bubble
 * ```
 */
export class BubbleError extends GoPanicError {
  override readonly name = 'BubbleError';
}

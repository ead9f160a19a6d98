/**
 * The channel panics of Go's runtime (runtime/chan.go), word for word. Each class sets `name` to a
 * string literal so that it survives minification; the base carries how Go dies of it.
 */
import { GoPanicError } from '../runtime/panic.js';

/**
 * Go's `panic: send on closed channel`: a send on a closed channel, including a send that was
 * blocked when the channel was closed and a `select` send case on such a channel.
 *
 * @example
 * ```ts
 * const ch = new Channel<number>(1);
 * ch.close();
 * await ch.send(1); // rejects with SendOnClosedChannelError: send on closed channel
 * ```
 */
export class SendOnClosedChannelError extends GoPanicError {
  override readonly name = 'SendOnClosedChannelError';
  constructor() {
    super('send on closed channel');
  }
}

/**
 * Go's `panic: close of closed channel`: a second `close(ch)`.
 *
 * @example
 * ```ts
 * ch.close();
 * ch.close(); // throws CloseOfClosedChannelError: close of closed channel
 * ```
 */
export class CloseOfClosedChannelError extends GoPanicError {
  override readonly name = 'CloseOfClosedChannelError';
  constructor() {
    super('close of closed channel');
  }
}

/**
 * Go's `panic: close of nil channel`: closing the nil channel (`var ch chan int; close(ch)`).
 *
 * @example
 * ```ts
 * Channel.nil<number>().close(); // throws CloseOfNilChannelError: close of nil channel
 * ```
 */
export class CloseOfNilChannelError extends GoPanicError {
  override readonly name = 'CloseOfNilChannelError';
  constructor() {
    super('close of nil channel');
  }
}

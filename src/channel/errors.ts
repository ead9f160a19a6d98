/**
 * The errors a Go program would panic with. Each class sets `name` to a string literal so that it
 * survives minification, and uses the Go runtime's message word for word.
 */
import { GO_DEATH, type GoDeath } from './godeath.js';

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
export class SendOnClosedChannelError extends Error {
  override readonly name = 'SendOnClosedChannelError';
  /** Go dies of it with `panic: …`. */
  readonly [GO_DEATH]: GoDeath = 'panic';
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
export class CloseOfClosedChannelError extends Error {
  override readonly name = 'CloseOfClosedChannelError';
  /** Go dies of it with `panic: …`. */
  readonly [GO_DEATH]: GoDeath = 'panic';
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
export class CloseOfNilChannelError extends Error {
  override readonly name = 'CloseOfNilChannelError';
  /** Go dies of it with `panic: …`. */
  readonly [GO_DEATH]: GoDeath = 'panic';
  constructor() {
    super('close of nil channel');
  }
}

/** Go's `ctx.Done()`, for the platform's context: `AbortSignal`. */
import { Channel } from '../channel/channel.js';
import { describe } from '../runtime/args.js';
import { isAbortSignal } from '../runtime/signal.js';
import type { RecvChannel } from '../channel/types.js';

const channels = new WeakMap<AbortSignal, Channel<void>>();

/**
 * `ctx.Done()`: a channel that is closed when `signal` aborts, so that `case <-ctx.Done():`
 * translates directly into a select case. The reason is `signal.reason` (Go's
 * `context.Cause(ctx)`). One channel per signal, however often this is called, and it is
 * collected with the signal.
 *
 * @example
 * ```ts
 * // select { case <-ctx.Done(): return ctx.Err(); case v := <-in: ... }
 * await select([
 *   recv(done(signal), () => { throw signal.reason; }),
 *   recv(input, (v) => handle(v)),
 * ]);
 * ```
 */
export function done(signal: AbortSignal): RecvChannel<void> {
  if (!isAbortSignal(signal)) throw new TypeError(`done() needs an AbortSignal, got ${describe(signal)}`);
  let ch = channels.get(signal);
  if (ch === undefined) {
    const c = new Channel<void>(0, { name: 'ctx.Done()' });
    ch = c;
    channels.set(signal, c);
    if (signal.aborted) c.close();
    // No `once`: the listener lives only as long as the signal, as the WeakMap entry does.
    else signal.addEventListener('abort', () => c.close());
  }
  return ch;
}

/**
 * chango: Go's channels, select and sync primitives for TypeScript.
 *
 * A goroutine is an async function you do not await; `ch <- v` is `await ch.send(v)`.
 */
import { Channel as ChannelClass, type ChannelConstructor } from './channel/channel.js';

/**
 * A Go channel: `make(chan T, capacity)`. `Z` is the type of what a receive reads once the
 * channel is closed and drained: `T | undefined`, or `T` when it was made with a `zero` value.
 *
 * @example
 * ```ts
 * const ch = new Channel<string>();              // ch := make(chan string)
 * const n = new Channel<number>(0, { zero: 0 }); // n := make(chan int): Channel<number, number>
 * ```
 */
export type Channel<T, Z = T | undefined> = ChannelClass<T, Z>;
/** `make(chan T, capacity)`: see the {@link Channel} type and {@link ChannelConstructor}. */
export const Channel: ChannelConstructor = ChannelClass;
export type { ChannelConstructor };
export { GoFatalError, GoPanicError } from './runtime/panic.js';
export { CloseOfClosedChannelError, CloseOfNilChannelError, SendOnClosedChannelError } from './channel/errors.js';
export type { BlockingOptions, ChannelOptions, RecvChannel, RecvResult, SendChannel } from './channel/types.js';
export { recv, send } from './select/cases.js';
export type { NoHandler, RecvCase, RecvHandler, SelectCase, SendCase } from './select/cases.js';
export { select, trySelect } from './select/select.js';
export type { SelectOptions } from './select/select.js';
export type { RecvSelected, SelectResult, SendSelected, TrySelectResult } from './select/result.js';
export { after, Timer } from './time/timer.js';
export { tick, Ticker } from './time/ticker.js';
export { sleep } from './time/sleep.js';
export { now } from './time/now.js';
export { done } from './context/done.js';
export { withCancel } from './context/withcancel.js';
export { withDeadline, withTimeout } from './context/withdeadline.js';
export type { CancelContext } from './context/cancelctx.js';
export { WaitGroup } from './sync/waitgroup.js';
export { NegativeWaitGroupCounterError } from './sync/errors.js';
export { ErrGroup } from './sync/errgroup.js';
export { ModifyLimitWhileActiveError } from './sync/errors.js';
export { Semaphore } from './sync/semaphore.js';
export { ReleasedMoreThanHeldError } from './sync/errors.js';
export { Mutex, MutexGuard } from './sync/mutex.js';
export { UnlockOfUnlockedMutexError } from './sync/errors.js';
export { Once } from './sync/once.js';

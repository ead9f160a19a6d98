/**
 * chango: Go's channels, select and sync primitives for TypeScript.
 *
 * A goroutine is an async function you do not await; `ch <- v` is `await ch.send(v)`.
 */
export { Channel } from './channel/channel.js';
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
export { WaitGroup } from './waitgroup/waitgroup.js';
export { NegativeWaitGroupCounterError } from './waitgroup/errors.js';
export { ErrGroup } from './errgroup/errgroup.js';
export { ModifyLimitWhileActiveError } from './errgroup/errors.js';
export { Semaphore } from './semaphore/semaphore.js';
export { ReleasedMoreThanHeldError } from './semaphore/errors.js';
export { Mutex, MutexGuard } from './mutex/mutex.js';
export { UnlockOfUnlockedMutexError } from './mutex/errors.js';
export { Once } from './once/once.js';

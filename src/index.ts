/**
 * chango: Go's channels, select and sync primitives for TypeScript.
 *
 * A goroutine is an async function you do not await; `ch <- v` is `await ch.send(v)`.
 */
export { Channel } from './channel/channel.js';
export { CloseOfClosedChannelError, CloseOfNilChannelError, SendOnClosedChannelError } from './channel/errors.js';
export type { BlockingOptions, ChannelOptions, RecvChannel, RecvResult, SendChannel } from './channel/types.js';

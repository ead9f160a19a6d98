/**
 * The public API of `chango/threads`, the same on every platform; the entry points
 * (./index.ts for Node's worker_threads, ./web.ts for Web Workers) install their platform first.
 */
export { ThreadChannel } from './threadchannel.js';
export type { ThreadSendOptions } from './threadchannel.js';
export { RemoteChannel } from './remote.js';
export { WorkerPool } from './pool.js';
export type { WorkerPoolOptions } from './pool.js';
export { OwnerExitedError, OwnerThreadError, WorkerExitedError } from './errors.js';
export { recv, select, send } from './select.js';

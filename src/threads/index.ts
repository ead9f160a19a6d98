/**
 * `chango/threads`: goroutines on other cores. Node's `worker_threads` (Node-only, like
 * `chango/node`).
 *
 * - {@link ThreadChannel}: a channel whose parties may run on any thread, with every Go rule of
 *   a local channel (rendezvous, FIFO, close, AbortSignal). The thread that creates it owns it;
 *   a worker's goroutine may return one it created, for the main thread to use.
 * - {@link WorkerPool}: `go worker(args)` on a worker thread, resolving when it returns.
 * - {@link select}, {@link recv}, {@link send}: Go's select on any thread, over cross-thread
 *   channels on a worker thread (chango's own select elsewhere).
 *
 * Imported on a thread that a WorkerPool started, it also serves that pool: the worker module
 * must import `chango/threads` (its functions usually do, for the channel types).
 */
import { serveIfPoolWorker } from './service.js';

export { ThreadChannel } from './threadchannel.js';
export type { ThreadSendOptions } from './threadchannel.js';
export { RemoteChannel } from './remote.js';
export { WorkerPool } from './pool.js';
export type { WorkerPoolOptions } from './pool.js';
export { OwnerExitedError, OwnerThreadError, WorkerExitedError } from './errors.js';
export { recv, select, send } from './select.js';

serveIfPoolWorker();

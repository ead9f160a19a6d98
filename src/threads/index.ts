/**
 * `chango/threads`: goroutines on other cores. This is the entry on Node and Bun (Node's
 * `worker_threads`); browsers and Deno get ./web.ts (Web Workers), with the same API.
 *
 * - {@link ThreadChannel}: a channel whose parties may run on any thread, with every Go rule of
 *   a local channel (rendezvous, FIFO, close, AbortSignal). The thread that creates it owns it;
 *   a worker's goroutine may return one it created, for the main thread to use and to hand on
 *   to other workers.
 * - {@link WorkerPool}: `go worker(args)` on a worker thread, resolving when it returns.
 * - {@link select}, {@link recv}, {@link send}: Go's select on any thread, over cross-thread
 *   channels on a worker thread (chango's own select elsewhere).
 *
 * Imported on a thread that a WorkerPool started, it also serves that pool: the worker module
 * must import `chango/threads` (its functions usually do, for the channel types).
 */
import { installPlatform } from './platform.js';
import { nodePlatform } from './platform-node.js';
import { serveIfPoolWorker } from './service.js';

export * from './api.js';

// Before anything runs: every other module of chango/threads uses the platform.
installPlatform(nodePlatform);
serveIfPoolWorker();

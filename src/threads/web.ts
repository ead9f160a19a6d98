/**
 * `chango/threads` on Web Workers (browsers, Deno): the same API as on Node, with each pool thread
 * a `new Worker(module, { type: 'module' })`. The package's `exports` give this entry under the
 * `browser` and `deno` conditions. What differs from Node is listed in ./platform-web.ts and
 * docs/threads.md.
 *
 * Imported in a worker that a WorkerPool started, it also serves that pool: the worker module
 * must import `chango/threads`.
 */
import { installPlatform } from './platform.js';
import { webPlatform } from './platform-web.js';
import { serveIfPoolWorker } from './service.js';

export * from './api.js';

// Before anything runs: every other module of chango/threads uses the platform.
installPlatform(webPlatform);
serveIfPoolWorker();

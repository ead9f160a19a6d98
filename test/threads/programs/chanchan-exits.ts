// Go's request/reply with the server on a worker thread: each request carries its reply channel,
// made here; then done without closing the pool: the process must exit on its own.
import { ThreadChannel, WorkerPool } from '../../../src/threads/index.js';
import type { Request } from '../chanchan-worker.js';

const module = process.env['THREADS_WORKER'] ?? new URL('../chanchan-worker.ts', import.meta.url);
const pool = new WorkerPool(module, { size: 1 });
const reqs = new ThreadChannel<Request>();
const served = pool.go<number>('server', reqs);
const reply = new ThreadChannel<number>();
await reqs.send({ num: 21, reply });
console.log(await reply.recvValue());
reqs.close();
console.log('served', await served);

// Main waits on a channel owned by a worker, and the worker's only goroutine waits on main:
// every thread is blocked. Go: fatal error: all goroutines are asleep - deadlock!, status 2.
import '../../../src/node/index.js';
import type { RecvChannel } from '../../../src/channel/types.js';
import { ThreadChannel, WorkerPool } from '../../../src/threads/index.js';

const pool = new WorkerPool(process.env['THREADS_WORKER'] ?? new URL('../owned-worker.ts', import.meta.url), {
  size: 1,
});
const ping = new ThreadChannel<number>(0, { name: 'ping' });
const pong = await pool.go<RecvChannel<number>>('startPong', ping);
await pong.recv();
console.log('unreachable');

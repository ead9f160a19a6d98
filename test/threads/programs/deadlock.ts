// Every thread blocked on a channel: a receive on a worker that nobody will ever send to, and main
// waiting for that worker. Go: fatal error: all goroutines are asleep - deadlock!, status 2.
import '../../../src/node/index.js';
import { ThreadChannel, WorkerPool } from '../../../src/threads/index.js';

const pool = new WorkerPool(process.env['THREADS_WORKER'] ?? new URL('../worker.ts', import.meta.url), { size: 1 });
const ch = new ThreadChannel<number>(0, { name: 'never' });
await pool.go('recvN', ch, 1);
console.log('unreachable');

// A worker waits on a channel it received inside a value, and main waits on the same channel:
// nobody sends. Go: fatal error: all goroutines are asleep - deadlock!, status 2.
import '../../../src/node/index.js';
import { ThreadChannel, WorkerPool } from '../../../src/threads/index.js';

const module = process.env['THREADS_WORKER'] ?? new URL('../chanchan-worker.ts', import.meta.url);
const pool = new WorkerPool(module, { size: 1 });
const chans = new ThreadChannel<{ reply: ThreadChannel<number> }>(1);
const reply = new ThreadChannel<number>(0, { name: 'reply' });
const kept = pool.go('keepAll', 'r', chans, 1);
await chans.send({ reply });
await kept;
void pool.go('recvKept', 'r0', 1);
await reply.recv();
console.log('unreachable');

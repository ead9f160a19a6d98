// A goroutine on a worker blocked on a channel local to that worker; main waits for it.
import '../../../src/node/index.js';
import { WorkerPool } from '../../../src/threads/index.js';

const pool = new WorkerPool(process.env['THREADS_WORKER'] ?? new URL('../worker.ts', import.meta.url), { size: 1 });
await pool.go('blockOnLocal');
console.log('unreachable');

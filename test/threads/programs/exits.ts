// Finishes its work and never closes the pool: the process must still exit on its own, status 0.
import { ThreadChannel, WorkerPool } from '../../../src/threads/index.js';

const pool = new WorkerPool(process.env['THREADS_WORKER'] ?? new URL('../worker.ts', import.meta.url), { size: 1 });
const jobs = new ThreadChannel<number>(4);
const results = new ThreadChannel<number>(4);
const workers = [pool.go('double', jobs, results), pool.go('double', jobs, results)];
void (async () => {
  for (let j = 1; j <= 8; j++) await jobs.send(j);
  jobs.close();
})();
let sum = 0;
for (let i = 0; i < 8; i++) sum += (await results.recvValue()) ?? 0;
await Promise.all(workers);
console.log('sum', sum);

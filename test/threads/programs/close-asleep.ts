// pool.close() while a worker's sleep report is on its way: the report must not let the process
// exit before the thread has stopped (it did, status 13, with close() never settled). Each round
// waits until every thread of a fresh pool has posted its report, then closes the pool before
// this thread has read the reports.
import { WorkerPool } from '../../../src/threads/index.js';

const worker = process.env['THREADS_WORKER'] ?? new URL('../worker.ts', import.meta.url);
for (let round = 1; round <= 3; round++) {
  const pool = new WorkerPool(worker, { size: 2 });
  const flags = [0, 1].map(() => new Int32Array(new SharedArrayBuffer(4)));
  await Promise.all(flags.map((f) => pool.go('signalAsleep', f)));
  // Blocks this thread (so that the reports stay unread) until each thread's loop has drained.
  for (const f of flags) Atomics.wait(f, 0, 0);
  await pool.close();
  console.log('closed', round);
}

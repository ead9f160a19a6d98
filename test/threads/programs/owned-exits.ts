// Ping-pong with each channel owned by its sender (pong created on the worker), then done without
// closing the pool: the process must exit on its own, status 0.
import type { RecvChannel } from '../../../src/channel/types.js';
import { ThreadChannel, WorkerPool } from '../../../src/threads/index.js';

const pool = new WorkerPool(process.env['THREADS_WORKER'] ?? new URL('../owned-worker.ts', import.meta.url), {
  size: 1,
});
const ping = new ThreadChannel<number>();
const pong = await pool.go<RecvChannel<number>>('startPong', ping);
let sum = 0;
for (let i = 0; i < 8; i++) {
  await ping.send(i);
  sum += (await pong.recvValue()) ?? 0;
}
ping.close();
console.log('sum', sum, (await pong.recv()).ok);

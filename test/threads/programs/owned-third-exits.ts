// A channel created on worker A, handed to worker B (B's operations relayed by main to A): B sends,
// main receives, A closes; then done without closing the pools: the process must exit on its own.
import type { RecvChannel } from '../../../src/channel/types.js';
import { WorkerPool } from '../../../src/threads/index.js';

const module = process.env['THREADS_WORKER'] ?? new URL('../owned-worker.ts', import.meta.url);
const a = new WorkerPool(module, { size: 1 });
const b = new WorkerPool(module, { size: 1 });
const ch = await a.go<RecvChannel<number>>('make', 'c', 2);
const sending = b.go('sendAll', ch, [1, 2, 3, 4, 5, 6, 7, 8]);
let sum = 0;
for (let i = 0; i < 8; i++) sum += (await ch.recvValue()) ?? 0;
await sending;
await a.go('closeIt', 'c');
console.log('sum', sum, (await ch.recv()).ok);

// Worker B waits on a channel created on worker A that nobody sends to, and main waits for B:
// every thread is blocked. Go: fatal error: all goroutines are asleep - deadlock!, status 2.
import '../../../src/node/index.js';
import type { RecvChannel } from '../../../src/channel/types.js';
import { WorkerPool } from '../../../src/threads/index.js';

const module = process.env['THREADS_WORKER'] ?? new URL('../owned-worker.ts', import.meta.url);
const a = new WorkerPool(module, { size: 1 });
const b = new WorkerPool(module, { size: 1 });
const ch = await a.go<RecvChannel<number>>('make', 'never', 0);
await b.go('recvN', ch, 1);
console.log('unreachable');

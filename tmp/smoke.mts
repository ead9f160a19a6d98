import { ThreadChannel, WorkerPool } from '../src/threads/index.ts';
const pool = new WorkerPool(new URL('../test/threads/worker.ts', import.meta.url), { size: 2, entry: new URL('../test/threads/boot.mjs', import.meta.url) });
const jobs = new ThreadChannel<number>(10);
const results = new ThreadChannel<number>(10);
const t0 = performance.now();
const ws = [pool.go('double', jobs, results), pool.go('double', jobs, results)];
void (async () => { for (let i = 1; i <= 1000; i++) await jobs.send(i); jobs.close(); })();
let sum = 0;
for (let i = 0; i < 1000; i++) sum += (await results.recvValue())!;
console.log('sum', sum, await Promise.all(ws), performance.now() - t0);
try { await pool.go('fail', 'boom'); } catch (e) { console.log('caught', e); }
console.log(await pool.go('recvN', jobs, 2));

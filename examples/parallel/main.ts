// The seed's fan-out/fan-in where each job is real CPU work, run twice: with async workers on the
// main thread (concurrent, but one core), then with the same workers on worker threads (parallel).
// Run: npx tsx examples/parallel/main.ts [numJobs] [threads]
import { availableParallelism } from 'node:os';
import { traceFromArgs } from 'chango/node'; // Go's deadlock and panic reports (chango/node)
import { Channel, WaitGroup, type RecvChannel, type SendChannel } from 'chango';
import { ThreadChannel, WorkerPool } from 'chango/threads';
import { worker } from './worker.js';

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text): the main thread's side
// The positional arguments, without the --trace flag.
const args = process.argv
  .slice(2)
  .filter((a, i, all) => a !== '--trace' && all[i - 1] !== '--trace' && !a.startsWith('--trace='));
const numJobs = Number(args[0] ?? 200);
const numThreads = Number(args[1] ?? Math.max(2, availableParallelism()));
const numWorkers = 8;

type Go = (w: number, jobs: RecvChannel<number>, results: SendChannel<number>) => Promise<void>;

// The seed's main, with the channels and the way to start a worker as parameters.
async function fanOutFanIn(jobs: Channel<number>, results: Channel<number>, go: Go): Promise<number> {
  const wg = new WaitGroup();
  for (let w = 1; w <= numWorkers; w++) {
    wg.add(1);
    void go(w, jobs, results).finally(() => wg.done()); // go worker(w, jobs, results)
  }
  void (async () => {
    for (let j = 1; j <= numJobs; j++) await jobs.send(j);
    jobs.close();
  })();
  void (async () => {
    await wg.wait();
    results.close();
  })();
  let total = 0;
  for await (const primes of results) total += primes;
  return total;
}

function ms(t0: number): string {
  return `${Math.round(performance.now() - t0)} ms`;
}

// 1. Goroutines on the main thread: 8 workers, one core.
let t0 = performance.now();
const local = await fanOutFanIn(new Channel(numJobs), new Channel(numJobs), worker);
const tLocal = performance.now() - t0;
console.log(`main thread, ${numWorkers} async workers: ${numJobs} jobs, ${local} primes, ${ms(t0)}`);

// 2. The same workers on worker threads. Starting the threads is not part of the fan-out: warm them.
const pool = new WorkerPool(new URL('./worker.ts', import.meta.url), { size: numThreads });
await Promise.all(Array.from({ length: numThreads }, () => pool.go('countPrimes', 0, 0)));
t0 = performance.now();
const parallel = await fanOutFanIn(new ThreadChannel(numJobs), new ThreadChannel(numJobs), (w, jobs, results) =>
  pool.go('worker', w, jobs, results).then(() => undefined),
);
const tThreads = performance.now() - t0;
console.log(`${numThreads} worker threads, ${numWorkers} workers: ${numJobs} jobs, ${parallel} primes, ${ms(t0)}`);
console.log(`speed-up: ${(tLocal / tThreads).toFixed(2)}x`);

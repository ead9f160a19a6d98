// The seed's worker, with real CPU work per job: count the primes in a range of 2,000 numbers
// (about 1 ms). The same function runs as an async goroutine on the main thread and, through
// WorkerPool, as a goroutine on a worker thread.
import type { RecvChannel, SendChannel } from 'chango';
import 'chango/threads'; // serves the WorkerPool when this module runs on a worker thread (chango/threads)

/** The range of job j: 2,000 numbers from 1,000,000 on. */
export const SPAN = 2000;

/** How many primes lie in [lo, hi): trial division, deliberately plain CPU work. */
export function countPrimes(lo: number, hi: number): number {
  let n = 0;
  for (let x = Math.max(lo, 2); x < hi; x++) {
    let prime = true;
    for (let d = 2; d * d <= x; d++) {
      if (x % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) n++;
  }
  return n;
}

// worker performs the task on jobs received and sends results to the results channel.
export async function worker(id: number, jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  for await (const job of jobs) {
    const lo = 1_000_000 + (job - 1) * SPAN;
    await results.send(countPrimes(lo, lo + SPAN));
  }
}

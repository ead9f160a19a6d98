// The benchmark's jobs, in plain JavaScript so that every pool (chango's, piscina's, tinypool's)
// runs the very same code. countPrimes(lo, lo + SPAN) takes about 1 ms on an idle 2-core EPYC.

/** Numbers per CPU-bound job. */
export const SPAN = 2500;

/** How many primes lie in [lo, hi): trial division. */
export function countPrimes(lo, hi) {
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

/** Job j of the CPU-bound fan-out: the start of its range. */
export function jobStart(j) {
  return 1_000_000 + j * SPAN;
}

/** piscina's and tinypool's task: one CPU-bound job, or a tiny one ({ tiny: x }). */
export default function task(job) {
  if (typeof job === 'object') return job.tiny * 2;
  return countPrimes(job, job + SPAN);
}

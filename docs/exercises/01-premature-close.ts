// Exercise 1: fix the premature close (the seed's Approach 2).
//
// squares() must return the squares of `nums`, in ascending order, computed by `numWorkers`
// worker goroutines. It returns [] instead, and the workers then panic with
// "send on closed channel". Fix it so that `results` is closed only after every worker is done.
// Check: EXERCISES=mine npx vitest run test/exercises.test.ts -t "exercise 1"
import { Channel, sleep, type RecvChannel, type SendChannel } from '../../src/index.js';

async function worker(jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  for await (const n of jobs) {
    await sleep(1); // simulate work
    await results.send(n * n);
  }
}

export async function squares(nums: readonly number[], numWorkers: number): Promise<number[]> {
  const jobs = new Channel<number>(nums.length, { name: 'jobs' });
  const results = new Channel<number>(nums.length, { name: 'results' });
  for (let w = 1; w <= numWorkers; w++) {
    void worker(jobs, results);
  }
  for (const n of nums) await jobs.send(n);
  jobs.close();
  results.close(); // TODO: too early! The workers have not sent anything yet.

  const out: number[] = [];
  for await (const r of results) out.push(r);
  return out.sort((a, b) => a - b);
}

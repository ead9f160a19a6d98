// Solution to exercise 1: count the workers with a WaitGroup (the usual form: Add(1) per worker,
// Done when it returns) and close `results` in a goroutine of its own once they are all done.
import { Channel, sleep, WaitGroup, type RecvChannel, type SendChannel } from '../../../src/index.js';

async function worker(jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  for await (const n of jobs) {
    await sleep(1); // simulate work
    await results.send(n * n);
  }
}

export async function squares(nums: readonly number[], numWorkers: number): Promise<number[]> {
  const jobs = new Channel<number>(nums.length, { name: 'jobs' });
  const results = new Channel<number>(nums.length, { name: 'results' });
  const wg = new WaitGroup();
  for (let w = 1; w <= numWorkers; w++) {
    wg.add(1);
    void (async () => {
      try {
        await worker(jobs, results);
      } finally {
        wg.done(); // defer wg.Done()
      }
    })();
  }
  for (const n of nums) await jobs.send(n);
  jobs.close();
  void (async () => {
    await wg.wait();
    results.close(); // after the last send: no worker can send on it any more
  })();

  const out: number[] = [];
  for await (const r of results) out.push(r);
  return out.sort((a, b) => a - b);
}

// Question 1: wg.wait() in main instead of its own goroutine. It deadlocks, as in Go.
// Run: npx tsx examples/seed/04-wait-in-main/main.ts
import { traceFromArgs } from 'chango/node'; // Go's deadlock report (chango/node): without it Node exits silently
import { Channel, WaitGroup, type RecvChannel, type SendChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

// worker performs the task on jobs received and sends results to the results channel.
async function worker(id: number, jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  for await (const job of jobs) {
    // Perform the task here
    const result = job * 2;
    await results.send(result);
  }
}

const numJobs = 10;
const numWorkers = 4;

// Create buffered channels for jobs and results
const jobs = new Channel<number>(numJobs, { name: 'jobs' });
const results = new Channel<number>(numJobs, { name: 'results' });

// Fan-out: Create worker goroutines
for (let w = 1; w <= numWorkers; w++) {
  go(`worker ${w}`, () => worker(w, jobs, results));
}

// Produce jobs
for (let j = 1; j <= numJobs; j++) {
  await jobs.send(j);
}
jobs.close(); // Close the jobs channel to signal no more jobs will be sent

// Fan-in: Collect results
const wg = new WaitGroup();
wg.add(numJobs); // Set WaitGroup counter to the number of jobs

// Question 1: wg.wait() in main instead of its own goroutine.
await wg.wait(); // Waits for numJobs calls of wg.done()...
results.close(); // ...but they are made by the loop below, which cannot start until wait returns.

// Process results
for await (const result of results) {
  console.log('Result:', result);
  wg.done(); // Decrease the WaitGroup counter as each result is processed
}

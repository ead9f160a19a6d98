// Approach 1: a done channel instead of a WaitGroup. Each worker says when it is finished.
// Run: npx tsx examples/seed/02-done-channel/main.ts
import { traceFromArgs } from 'chango/node'; // Go's deadlock and panic reports (chango/node)
import { Channel, type RecvChannel, type SendChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

async function worker(
  id: number,
  jobs: RecvChannel<number>,
  results: SendChannel<number>,
  done: SendChannel<void>,
): Promise<void> {
  for await (const job of jobs) {
    const result = job * 2;
    await results.send(result);
  }
  await done.send(); // Send a signal when a worker is done (Go: done <- struct{}{})
}

const numJobs = 10;
const numWorkers = 4;

const jobs = new Channel<number>(numJobs, { name: 'jobs' });
const results = new Channel<number>(numJobs, { name: 'results' });
const done = new Channel<void>(numWorkers, { name: 'done' }); // Channel to signal completion of workers

// Start worker goroutines
for (let w = 1; w <= numWorkers; w++) {
  go(`worker ${w}`, () => worker(w, jobs, results, done));
}

// Send jobs to workers
for (let j = 1; j <= numJobs; j++) {
  await jobs.send(j);
}
jobs.close(); // Close the jobs channel when done sending jobs

// Use a goroutine to close the results channel after all workers are done
go('closer', async () => {
  for (let i = 0; i < numWorkers; i++) {
    await done.recv(); // Wait for all workers to signal completion
  }
  results.close(); // Close the results channel after all workers are done
});

// Receive results from the results channel
for await (const result of results) {
  console.log('Result:', result);
}

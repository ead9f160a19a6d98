// Fan-out/fan-in with a WaitGroup: the seed's main program, line for line.
// Run: npm run demo   (or: npx tsx examples/seed/01-waitgroup/main.ts)
import { traceFromArgs } from 'chango/node'; // Go's deadlock and panic reports (chango/node)
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
  go(`worker ${w}`, () => worker(w, jobs, results)); // go worker(w, jobs, results)
}

// Produce jobs
for (let j = 1; j <= numJobs; j++) {
  await jobs.send(j);
}
jobs.close(); // Close the jobs channel to signal no more jobs will be sent

// Fan-in: Collect results
const wg = new WaitGroup();
wg.add(numJobs); // Set WaitGroup counter to the number of jobs

// Launch a goroutine to wait for all jobs to finish
go('closer', async () => {
  await wg.wait(); // Wait for all jobs to be done
  results.close(); // Close the results channel after all jobs are processed
});

// Process results
for await (const result of results) {
  console.log('Result:', result);
  wg.done(); // Decrease the WaitGroup counter as each result is processed
}

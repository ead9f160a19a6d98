// Approach 2 again, but main outlives the workers' one-second job: they send on the closed
// `results` channel and the program dies of Go's panic, with status 2.
// Run: npx tsx examples/seed/03-close-early/panics/main.ts
import { runMain, traceFromArgs } from 'chango/node'; // also turns chango's panics into Go's report
import { Channel, sleep, type RecvChannel, type SendChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

async function worker(id: number, jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  await sleep(1000); // Simulate work
  const result = id * 2;
  await results.send(result); // rejects with SendOnClosedChannelError: nobody catches it, it is a panic
}

runMain(async () => {
  const numJobs = 5;
  const numWorkers = 3;

  const jobs = new Channel<number>(numJobs, { name: 'jobs' });
  const results = new Channel<number>(numJobs, { name: 'results' });

  // Start worker goroutines
  for (let w = 1; w <= numWorkers; w++) {
    go(`worker ${w}`, () => worker(w, jobs, results));
  }

  // Send jobs to workers
  for (let j = 1; j <= numJobs; j++) {
    await jobs.send(j);
  }
  jobs.close();
  results.close(); // **Closing channel prematurely!**
  // Read from results channel
  for await (const result of results) {
    console.log('Result:', result);
  }

  // The only change to the seed's program: main has more to do and outlives the workers' work.
  await sleep(2000);
  console.log('main returns');
});

// Approach 2: closing `results` too early. The seed's program, line for line.
// Run: npx tsx examples/seed/03-close-early/main.ts
//
// It prints nothing and exits with status 0, exactly like the Go program: main closes `results`
// before any worker has sent, so `for await` ends at once, main returns, and the program ends
// while the workers are still asleep. Their results are lost. (See panics/ for what happens when
// main lives long enough for the workers to send.)
import { runMain, traceFromArgs } from 'chango/node'; // func main(): the program ends when main returns
import { Channel, sleep, type RecvChannel, type SendChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

async function worker(id: number, jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  await sleep(1000); // Simulate work (Go: time.Sleep(1 * time.Second))
  const result = id * 2;
  await results.send(result);
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
});

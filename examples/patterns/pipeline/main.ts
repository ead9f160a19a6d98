// Pipelines: stages connected by channels, each stage a goroutine that receives from upstream,
// works, and sends downstream (after the Go blog's "Go Concurrency Patterns: Pipelines").
// Run: npx tsx examples/patterns/pipeline/main.ts
import { traceFromArgs } from 'chango/node';
import { Channel, WaitGroup, type RecvChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

// gen sends the numbers on a channel it returns, then closes it.
function gen(...nums: number[]): RecvChannel<number> {
  const out = new Channel<number>();
  go('gen', async () => {
    for (const n of nums) {
      await out.send(n);
    }
    out.close();
  });
  return out;
}

// sq receives numbers, squares them, sends them on; it closes its output when its input is closed.
function sq(input: RecvChannel<number>): RecvChannel<number> {
  const out = new Channel<number>();
  go('sq', async () => {
    for await (const n of input) {
      await out.send(n * n);
    }
    out.close();
  });
  return out;
}

// merge fans in: it copies every input channel to one output, closed once all inputs are.
function merge(...cs: RecvChannel<number>[]): RecvChannel<number> {
  const wg = new WaitGroup();
  const out = new Channel<number>();

  const output = async (c: RecvChannel<number>): Promise<void> => {
    for await (const n of c) {
      await out.send(n);
    }
    wg.done();
  };
  wg.add(cs.length);
  for (const c of cs) {
    go('output', () => output(c));
  }

  go('merge closer', async () => {
    await wg.wait();
    out.close();
  });
  return out;
}

// A pipeline of three stages: gen -> sq -> sq.
for await (const n of sq(sq(gen(2, 3)))) {
  console.log(n); // 16 then 81
}

// Fan-out: two sq stages read from the same input; fan-in: merge their outputs.
const input = gen(2, 3, 4);
const c1 = sq(input);
const c2 = sq(input);
for await (const n of merge(c1, c2)) {
  console.log(n); // 4, 9 and 16, in any order
}

// Fan-in with select: merge two channels into one, switching off each input as it closes by
// setting it to the nil channel (after Rob Pike's "Go Concurrency Patterns").
// Run: npx tsx examples/patterns/merge-select/main.ts
import { traceFromArgs } from 'chango/node';
import { Channel, recv, select, type RecvChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

// boring sends n messages on the channel it returns, then closes it.
function boring(msg: string, n: number): RecvChannel<string> {
  const c = new Channel<string>();
  go('in1', async () => {
    for (let i = 0; i < n; i++) {
      await c.send(`${msg} ${i}`);
    }
    c.close();
  });
  return c;
}

// fanIn merges two channels into one with select, until both are closed.
function fanIn(input1: RecvChannel<string>, input2: RecvChannel<string>): RecvChannel<string> {
  const c = new Channel<string>();
  const nil = Channel.nil<string>();
  go('in2', async () => {
    try {
      while (input1 !== nil || input2 !== nil) {
        await select([
          recv(input1, async (s, ok) => {
            if (!ok) {
              input1 = nil; // a nil channel is never ready: this case is now off
              return;
            }
            await c.send(s);
          }),
          recv(input2, async (s, ok) => {
            if (!ok) {
              input2 = nil;
              return;
            }
            await c.send(s);
          }),
        ]);
      }
    } finally {
      c.close(); // defer close(c)
    }
  });
  return c;
}

const c = fanIn(boring('Joe', 3), boring('Ann', 3));
for await (const s of c) {
  console.log(s);
}
console.log("You're both boring; I'm leaving.");

// A deadlock in runMain: main in a select that can never proceed, a goroutine on the nil channel.
// Run: npx tsx examples/deadlock/select-nil/main.ts
import { runMain, traceFromArgs } from 'chango/node';
import { Channel, recv, select } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

runMain(async () => {
  const a = new Channel<number>(0, { name: 'a' });
  const b = Channel.nil<number>(); // the nil channel: sends and receives on it block forever

  go('sender', async () => {
    await b.send(1); // blocked forever
  });

  await select([
    // neither case can ever proceed
    recv(a, (v) => console.log('a:', v)),
    recv(b, (v) => console.log('b:', v)),
  ]);
});

// Timeouts and quit channels with select (after Rob Pike's "Go Concurrency Patterns").
// Run: npx tsx examples/patterns/timeout-quit/main.ts
import { traceFromArgs } from 'chango/node';
import { after, Channel, recv, select, send, type RecvChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

// boring talks on the channel it returns until told to quit; then it cleans up and says goodbye
// on the quit channel.
function boring(msg: string, quit: Channel<string>): RecvChannel<string> {
  const c = new Channel<string>();
  go('producer', async () => {
    for (let i = 0; ; i++) {
      const quitting = await select([
        send(c, `${msg} ${i}`, () => false), // sent; talk on
        recv(quit, () => true),
      ]);
      if (quitting) {
        await quit.send('See you!');
        return;
      }
    }
  });
  return c;
}

// 1. A timeout: stop waiting for a reply that does not come.
const replies = new Channel<string>(); // nobody ever replies
await select([
  recv(replies, (s) => console.log(s)),
  recv(after(50), () => console.log('no reply after 50ms: timed out')),
]);

// 2. A quit channel: tell a goroutine to stop, and wait until it has.
const quit = new Channel<string>();
const c = boring('Joe', quit);
for (let i = 0; i < 3; i++) {
  console.log(await c.recvValue());
}
await quit.send('Bye!');
console.log(`Joe says: ${JSON.stringify(await quit.recvValue())}`); // %q quotes a string

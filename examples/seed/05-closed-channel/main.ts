// Reading from a closed channel: the buffered values first, then the zero value with ok === false.
// Run: npx tsx examples/seed/05-closed-channel/main.ts
import { traceFromArgs } from 'chango/node';
import { Channel } from 'chango';

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

// `zero: 0` is Go's zero value for an int channel; without it a closed channel reads `undefined`.
const results = new Channel<number>(3, { name: 'results', zero: 0 });
await results.send(2);
await results.send(4);
await results.send(6);
results.close(); // No more sends; the three values are still in the buffer.

let { value, ok } = await results.recv(); // A buffered value: ok is true, although the channel is closed.
console.log('received', value, ok);

// for await drains what is left, then stops because the channel is closed and empty.
for await (const result of results) {
  console.log('Result:', result);
}

({ value, ok } = await results.recv()); // Closed and empty: the zero value at once, and ok is false.
console.log('received', value, ok);
({ value, ok } = await results.recv()); // As often as you like: a closed channel never blocks a receiver.
console.log('received', value, ok);

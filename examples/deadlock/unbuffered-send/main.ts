// The smallest deadlock: a send on an unbuffered channel that nobody receives from.
// Run: npx tsx examples/deadlock/unbuffered-send/main.ts
import { traceFromArgs } from 'chango/node'; // Go's deadlock report (chango/node)
import { Channel } from 'chango';

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

const results = new Channel<number>(0, { name: 'results' }); // results := make(chan int)

await results.send(42); // results <- 42: nobody will ever receive

console.log('never printed');

// The same program as unbuffered-send, without chango/node: what plain Node does with a deadlock.
// Run: npx tsx examples/deadlock/no-detector/main.ts; echo "exit status $?"
import { traceFromArgs } from 'chango/node/trace'; // the --trace flag only, not chango/node's detector
import { Channel } from 'chango';

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

const results = new Channel<number>(0, { name: 'results' });

await results.send(42); // nobody will ever receive

console.log('never printed');
// Node sees an event loop with nothing left to do and exits: no message, status 13 (the code
// for "unsettled top-level await"), or 0 for code that is not a top-level await.

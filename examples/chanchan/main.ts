// Channels inside values: a request carries the channel its answer goes back on, and a channel
// of channels (chan chan int) asks for a fresh number. Go's everyday request/reply, with the
// servers on worker threads.
// Run: npx tsx examples/chanchan/main.ts
import { traceFromArgs } from 'chango/node'; // Go's deadlock and panic reports (chango/node)
import { ThreadChannel, WorkerPool } from 'chango/threads';
import type { Request } from './worker.js';

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text): the main thread's side

const pool = new WorkerPool(new URL('./worker.ts', import.meta.url), { size: 2 });

const reqs = new ThreadChannel<Request>(); // reqs := make(chan request)
for (let i = 0; i < 2; i++) void pool.go('server', reqs); // go server(reqs)
// Three requests in flight at once, each with its own reply channel.
const replies: ThreadChannel<number>[] = [];
for (let i = 0; i < 3; i++) {
  replies.push(new ThreadChannel<number>(1)); // make(chan int, 1)
  await reqs.send({ lo: i * 1000, hi: (i + 1) * 1000, reply: replies[i]! }); // reqs <- request{...}
}
for (const [i, reply] of replies.entries()) {
  console.log(`primes in [${i * 1000}, ${(i + 1) * 1000}): ${await reply.recvValue()}`);
  // Done with it: Go's collector would take it; across threads, closing it lets its owner drop it
  // (docs/threads.md, "Lifetime"). The Go twin closes it too (optional there).
  reply.close();
}
reqs.close();

// chan chan int: the value sent is the channel to answer on.
const next = new ThreadChannel<ThreadChannel<number>>(); // next := make(chan chan int)
void pool.go('ids', next); // go ids(next)
const reply = new ThreadChannel<number>();
for (let i = 0; i < 3; i++) {
  await next.send(reply); // next <- reply
  console.log('id', await reply.recvValue());
}
next.close();

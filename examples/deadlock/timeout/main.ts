// A timeout keeps the program alive, as Go's does: main waits on ctx.Done() and wakes after
// 50 ms, where AbortSignal.timeout (an unref'd timer) would let Node exit at once, or make
// chango/node report a deadlock that is not there. Once the timer has fired, nothing can wake
// main any more, and a receive nobody will answer is a deadlock.
// Run: npx tsx examples/deadlock/timeout/main.ts
import { traceFromArgs } from 'chango/node'; // Go's deadlock report (chango/node)
import { Channel, done, withTimeout } from 'chango';

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

const ctx = withTimeout(undefined, 50); // ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)

await done(ctx.signal).recv(); // <-ctx.Done(): the pending timer is not a deadlock
console.log((ctx.signal.reason as Error).message); // fmt.Println(ctx.Err())
ctx.cancel(); // cancel()

const never = new Channel<number>(0, { name: 'never' }); // never := make(chan int)
await never.recv(); // <-never: no timer left, nobody will send

console.log('never printed');

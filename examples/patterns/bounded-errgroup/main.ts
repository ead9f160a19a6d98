// Bounded parallelism with errgroup: at most N goroutines at a time, and the first error wins.
// Run: npx tsx examples/patterns/bounded-errgroup/main.ts
import { traceFromArgs } from 'chango/node';
import { after, done, ErrGroup, recv, select, sleep } from 'chango';

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

// 1. Square 1..10 with at most 3 goroutines running at once.
const g = new ErrGroup();
g.setLimit(3);
const squares = new Array<number>(10).fill(0);
// No mutex: JavaScript runs one goroutine at a time, and these updates have no await in between.
let running = 0;
let most = 0;
for (let i = 0; i < squares.length; i++) {
  // Awaiting go() is Go's g.Go: it holds the loop back while 3 goroutines of the group run.
  await g.go(async () => {
    running++;
    most = Math.max(most, running);

    await sleep(10); // simulate work
    squares[i] = (i + 1) * (i + 1);

    running--;
  });
}
try {
  await g.wait(); // if err := g.Wait(); err != nil { ... }
} catch (err) {
  console.log('error:', (err as Error).message);
  process.exit();
}
console.log('squares:', `[${squares.join(' ')}]`); // Go prints a slice as [1 4 9 ...]
console.log('at most', most, 'at once');

// 2. The first error aborts the signal the others watch, and is what wait rejects with.
const { group: g2, signal } = ErrGroup.withContext(); // g2, ctx := errgroup.WithContext(ctx)
g2.setLimit(3);
for (let i = 1; i <= 10; i++) {
  await g2.go(async () => {
    if (i === 4) {
      throw new Error(`job ${i} failed`);
    }
    await select([
      recv(after(10), () => {}), // the job's work
      recv(done(signal), () => {
        throw signal.reason; // cancelled: give up (Go: return ctx.Err())
      }),
    ]);
  });
}
console.log(
  'error:',
  await g2.wait().then(
    () => null,
    (err: unknown) => (err as Error).message,
  ),
);

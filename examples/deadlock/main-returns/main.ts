// runMain: the process ends when main returns, as a Go program does, even with a ticker running.
// Run: npx tsx examples/deadlock/main-returns/main.ts
import { runMain, traceFromArgs } from 'chango/node';
import { sleep, tick } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

runMain(async () => {
  go('ticker', async () => {
    for await (const _ of tick(10)) {
      // a goroutine that would run forever
    }
  });

  await sleep(30);
  console.log('main returns');
  // Without runMain, Node would keep running the ticker forever.
});

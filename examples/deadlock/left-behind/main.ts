// A goroutine left blocked when main returns is not a deadlock: Go drops it silently.
// Run: npx tsx examples/deadlock/left-behind/main.ts
import { traceFromArgs } from 'chango/node';
import { Channel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

const never = new Channel<number>(0, { name: 'never' });

go('sender', async () => {
  await never.recv(); // <-never: blocked forever, nobody sends
});

console.log('main returns');
// The module's code ends here, so main is not blocked: the process exits with status 0 and
// no report, although the goroutine above is still blocked.

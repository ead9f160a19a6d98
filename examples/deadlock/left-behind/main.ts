// A goroutine left blocked when main returns is not a deadlock: Go drops it silently.
// Run: npx tsx examples/deadlock/left-behind/main.ts
import 'chango/node';
import { Channel } from 'chango';

const never = new Channel<number>(0, { name: 'never' });

void (async () => {
  await never.recv(); // <-never: blocked forever, nobody sends
})();

console.log('main returns');
// The module's code ends here, so main is not blocked: the process exits with status 0 and
// no report, although the goroutine above is still blocked.

// A concurrent prime sieve: Go's classic (go.dev/doc/play/sieve.go), one goroutine per prime.
// Run: npx tsx examples/patterns/prime-sieve/main.ts
import { traceFromArgs } from 'chango/node';
import { Channel, type RecvChannel, type SendChannel } from 'chango';
import { go } from 'chango/trace'; // go(name, fn): a goroutine with a name, a lane of its own in a trace

traceFromArgs(); // --trace FILE draws this run (FILE.svg, FILE.html, or text)

// Send the sequence 2, 3, 4, ... to channel 'ch'.
async function generate(ch: SendChannel<number>): Promise<void> {
  for (let i = 2; ; i++) {
    await ch.send(i); // Send 'i' to channel 'ch'.
  }
}

// Copy the values from channel 'in' to channel 'out',
// removing those divisible by 'prime'.
async function filter(input: RecvChannel<number, number>, out: SendChannel<number>, prime: number): Promise<void> {
  for (;;) {
    const i = await input.recvValue(); // Receive value from 'in'.
    if (i % prime !== 0) {
      await out.send(i); // Send 'i' to 'out'.
    }
  }
}

// The prime sieve: Daisy-chain Filter processes.
// A chan int: its zero value is 0, so a receive is typed number, as in Go.
let ch = new Channel<number>(0, { zero: 0 }); // Create a new channel.
go('generate', () => generate(ch)); // Launch Generate goroutine.
for (let i = 0; i < 10; i++) {
  const prime = await ch.recvValue();
  console.log(prime);
  const ch1 = new Channel<number>(0, { zero: 0 });
  go(`filter ${prime}`, () => filter(ch, ch1, prime));
  ch = ch1;
}
// main returns with every goroutine blocked on a send: as in Go, that is the end, not a deadlock.

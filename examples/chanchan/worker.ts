// The goroutines of examples/chanchan, run on worker threads by a WorkerPool: a request carries
// the channel its answer goes back on, and `ids` is served over a channel of channels.
import type { RecvChannel, SendChannel } from 'chango';
import 'chango/threads'; // serves the WorkerPool when this module runs on a worker thread

// request asks for the primes in [lo, hi); the answer goes back on reply.
export interface Request {
  readonly lo: number;
  readonly hi: number;
  readonly reply: SendChannel<number>;
}

export function countPrimes(lo: number, hi: number): number {
  let n = 0;
  for (let x = Math.max(lo, 2); x < hi; x++) {
    let prime = true;
    for (let d = 2; d * d <= x; d++) {
      if (x % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) n++;
  }
  return n;
}

// server answers requests until reqs is closed.
export async function server(reqs: RecvChannel<Request>): Promise<void> {
  for await (const r of reqs) await r.reply.send(countPrimes(r.lo, r.hi)); // r.reply <- countPrimes(r.lo, r.hi)
}

// ids hands out sequence numbers: each request is the channel to answer on.
export async function ids(next: RecvChannel<SendChannel<number>>): Promise<void> {
  let n = 0;
  for await (const reply of next) await reply.send(++n);
}

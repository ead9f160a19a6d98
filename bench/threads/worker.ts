/** chango's side of the thread benchmarks: goroutines that bench/threads/case.ts starts with WorkerPool.go. */
import type { RecvChannel, SendChannel } from '../../src/channel/types.js';
import { ThreadChannel } from '../../src/threads/index.js';
import { countPrimes, SPAN } from './jobs.mjs';

/** The CPU-bound worker: for job := range jobs { results <- countPrimes(job) }. */
export async function primes(jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  for await (const lo of jobs) await results.send(countPrimes(lo, lo + SPAN));
}

/** The tiny-job worker: for x := range jobs { results <- x * 2 }. */
export async function double(jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
  for await (const x of jobs) await results.send(x * 2);
}

/** Ping-pong: for v := range ping { pong <- v + 1 }. */
export async function pong(ping: RecvChannel<number>, pongs: SendChannel<number>): Promise<void> {
  for await (const v of ping) await pongs.send(v + 1);
}

/**
 * Ping-pong with each channel owned by its sender: pong is made here, on the thread that sends
 * on it, and returned; `go func() { for v := range ping { pong <- v + 1 }; close(pong) }()`.
 */
export function startPong(ping: RecvChannel<number>): ThreadChannel<number> {
  const pong = new ThreadChannel<number>();
  void (async () => {
    for await (const v of ping) await pong.send(v + 1);
    pong.close();
  })();
  return pong;
}

/** A buffered stream of n values from a channel made here, on the sending thread, and returned. */
export function startStream(n: number): ThreadChannel<number> {
  const out = new ThreadChannel<number>(1024);
  void (async () => {
    for (let i = 0; i < n; i++) await out.send(i);
    out.close();
  })();
  return out;
}

/** A buffered stream of n values to the owner. */
export async function stream(out: SendChannel<number>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await out.send(i);
  out.close();
}

/** For warming a thread up. */
export function nop(): void {}

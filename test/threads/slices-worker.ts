/**
 * Worker functions for slices.test.ts: goroutines whose turns are long enough (they compute, by
 * the wall clock) that their thread delivers its answers a slice at a time (src/threads/link.ts).
 */
import type { RecvChannel, SendChannel } from '../../src/channel/types.js';
import '../../src/threads/index.js';

/** Computes for `ms` of wall-clock time: however fast the machine, the turn lasts at least that long. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Computes for `ms`, then reports: a turn this long turns slicing on for its thread. */
export async function compute(out: SendChannel<string>, ms: number): Promise<void> {
  spin(ms);
  await out.send('done');
}

/**
 * Takes one job. 'A' computes for 1.5 ms and reports; 'B' computes until the owner raises `flag`,
 * which it does once it has A's report (for at most 2 s, then says A's report had not left); any
 * other job reports at once.
 */
export async function job(jobs: RecvChannel<string>, out: SendChannel<string>, flag: Int32Array): Promise<void> {
  const j = await jobs.recvValue();
  if (j === 'A') {
    spin(1.5);
    await out.send('a');
  } else if (j === 'B') {
    const end = performance.now() + 2000;
    while (Atomics.load(flag, 0) === 0 && performance.now() < end);
    await out.send(Atomics.load(flag, 0) === 1 ? 'b' : "b: A's report had not left while B computed");
  } else {
    await out.send(String(j));
  }
}

/** for j := range jobs { compute(ms); results <- j * 2 }; returns how many it did. */
export async function spinDouble(jobs: RecvChannel<number>, results: SendChannel<number>, ms: number): Promise<number> {
  let n = 0;
  for await (const j of jobs) {
    spin(ms);
    await results.send(j * 2);
    n++;
  }
  return n;
}

/** Sends [id, 0], [id, 1], ... [id, n - 1], computing for `ms` before each. */
export async function spinSeq(out: SendChannel<[number, number]>, id: number, n: number, ms: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    spin(ms);
    await out.send([id, i]);
  }
}

/** Receives until `ch` is closed, computing for `ms` after each value; returns the values and the final receive. */
export async function spinDrain(ch: RecvChannel<number>, ms: number): Promise<unknown> {
  const got: number[] = [];
  for (;;) {
    const r = await ch.recv();
    if (!r.ok) return { got, last: r };
    got.push(r.value);
    spin(ms);
  }
}

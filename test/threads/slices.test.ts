/**
 * Long turns sliced (src/threads/link.ts): once a thread's goroutines have run a long turn, it
 * delivers the owner's answers a slice at a time, letting its requests leave between two slices.
 * These tests start goroutines that compute by the wall clock (slices-worker.ts), so the turns are
 * long on any machine, and check that the requests of one slice leave while the next computes,
 * and that every channel rule still holds: each value received exactly once, each sender's order,
 * close seen by every receiver.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ThreadChannel, WorkerPool } from '../../src/threads/index.js';
import { buildThreads } from './build.js';

const built = await buildThreads([], 'slices-worker.ts');
const { worker: MODULE, options: OPTIONS } = built;
const pools: WorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  built.remove();
});

/** A pool of `size` threads, each put into slicing by a 3 ms turn. */
async function slicingPool(size: number): Promise<WorkerPool> {
  const pool = new WorkerPool(MODULE, { ...OPTIONS, size });
  pools.push(pool);
  const out = new ThreadChannel<string>(size);
  await Promise.all(Array.from({ length: size }, () => pool.go('compute', out, 3)));
  return pool;
}

describe('long turns, sliced', () => {
  it("a goroutine's send leaves while the next goroutine resumed by the same batch computes", async () => {
    const pool = await slicingPool(1);
    const jobs = new ThreadChannel<string>(3);
    const out = new ThreadChannel<string>(3);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    for (const j of ['A', 'B', 'C']) await jobs.send(j);
    // Three receives answered in one batch: A's goroutine computes first, and B's computes until
    // this thread has A's report. Unsliced, A's send would leave only after B's turn ended.
    const gs = [1, 2, 3].map(() => pool.go('job', jobs, out, flag));
    expect(await out.recvValue()).toBe('a');
    Atomics.store(flag, 0, 1);
    const rest = [await out.recvValue(), await out.recvValue()].sort();
    expect(rest).toEqual(['C', 'b']);
    await Promise.all(gs);
  });

  it('a fan-out of computing goroutines receives each job once and sends each result once', async () => {
    const pool = await slicingPool(2);
    const jobs = new ThreadChannel<number>(16);
    const results = new ThreadChannel<number>(16);
    const workers = Array.from({ length: 12 }, () => pool.go<number>('spinDouble', jobs, results, 0.3));
    const n = 300;
    void (async () => {
      for (let j = 0; j < n; j++) await jobs.send(j);
      jobs.close();
    })();
    const got: number[] = [];
    for (let i = 0; i < n; i++) got.push((await results.recvValue()) as number);
    expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, j) => j * 2));
    // Close is seen by every goroutine: each for-await ends, and together they did every job once.
    const done = await Promise.all(workers);
    expect(done.reduce((a, b) => a + b, 0)).toBe(n);
    expect(results.length).toBe(0);
  });

  it("each sender's values arrive in its order, none lost or doubled", async () => {
    const pool = await slicingPool(2);
    const out = new ThreadChannel<[number, number]>(4);
    const senders = Array.from({ length: 8 }, (_, id) => pool.go('spinSeq', out, id, 25, 0.4));
    const next = new Array<number>(8).fill(0);
    for (let i = 0; i < 8 * 25; i++) {
      const [id, k] = (await out.recvValue()) as [number, number];
      expect(k).toBe(next[id]);
      next[id] = k + 1;
    }
    await Promise.all(senders);
    expect(next).toEqual(new Array<number>(8).fill(25));
  });

  it('close wakes every receiver with (zero, false) after the buffered values, each value taken once', async () => {
    const pool = await slicingPool(2);
    const ch = new ThreadChannel<number>(64);
    const receivers = Array.from({ length: 6 }, () => pool.go<{ got: number[]; last: unknown }>('spinDrain', ch, 0.5));
    for (let v = 1; v <= 60; v++) await ch.send(v);
    ch.close();
    const rs = await Promise.all(receivers);
    for (const r of rs) expect(r.last).toEqual({ value: undefined, ok: false });
    const all = rs.flatMap((r) => r.got).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });
});

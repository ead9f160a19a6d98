/**
 * One measurement of the thread benchmarks, in a fresh process (bench/threads/run.ts starts one
 * per sample, built into JavaScript by bench/threads/build.ts): `node bench/.cache/threads/case.mjs
 * <case> <threads>` (or, through tsx, `node --import tsx bench/threads/case.ts <case> <threads>`). Prints one JSON line:
 * `{ ms, n, ownerMs, ownerCpu, cpu }`, the timed part only (threads started and warmed before the clock starts).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Tinypool } from 'tinypool';
import { Channel } from '../../src/channel/channel.js';
import { ThreadChannel, WorkerPool, type RemoteChannel } from '../../src/threads/index.js';
import { countPrimes, jobStart, SPAN } from './jobs.mjs';

const CPU_JOBS = Number(process.env['CPU_JOBS'] ?? 2000);
const TINY_JOBS = Number(process.env['TINY_JOBS'] ?? 100_000);
const PINGS = Number(process.env['PINGS'] ?? 10_000);
const STREAM = Number(process.env['STREAM'] ?? 100_000);
/** Tasks in flight per thread for piscina and tinypool's tiny jobs (all at once is O(n) there). */
const IN_FLIGHT = 64;

const [name = '', threadsArg = '2'] = process.argv.slice(2);
const threads = Number(threadsArg);
const JOBS_URL = new URL('./jobs.mjs', import.meta.url);
const PORT_WORKER_URL = new URL('./port-worker.mjs', import.meta.url);
/** Jobs in flight per thread in the hand-written MessagePort pool (as in the measurement). */
const PORT_IN_FLIGHT = 16;
/** The in-process speed-up case: timed rounds, and the jobs of its untimed warm-up round. */
const INPROC_ROUNDS = Number(process.env['INPROC_ROUNDS'] ?? 3);
const INPROC_WARM = Math.ceil(CPU_JOBS / 10);
// Built (bench/threads/build.ts), this file is case.mjs and the worker module worker.mjs beside it.
const WORKER_URL = new URL(import.meta.url.endsWith('.mjs') ? './worker.mjs' : './worker.ts', import.meta.url);

/** `PROF=dir`: CPU profiles of the main thread (run with --cpu-prof) and of every worker thread. */
const PROF = process.env['PROF'];

async function changoPool(): Promise<WorkerPool> {
  const pool = new WorkerPool(WORKER_URL, {
    size: threads,
    ...(PROF !== undefined
      ? { execArgv: PROF.startsWith('-') ? PROF.split(' ') : ['--cpu-prof', '--cpu-prof-dir', PROF] }
      : {}),
  });
  await Promise.all(Array.from({ length: threads }, () => pool.go('nop')));
  return pool;
}

/**
 * The CPU time this (the owner) thread has used, in ms, where Linux tells it (10 ms ticks), else
 * NaN. Unlike the wall clock, it does not grow when another process takes the core, so it
 * compares changes on a loaded machine; it is what caps a fan-out on 2 cores.
 */
function ownerCpuMs(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Runs `fn` with the clock around it and prints the sample: the wall time, the time this (the
 * owner) thread's event loop was busy, and the CPU time it used.
 */
async function timed(n: number, fn: () => Promise<void>): Promise<void> {
  const e0 = performance.eventLoopUtilization();
  const c0 = ownerCpuMs();
  const p0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const ownerMs = performance.eventLoopUtilization(e0).active;
  const ownerCpu = ownerCpuMs() - c0;
  const p = process.cpuUsage(p0);
  const cpu = (p.user + p.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ms, n, ownerMs, ownerCpu, cpu })}\n`);
}

/** The wall time of `fn`, in ms. */
async function wall(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Feeds `values` into `jobs` and sums `n` results: the seed's main, on the owner thread. */
async function fanOut(
  jobs: Channel<number>,
  results: Channel<number>,
  n: number,
  value: (j: number) => number,
): Promise<number> {
  void (async () => {
    for (let j = 0; j < n; j++) await jobs.send(value(j));
    jobs.close();
  })();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (await results.recvValue()) as number;
  return sum;
}

/** Runs `n` tasks through a piscina/tinypool `run`, at most `limit` in flight. */
async function bounded(n: number, limit: number, run: (i: number) => Promise<number>): Promise<number> {
  let next = 0;
  let sum = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) sum += await run(next++);
    }),
  );
  return sum;
}

/** The CPU-bound fan-out on the main thread alone: the seed's program, 8 async workers. */
async function cpuMainFanOut(n: number): Promise<void> {
  const jobs = new Channel<number>(64);
  const results = new Channel<number>(64);
  for (let w = 0; w < 8; w++) {
    void (async () => {
      for await (const lo of jobs) await results.send(countPrimes(lo, lo + SPAN));
    })();
  }
  await fanOut(jobs, results, n, jobStart);
}

/** The CPU-bound fan-out of `n` jobs through `perThread` goroutines on each of the pool's threads. */
async function cpuChangoFanOut(pool: WorkerPool, perThread: number, n: number): Promise<void> {
  const jobs = new ThreadChannel<number>(64);
  const results = new ThreadChannel<number>(64);
  const gs = Array.from({ length: perThread * threads }, () => pool.go('primes', jobs, results));
  await fanOut(jobs, results, n, jobStart);
  await Promise.all(gs);
}

/** The CPU-bound fan-out through `perThread` goroutines on each thread. */
async function cpuChango(perThread: number): Promise<void> {
  const pool = await changoPool();
  await timed(CPU_JOBS, () => cpuChangoFanOut(pool, perThread, CPU_JOBS));
  await pool.close();
}

/**
 * A hand-written pool fed through `MessagePort`: each thread is given PORT_IN_FLIGHT jobs, and one
 * more each time it posts a result. No channels, no select, no close: the floor the issue names.
 */
async function portPool(): Promise<{ run(n: number): Promise<void>; close(): Promise<void> }> {
  const ws = Array.from({ length: threads }, () => new Worker(PORT_WORKER_URL));
  await Promise.all(
    ws.map(
      (w) =>
        new Promise((resolve) => {
          w.once('message', resolve);
          w.postMessage(jobStart(0));
        }),
    ),
  );
  return {
    run: (n) =>
      new Promise<void>((resolve) => {
        let next = 0;
        let done = 0;
        const listeners = ws.map((w) => {
          const answered = (): void => {
            if (next < n) w.postMessage(jobStart(next++));
            if (++done < n) return;
            ws.forEach((x, i) => x.off('message', listeners[i]!));
            resolve();
          };
          w.on('message', answered);
          return answered;
        });
        for (const w of ws) for (let k = 0; k < PORT_IN_FLIGHT && next < n; k++) w.postMessage(jobStart(next++));
      }),
    close: async () => {
      await Promise.all(ws.map((w) => w.terminate()));
    },
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Untimed tiny jobs run first through the same pool: a fresh process runs its first hundred
 * thousand or so jobs slower (4-10 µs each against about 2 once warm, on 2 loaded cores) while
 * the JIT compiles the path they take and the heap grows to its working size, so the figure
 * would depend on how many jobs are timed rather than on what a job costs. chango's pool warms
 * up with two rounds of TINY_JOBS; piscina and tinypool, which take 20 times longer per job and
 * spend it in `postMessage`, with a fifth of TINY_JOBS.
 */
const TINY_WARM = 2 * TINY_JOBS;
const TINY_WARM_POOLS = Math.ceil(TINY_JOBS / 5);

/** TINY_JOBS tiny jobs through `perThread` goroutines on each thread, after TINY_WARM untimed ones. */
async function tinyChango(perThread: number): Promise<void> {
  const pool = await changoPool();
  const round = async (n: number): Promise<void> => {
    const jobs = new ThreadChannel<number>(1024);
    const results = new ThreadChannel<number>(1024);
    const gs = Array.from({ length: perThread * threads }, () => pool.go('double', jobs, results));
    await fanOut(jobs, results, n, (j) => j);
    await Promise.all(gs);
  };
  await round(TINY_WARM / 2);
  await round(TINY_WARM / 2);
  await timed(TINY_JOBS, () => round(TINY_JOBS));
  await pool.close();
}

/** One warm-up exchange, then PINGS timed round trips (two messages each) from the main thread. */
async function pingPong(ping: { send(v: number): Promise<void> }, pong: { recv(): Promise<unknown> }): Promise<void> {
  await ping.send(0);
  await pong.recv();
  await timed(2 * PINGS, async () => {
    for (let i = 0; i < PINGS; i++) {
      await ping.send(i);
      await pong.recv();
    }
  });
}

const cases: Record<string, () => Promise<void>> = {
  async 'cpu-main'() {
    await timed(CPU_JOBS, () => cpuMainFanOut(CPU_JOBS));
  },
  async 'cpu-port'() {
    const pool = await portPool();
    await timed(CPU_JOBS, () => pool.run(CPU_JOBS));
    await pool.close();
  },
  /**
   * The speed-up measured inside one process: the main thread alone, chango (16, then 64 goroutines
   * per thread) and the hand-written MessagePort pool run the same fan-out in turn, INPROC_ROUNDS times
   * after an untimed warm-up round, so that all three run on the same cores at the same speed
   * (the compute speed of a process differs between processes by up to 1.5x on this machine).
   * Prints the median of the rounds' ratios `main / chango` (16 and 64) and `main / port`, and
   * chango's median time (16) as `ms`.
   */
  async 'cpu-inproc'() {
    const pool = await changoPool();
    const port = await portPool();
    await cpuMainFanOut(INPROC_WARM);
    await cpuChangoFanOut(pool, 16, INPROC_WARM);
    await port.run(INPROC_WARM);
    const main: number[] = [];
    const chango: number[] = [];
    const chango64: number[] = [];
    const ported: number[] = [];
    const runs = [
      async () => main.push(await wall(() => cpuMainFanOut(CPU_JOBS))),
      async () => chango.push(await wall(() => cpuChangoFanOut(pool, 16, CPU_JOBS))),
      async () => chango64.push(await wall(() => cpuChangoFanOut(pool, 64, CPU_JOBS))),
      async () => ported.push(await wall(() => port.run(CPU_JOBS))),
    ];
    // Each round starts with a different one, so that none always runs first or after the same one.
    for (let r = 0; r < INPROC_ROUNDS; r++) for (let k = 0; k < runs.length; k++) await runs[(k + r) % runs.length]!();
    const ratio = median(main.map((m, r) => m / (chango[r] as number)));
    const ratio64 = median(main.map((m, r) => m / (chango64[r] as number)));
    const portRatio = median(main.map((m, r) => m / (ported[r] as number)));
    const sample = {
      ms: median(chango),
      n: CPU_JOBS,
      ownerMs: 0,
      ownerCpu: Number.NaN,
      cpu: 0,
      ratio,
      ratio64,
      portRatio,
    };
    process.stdout.write(`${JSON.stringify(sample)}\n`);
    await port.close();
    await pool.close();
  },
  'cpu-chango': () => cpuChango(4),
  'cpu-chango-16': () => cpuChango(16),
  'cpu-chango-64': () => cpuChango(64),
  async 'cpu-piscina'() {
    const pool = new Piscina({ filename: JOBS_URL.href, minThreads: threads, maxThreads: threads });
    await Promise.all(Array.from({ length: threads * 2 }, () => pool.run(0)));
    await timed(CPU_JOBS, async () => {
      await Promise.all(Array.from({ length: CPU_JOBS }, (_, j) => pool.run(jobStart(j)) as Promise<number>));
    });
    await pool.destroy();
  },
  async 'cpu-tinypool'() {
    const pool = new Tinypool({ filename: JOBS_URL.href, minThreads: threads, maxThreads: threads });
    await Promise.all(Array.from({ length: threads * 2 }, () => pool.run(0)));
    await timed(CPU_JOBS, async () => {
      await Promise.all(Array.from({ length: CPU_JOBS }, (_, j) => pool.run(jobStart(j)) as Promise<number>));
    });
    await pool.destroy();
  },
  'tiny-chango': () => tinyChango(16),
  'tiny-chango-64': () => tinyChango(64),
  'tiny-chango-128': () => tinyChango(128),
  'tiny-chango-256': () => tinyChango(256),
  async 'tiny-piscina'() {
    const pool = new Piscina({ filename: JOBS_URL.href, minThreads: threads, maxThreads: threads });
    await bounded(TINY_WARM_POOLS, IN_FLIGHT * threads, (i) => pool.run({ tiny: i }) as Promise<number>);
    await timed(TINY_JOBS, async () => {
      await bounded(TINY_JOBS, IN_FLIGHT * threads, (i) => pool.run({ tiny: i }) as Promise<number>);
    });
    await pool.destroy();
  },
  async 'tiny-tinypool'() {
    const pool = new Tinypool({ filename: JOBS_URL.href, minThreads: threads, maxThreads: threads });
    await bounded(TINY_WARM_POOLS, IN_FLIGHT * threads, (i) => pool.run({ tiny: i }) as Promise<number>);
    await timed(TINY_JOBS, async () => {
      await bounded(TINY_JOBS, IN_FLIGHT * threads, (i) => pool.run({ tiny: i }) as Promise<number>);
    });
    await pool.destroy();
  },
  async 'pingpong-chango'() {
    const pool = await changoPool();
    const ping = new ThreadChannel<number>();
    const pong = new ThreadChannel<number>();
    const g = pool.go('pong', ping, pong);
    await pingPong(ping, pong);
    ping.close();
    await g;
    await pool.close();
  },
  async 'pingpong-chango-owned'() {
    const pool = await changoPool();
    const ping = new ThreadChannel<number>();
    const pong = await pool.go<RemoteChannel<number>>('startPong', ping);
    await pingPong(ping, pong);
    ping.close();
    await pool.close();
  },
  async 'pingpong-local'() {
    const ping = new Channel<number>();
    const pong = new Channel<number>();
    void (async () => {
      for await (const v of ping) await pong.send(v + 1);
    })();
    const n = PINGS * 10;
    await timed(2 * n, async () => {
      for (let i = 0; i < n; i++) {
        await ping.send(i);
        await pong.recv();
      }
    });
    ping.close();
  },
  async 'pingpong-postmessage'() {
    const w = new Worker(
      `require('node:worker_threads').parentPort.on('message', (v) => require('node:worker_threads').parentPort.postMessage(v + 1));`,
      { eval: true },
    );
    const once = (v: number) =>
      new Promise<void>((resolve) => {
        w.once('message', () => resolve());
        w.postMessage(v);
      });
    await once(0);
    await timed(2 * PINGS, async () => {
      for (let i = 0; i < PINGS; i++) await once(i);
    });
    await w.terminate();
  },
  async 'stream-chango'() {
    const pool = await changoPool();
    const out = new ThreadChannel<number>(1024);
    await timed(STREAM, async () => {
      const g = pool.go('stream', out, STREAM);
      let n = 0;
      for await (const _ of out) n++;
      if (n !== STREAM) throw new Error(`lost values: ${n}`);
      await g;
    });
    await pool.close();
  },
  async 'stream-chango-owned'() {
    const pool = await changoPool();
    await timed(STREAM, async () => {
      const out = await pool.go<RemoteChannel<number>>('startStream', STREAM);
      let n = 0;
      for await (const _ of out) n++;
      if (n !== STREAM) throw new Error(`lost values: ${n}`);
    });
    await pool.close();
  },
  async 'stream-local'() {
    const out = new Channel<number>(1024);
    const n = STREAM * 10;
    await timed(n, async () => {
      void (async () => {
        for (let i = 0; i < n; i++) await out.send(i);
        out.close();
      })();
      let got = 0;
      for await (const _ of out) got++;
      if (got !== n) throw new Error('lost values');
    });
  },
};

const c = cases[name];
if (c === undefined) {
  console.error(`unknown case ${name}; one of: ${Object.keys(cases).join(', ')}`);
  process.exit(1);
}
await c();

/**
 * W3: worker pool, Go by Example's shape. A producer sends n jobs into `jobs` (capacity 100) and
 * closes it; 8 workers receive jobs and send job*2 into `results` (capacity 100); when the last
 * worker is done, `results` is closed (chango: a WaitGroup; the peers have none: a counter); main
 * sums the results until closed. ns/job. Check: sum and count.
 *
 * p-map and p-limit have no channels: they map the n jobs with concurrency 8, which is what the
 * pool computes.
 */
import type { Meter, Workload } from '../harness.js';
import { ratioToFastestPeer, withinOfGo } from '../harness.js';
import {
  AsyncChannel,
  Channel,
  csp,
  cspRun,
  FloorChannel,
  NodeguyChannel,
  pLimit,
  pMap,
  TsChan,
  WaitGroup,
} from '../peers.js';

const CAP = 100;
const WORKERS = 8;
const work = (job: number) => job * 2;
const expectedSum = (n: number) => n * (n - 1);

function finish(m: Meter, n: number, sum: number, count: number): void {
  m.check('count', count, n);
  m.check('sum', sum, expectedSum(n));
}


/** 'range': the Go program's `for job := range jobs`; 'recv': `v, ok := <-ch`; 'idiom': try first. */
function chango(style: 'range' | 'recv' | 'idiom') {
  const idiom = style === 'idiom';
  return async (n: number, m: Meter): Promise<void> => {
    const jobs = new Channel<number>(CAP);
    const results = new Channel<number>(CAP);
    void (async () => {
      if (idiom) for (let j = 0; j < n; j++) jobs.trySend(j) || (await jobs.send(j));
      else for (let j = 0; j < n; j++) await jobs.send(j);
      jobs.close();
    })();
    const wg = new WaitGroup();
    wg.add(WORKERS);
    void (async () => {
      await wg.wait();
      results.close();
    })();
    for (let w = 0; w < WORKERS; w++) {
      void (async () => {
        if (style === 'range') {
          for await (const job of jobs) await results.send(work(job)); // for job := range jobs
        } else {
          for (;;) {
            const r = style === 'idiom' ? (jobs.tryRecv() ?? (await jobs.recv())) : await jobs.recv();
            if (!r.ok) break;
            const v = work(r.value);
            if (style === 'idiom') results.trySend(v) || (await results.send(v));
            else await results.send(v);
          }
        }
        wg.done();
      })();
    }
    let sum = 0;
    let count = 0;
    if (style === 'range') {
      for await (const v of results) {
        sum += v;
        count++;
      }
    } else {
      for (;;) {
        const r = style === 'idiom' ? (results.tryRecv() ?? (await results.recv())) : await results.recv();
        if (!r.ok) break;
        sum += r.value;
        count++;
      }
    }
    finish(m, n, sum, count);
  };
}

async function asyncChannel(n: number, m: Meter): Promise<void> {
  const jobs = new AsyncChannel<number>(CAP);
  const results = new AsyncChannel<number>(CAP);
  void (async () => {
    for (let j = 0; j < n; j++) await jobs.push(j);
    jobs.close();
  })();
  let live = WORKERS;
  for (let w = 0; w < WORKERS; w++) {
    void (async () => {
      // Several workers may wait on get() when the channel closes: they reject with
      // ChannelClosedError, which is async-channel's end-of-stream signal.
      try {
        for (;;) await results.push(work(await jobs.get()));
      } catch {
        if (--live === 0) results.close();
      }
    })();
  }
  let sum = 0;
  let count = 0;
  while (!results.done) {
    try {
      sum += await results.get();
      count++;
    } catch {
      break; // closed while we waited
    }
  }
  finish(m, n, sum, count);
}

function tsChan(unsafe: boolean, idiom = false) {
  return async (n: number, m: Meter): Promise<void> => {
    const jobs = new TsChan<number>(CAP).setUnsafe(unsafe);
    const results = new TsChan<number>(CAP).setUnsafe(unsafe);
    void (async () => {
      if (idiom) for (let j = 0; j < n; j++) jobs.trySend(j) || (await jobs.send(j));
      else for (let j = 0; j < n; j++) await jobs.send(j);
      jobs.close();
    })();
    let live = WORKERS;
    for (let w = 0; w < WORKERS; w++) {
      void (async () => {
        for (;;) {
          const r = idiom ? (jobs.tryRecv() ?? (await jobs.recv())) : await jobs.recv();
          if (r.done) break;
          const v = work(r.value);
          if (idiom) results.trySend(v) || (await results.send(v));
          else await results.send(v);
        }
        if (--live === 0) results.close();
      })();
    }
    let sum = 0;
    let count = 0;
    for (;;) {
      const r = idiom ? (results.tryRecv() ?? (await results.recv())) : await results.recv();
      if (r.done) break;
      sum += r.value;
      count++;
    }
    finish(m, n, sum, count);
  };
}

async function nodeguy(n: number, m: Meter): Promise<void> {
  const jobs = NodeguyChannel<number>(CAP);
  const results = NodeguyChannel<number>(CAP);
  void (async () => {
    for (let j = 0; j < n; j++) await jobs.push(j);
    await jobs.close();
  })();
  let live = WORKERS;
  for (let w = 0; w < WORKERS; w++) {
    void (async () => {
      for (;;) {
        const j = await jobs.shift(); // undefined once closed and drained
        if (j === undefined) break;
        await results.push(work(j));
      }
      if (--live === 0) await results.close();
    })();
  }
  let sum = 0;
  let count = 0;
  for (;;) {
    const v = await results.shift();
    if (v === undefined) break;
    sum += v;
    count++;
  }
  finish(m, n, sum, count);
}

async function jsCsp(n: number, m: Meter): Promise<void> {
  const jobs = csp.chan(CAP);
  const results = csp.chan(CAP);
  void cspRun(function* () {
    for (let j = 0; j < n; j++) yield csp.put(jobs, j);
    jobs.close();
  });
  let live = WORKERS;
  for (let w = 0; w < WORKERS; w++) {
    void cspRun(function* () {
      for (;;) {
        const j = yield csp.take(jobs);
        if (j === csp.CLOSED) break;
        yield csp.put(results, work(j as number));
      }
      if (--live === 0) results.close();
    });
  }
  const [sum, count] = (await cspRun(function* () {
    let sum = 0;
    let count = 0;
    for (;;) {
      const v = yield csp.take(results);
      if (v === csp.CLOSED) break;
      sum += v as number;
      count++;
    }
    return [sum, count];
  })) as [number, number];
  finish(m, n, sum, count);
}

function range(n: number): number[] {
  const a = new Array<number>(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

async function pMapRow(n: number, m: Meter): Promise<void> {
  const out = await pMap(range(n), work, { concurrency: WORKERS });
  let sum = 0;
  for (const v of out) sum += v;
  finish(m, n, sum, out.length);
}

async function pLimitRow(n: number, m: Meter): Promise<void> {
  const limit = pLimit(WORKERS);
  const out = await limit.map(range(n), work);
  let sum = 0;
  for (const v of out) sum += v;
  finish(m, n, sum, out.length);
}

function floor(idiom: boolean, yields = false) {
  return async (n: number, m: Meter): Promise<void> => {
    const jobs = new FloorChannel<number>(CAP, yields);
    const results = new FloorChannel<number>(CAP, yields);
    void (async () => {
      if (idiom) for (let j = 0; j < n; j++) jobs.trySend(j) || (await jobs.send(j));
      else for (let j = 0; j < n; j++) await jobs.send(j);
      jobs.close();
    })();
    let live = WORKERS;
    for (let w = 0; w < WORKERS; w++) {
      void (async () => {
        for (;;) {
          const j = idiom ? (jobs.tryRecv() ?? (await jobs.recv())) : await jobs.recv();
          if (j === undefined) break;
          const v = work(j);
          if (idiom) results.trySend(v) || (await results.send(v));
          else await results.send(v);
        }
        if (--live === 0) results.close();
      })();
    }
    let sum = 0;
    let count = 0;
    for (;;) {
      const v = idiom ? (results.tryRecv() ?? (await results.recv())) : await results.recv();
      if (v === undefined) break;
      sum += v;
      count++;
    }
    finish(m, n, sum, count);
  };
}

export const w3: Workload = {
  id: 'w3',
  title: 'W3 worker pool (jobs cap 100, 8 workers, results cap 100)',
  unit: 'job',
  n: 500_000,
  quickN: 20_000,
  rows: [
    { name: 'chango', kind: 'chango', run: chango('range'), note: 'as the README writes it: for await (Go\'s for range) and a WaitGroup that closes results' },
    { name: 'chango (v, ok := <-ch)', kind: 'chango', run: chango('recv') },
    { name: 'chango (try-first idiom)', kind: 'chango-idiom', run: chango('idiom') },
    { name: 'async-channel', kind: 'peer', run: asyncChannel },
    { name: 'ts-chan', kind: 'peer', run: tsChan(false) },
    { name: 'ts-chan (unsafe)', kind: 'peer', run: tsChan(true) },
    { name: 'ts-chan (unsafe, try-first idiom)', kind: 'peer-idiom', run: tsChan(true, true) },
    { name: '@nodeguy/channel', kind: 'peer', run: nodeguy },
    { name: 'js-csp', kind: 'peer', run: jsCsp },
    { name: 'p-map', kind: 'peer', run: pMapRow, note: 'pMap(jobs, job => job * 2, { concurrency: 8 })' },
    { name: 'p-limit', kind: 'peer', run: pLimitRow, note: 'pLimit(8).map(jobs, job => job * 2)' },
    { name: 'floor (hand-written channel)', kind: 'floor', run: floor(false) },
    { name: 'floor (try-first idiom)', kind: 'floor', run: floor(true) },
    {
      name: 'floor + yield policy',
      kind: 'floor',
      run: floor(false, true),
      note: 'the floor with a 4 ms event-loop turn like chango\'s, resuming what it held in completion order: what starvation safety costs a minimal channel',
    },
  ],
  notes: ['Peers close `results` with a counter in the last worker (none of them has a WaitGroup).'],
  targets: [
    ratioToFastestPeer('W3 chango / fastest peer <= 0.7x', 'chango', 0.7),
    withinOfGo('W3 chango try-first idiom within 1.5x of Go (GOMAXPROCS=1)', 'chango (try-first idiom)', 1.5),
  ],
};

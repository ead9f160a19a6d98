/**
 * Benchmark-only probe for issue 16's "two modes per process": runs W3's or W4's chango loop
 * once (after a warm-up) and reports, next to the time, how the workload flowed: the share of
 * operations that found their channel not ready (and so parked), the promises V8 created per
 * operation (a count, so a loaded machine cannot blur it), and how many event-loop turns the
 * run had. Run it in many fresh processes and compare the slow and fast ones (NOTES.md):
 *
 *   for i in $(seq 10); do node --expose-gc --import tsx bench/modes.ts w4; done
 *   node --allow-natives-syntax --import tsx bench/modes.ts w4 --opt   # + optimization status
 */
import { promiseHooks } from 'node:v8';
import { Channel, recv, select, WaitGroup } from '../src/index.js';

const which = process.argv[2] ?? 'w4';
const showOpt = process.argv.includes('--opt');
let parkedRecv = 0;
let parkedSend = 0;
/** W3 only: a worker found `jobs` empty (it parks in recv) / `results` full (it parks in send). */
let workerJobsEmpty = 0;
let workerResultsFull = 0;
let promises = 0;
let ops = 0;
let yields = 0;

// Counts the event-loop turns the workload gets (the yield policy's macrotasks end up here too).
function countTurns(): () => void {
  let on = true;
  const turn = () => {
    if (!on) return;
    yields++;
    setImmediate(turn);
  };
  setImmediate(turn);
  return () => void (on = false);
}

async function w4(n: number): Promise<void> {
  const K = 4;
  const chs = Array.from({ length: K }, () => new Channel<number>(128));
  chs.forEach((ch, p) => {
    void (async () => {
      for (let v = p; v < n; v += K) {
        if (ch.length === 128) parkedSend++;
        await ch.send(v);
      }
    })();
  });
  const [a, b, c, d] = chs as [Channel<number>, Channel<number>, Channel<number>, Channel<number>];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (a.length + b.length + c.length + d.length === 0) parkedRecv++;
    const r = await select([recv(a), recv(b), recv(c), recv(d)]);
    sum += r.value as number;
    ops++;
  }
  if (sum !== (n * (n - 1)) / 2) throw new Error('bad sum');
}

async function w3(n: number): Promise<void> {
  const jobs = new Channel<number>(100);
  const results = new Channel<number>(100);
  void (async () => {
    for (let j = 0; j < n; j++) {
      if (jobs.length === 100) parkedSend++;
      await jobs.send(j);
    }
    jobs.close();
  })();
  const wg = new WaitGroup();
  wg.add(8);
  void (async () => {
    await wg.wait();
    results.close();
  })();
  for (let w = 0; w < 8; w++) {
    void (async () => {
      // for await (const job of jobs) await results.send(job * 2), with the flow counted
      for (;;) {
        if (jobs.length === 0) workerJobsEmpty++;
        const job = await jobs.recvValue();
        if (job === undefined) break;
        if (results.length === 100) workerResultsFull++;
        await results.send(job * 2);
      }
      wg.done();
    })();
  }
  let sum = 0;
  for (;;) {
    if (results.length === 0) parkedRecv++;
    const v = await results.recvValue();
    if (v === undefined) break;
    sum += v;
    ops++;
  }
  if (sum !== n * (n - 1)) throw new Error('bad sum');
}

const run = which === 'w3' ? w3 : w4;
const n = Number(process.env.N ?? (which === 'w3' ? 500_000 : 200_000));
await run(n / 10);
parkedRecv = parkedSend = ops = yields = workerJobsEmpty = workerResultsFull = 0;
const stop = countTurns();
const stopHook = promiseHooks.onInit(() => void promises++);
const c0 = process.cpuUsage();
const t0 = performance.now();
await run(n);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(c0);
stopHook();
stop();
const line = {
  cpuNs: Math.round(((cpu.user + cpu.system) * 1e3) / n),
  wallNs: Math.round((wall * 1e6) / n),
  recvParked: +(parkedRecv / ops).toFixed(3),
  sendParked: +(parkedSend / n).toFixed(3),
  ...(which === 'w3'
    ? { workerJobsEmpty: +(workerJobsEmpty / n).toFixed(3), workerResultsFull: +(workerResultsFull / n).toFixed(3) }
    : {}),
  promisesPerOp: +(promises / n).toFixed(2),
  turns: yields,
};
if (showOpt) {
  // A natives-syntax probe: it must be compiled at run time, under --allow-natives-syntax.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const st = (f: unknown) => (new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number)(f);
  Object.assign(line, {
    optRun: st(run).toString(2),
    optSelect: st(select).toString(2),
    optRecv: st(recv).toString(2),
  });
}
console.log(JSON.stringify(line));

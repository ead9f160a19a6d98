/**
 * W5: `select { case v := <-ready: ...; case <-time.After(1000 ms): ... }` in a loop. `ready` is
 * a buffered channel refilled before every select, so the receive always wins and the timeout
 * never fires. ns/iteration, plus what the loop leaves behind: timers still pending after the
 * loop, and heap retained after the loop (a second, untimed pass with gc before and after).
 * Check: every select took the ready case, and the sum of what it received.
 *
 * Peers have no lazily armed timer: each iteration makes a fresh timeout the library's way
 * (ts-chan: a channel fed by setTimeout; @nodeguy/channel: setTimeout(ch.close) from its README;
 * js-csp: csp.timeout, rebuilt with its handle kept so the harness can clear it). Those live
 * timers are cleared after the measurement so they do not fire into the next workload.
 */
import type { Meter, Workload } from '../harness.js';
import { atMost, gc, heapUsed, pendingTimers, ratioToFastestPeer } from '../harness.js';
import {
  after,
  Channel,
  csp,
  cspRun,
  FloorChannel,
  NodeguyChannel,
  recv,
  select,
  TsChan,
  TsSelect,
  tsRecv,
} from '../peers.js';

const TIMEOUT_MS = 1000;
const expectedSum = (n: number) => (n * (n - 1)) / 2;

/**
 * Runs the loop twice. Pass 1 is timed and counts the timers left pending. Pass 2 measures the
 * heap the loop retains: gc, loop, gc. Timing is kept out of the GC-bracketed pass because a
 * forced full GC makes the allocation-heavy loop after it slower than it is in a running program.
 * Both passes check their sum; the live timers of each pass are cleared after it.
 */
async function measured(
  n: number,
  m: Meter,
  loop: (handles: ReturnType<typeof setTimeout>[]) => Promise<number>,
): Promise<void> {
  const handles = new Array<ReturnType<typeof setTimeout>>(n); // allocated before the baseline
  handles.length = 0;
  const timers0 = pendingTimers();
  m.start();
  m.check('sum', await loop(handles), expectedSum(n));
  m.stop();
  m.extra('timers', pendingTimers() - timers0);
  for (const h of handles) clearTimeout(h);
  handles.length = 0;

  gc();
  const heap0 = heapUsed();
  m.check('sum (heap pass)', await loop(handles), expectedSum(n));
  gc();
  const retained = heapUsed() - heap0;
  for (const h of handles) clearTimeout(h);
  m.extra('retained', retained / 1024);
  m.extra('perIter', retained / n);
}

async function chango(n: number, m: Meter): Promise<void> {
  const ready = new Channel<number>(1);
  await measured(n, m, async () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      ready.trySend(i);
      const r = await select([recv(ready), recv(after(TIMEOUT_MS))]);
      if (r.index !== 0) throw new Error('timeout case won');
      sum += r.value as number;
    }
    return sum;
  });
}

function tsChan(unsafe: boolean) {
  return async (n: number, m: Meter): Promise<void> => {
    const ready = new TsChan<number>(1).setUnsafe(unsafe);
    await measured(n, m, async (handles) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        ready.trySend(i);
        const timeout = new TsChan<number>(1);
        handles.push(setTimeout(() => timeout.trySend(0), TIMEOUT_MS));
        const sel = new TsSelect([tsRecv(ready), tsRecv(timeout)]).setUnsafe(unsafe);
        const k = await sel.wait();
        if (k !== 0) throw new Error('timeout case won');
        sum += sel.recv(sel.cases[0]).value as number;
      }
      return sum;
    });
  };
}

async function nodeguy(n: number, m: Meter): Promise<void> {
  const ready = NodeguyChannel<number>(1);
  await measured(n, m, async (handles) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      void ready.push(i);
      const timeout = NodeguyChannel<number>();
      handles.push(setTimeout(timeout.close, TIMEOUT_MS));
      const ch = await NodeguyChannel.select([ready.shift(), timeout.shift()]);
      if (ch !== ready) throw new Error('timeout case won');
      sum += ch.value();
    }
    return sum;
  });
}

async function jsCsp(n: number, m: Meter): Promise<void> {
  const ready = csp.chan(1);
  await measured(
    n,
    m,
    (handles) =>
      cspRun(function* () {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          csp.offer(ready, i);
          const timeout = csp.chan(); // csp.timeout(ms), with the handle kept
          handles.push(setTimeout(() => timeout.close(), TIMEOUT_MS));
          const r = (yield csp.alts([ready, timeout])) as { value: number; channel: unknown };
          if (r.channel !== ready) throw new Error('timeout case won');
          sum += r.value;
        }
        return sum;
      }) as Promise<number>,
  );
}

async function floor(n: number, m: Meter): Promise<void> {
  const ready = new FloorChannel<number>(1);
  await measured(n, m, async () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      ready.trySend(i);
      sum += (await ready.recv()) as number;
    }
    return sum;
  });
}

export const w5: Workload = {
  id: 'w5',
  title: 'W5 select { ready receive, after(1000 ms) } in a loop',
  unit: 'iteration',
  n: 100_000,
  quickN: 5_000,
  runs: 3,
  columns: [
    { key: 'timers', label: 'timers pending after' },
    { key: 'retained', label: 'retained KiB' },
    { key: 'perIter', label: 'B/iter retained', digits: 1 },
  ],
  rows: [
    { name: 'chango', kind: 'chango', run: chango },
    { name: 'async-channel', kind: 'peer', na: 'no select, no timers' },
    { name: 'ts-chan', kind: 'peer', run: tsChan(false), note: 'a new Select per iteration (its cases change)' },
    { name: 'ts-chan (unsafe)', kind: 'peer', run: tsChan(true) },
    { name: '@nodeguy/channel', kind: 'peer', run: nodeguy },
    { name: 'js-csp', kind: 'peer', run: jsCsp },
    { name: 'floor: ready receive only (no select, no timer)', kind: 'floor', run: floor },
  ],
  targets: [
    ratioToFastestPeer('W5 chango / fastest peer <= 0.1x', 'chango', 0.1),
    atMost('W5 no timer pending after the loop', 'chango', 0, 'timers'),
  ],
};

/**
 * W5b: `select { case v := <-ready: ...; case <-idle: ... }` in a loop, where `idle` is one
 * long-lived channel nobody ever sends on. The ready case always wins; what matters is whether
 * the losing case leaves something behind on `idle` each time (a parked waiter, a cancelled
 * order) that only goes away when `idle` does. ns/iteration and bytes retained per iteration
 * (a second, untimed pass with gc before and after, `idle` still alive). Check: every select took
 * the ready case; the sum.
 */
import type { Meter, Workload } from '../harness.js';
import { atMost, gc, heapUsed, pairedRatio, ratioToFastestPeer } from '../harness.js';
import { Channel, csp, cspRun, FloorChannel, NodeguyChannel, recv, select, trySelect, TsChan, TsSelect, tsRecv } from '../peers.js';

const expectedSum = (n: number) => (n * (n - 1)) / 2;

/**
 * Pass 1 is timed; pass 2 measures the heap the loop retains (gc, loop, gc), with `keep` holding
 * the long-lived channel across both GCs. (A forced GC right before a timed loop slows the loop
 * down, hence two passes.)
 */
async function measured(n: number, m: Meter, keep: unknown, loop: () => Promise<number>): Promise<void> {
  m.start();
  m.check('sum', await loop(), expectedSum(n));
  m.stop();
  gc();
  const heap0 = heapUsed();
  m.check('sum (heap pass)', await loop(), expectedSum(n));
  gc();
  const retained = heapUsed() - heap0;
  m.check('idle channel still alive', keep !== undefined, true);
  m.extra('retained', retained / 1024);
  m.extra('perIter', retained / n);
}

async function chango(n: number, m: Meter): Promise<void> {
  const ready = new Channel<number>(1);
  const idle = new Channel<number>();
  await measured(n, m, idle, async () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      ready.trySend(i);
      const r = await select([recv(ready), recv(idle)]);
      if (r.index !== 0) throw new Error('idle case won');
      sum += r.value as number;
    }
    return sum;
  });
}

/** The try-first idiom: `trySelect(cases) ?? await select(cases)`. */
async function changoIdiom(n: number, m: Meter): Promise<void> {
  const ready = new Channel<number>(1);
  const idle = new Channel<number>();
  await measured(n, m, idle, async () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      ready.trySend(i);
      const cases = [recv(ready), recv(idle)] as const;
      const r = trySelect(cases) ?? (await select(cases));
      if (r.index !== 0) throw new Error('idle case won');
      sum += r.value as number;
    }
    return sum;
  });
}

function tsChan(unsafe: boolean) {
  return async (n: number, m: Meter): Promise<void> => {
    const ready = new TsChan<number>(1).setUnsafe(unsafe);
    const idle = new TsChan<number>();
    // The cases never change, so one Select serves the whole loop (ts-chan's fastest way).
    const sel = new TsSelect([tsRecv(ready), tsRecv(idle)]).setUnsafe(unsafe);
    await measured(n, m, idle, async () => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        ready.trySend(i);
        const k = await sel.wait();
        if (k !== 0) throw new Error('idle case won');
        sum += sel.recv(sel.cases[0]).value as number;
      }
      return sum;
    });
  };
}

async function nodeguy(n: number, m: Meter): Promise<void> {
  const ready = NodeguyChannel<number>(1);
  const idle = NodeguyChannel<number>();
  await measured(n, m, idle, async () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      void ready.push(i);
      const ch = await NodeguyChannel.select([ready.shift(), idle.shift()]);
      if (ch !== ready) throw new Error('idle case won');
      sum += ch.value();
    }
    return sum;
  });
}

async function jsCsp(n: number, m: Meter): Promise<void> {
  const ready = csp.chan(1);
  const idle = csp.chan();
  await measured(n, m, idle, () =>
    cspRun(function* () {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        csp.offer(ready, i);
        const r = (yield csp.alts([ready, idle])) as { value: number; channel: unknown };
        if (r.channel !== ready) throw new Error('idle case won');
        sum += r.value;
      }
      return sum;
    }) as Promise<number>,
  );
}

async function floor(n: number, m: Meter): Promise<void> {
  const ready = new FloorChannel<number>(1);
  await measured(n, m, ready, async () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      ready.trySend(i);
      sum += (await ready.recv()) as number;
    }
    return sum;
  });
}

export const w5b: Workload = {
  id: 'w5b',
  title: 'W5b select { ready receive, receive from a long-lived idle channel } in a loop',
  unit: 'iteration',
  n: 100_000,
  quickN: 5_000,
  columns: [
    { key: 'retained', label: 'retained KiB' },
    { key: 'perIter', label: 'B/iter retained', digits: 1 },
  ],
  rows: [
    { name: 'chango', kind: 'chango', run: chango },
    { name: 'chango (try-first idiom)', kind: 'chango-idiom', run: changoIdiom },
    { name: 'async-channel', kind: 'peer', na: 'no select' },
    { name: 'ts-chan', kind: 'peer', run: tsChan(false), note: 'one Select reused for every iteration' },
    { name: 'ts-chan (unsafe)', kind: 'peer', run: tsChan(true) },
    { name: '@nodeguy/channel', kind: 'peer', run: nodeguy },
    { name: 'js-csp', kind: 'peer', run: jsCsp },
    { name: 'floor: ready receive only (no select)', kind: 'floor', run: floor },
  ],
  targets: [
    ratioToFastestPeer('W5b chango / fastest peer <= 0.25x', 'chango', 0.25),
    atMost('W5b ~0 bytes retained per iteration (<= 1 B)', 'chango', 1, 'perIter', ' B'),
    pairedRatio('W5b try-first idiom no slower than plain select (idiom / select, per round)', 'chango (try-first idiom)', 'chango', 1),
  ],
};

/**
 * W4: select over 4 buffered channels (capacity 128) fed by 4 producers. Each producer sends
 * n/4 values; the consumer runs n selects, each receiving one value from whichever channel is
 * ready. ns/message. Check: sum and count.
 *
 * The floor has no select; its row is the same fan-in through ONE shared channel that all four
 * producers send on (what the data flow costs without select).
 */
import type { Meter, Workload } from '../harness.js';
import { pairedRatio, ratioToFastestPeer } from '../harness.js';
import {
  Channel,
  csp,
  cspRun,
  FloorChannel,
  NodeguyChannel,
  recv,
  select,
  trySelect,
  TsChan,
  TsSelect,
  tsRecv,
  type CspChannel,
} from '../peers.js';

const CAP = 128;
const K = 4;
const expectedSum = (n: number) => (n * (n - 1)) / 2;

/** Producer p sends p, p+K, p+2K, ... < n: all producers together send 0..n-1 once. */
function finish(m: Meter, n: number, sum: number, count: number): void {
  m.check('count', count, n);
  m.check('sum', sum, expectedSum(n));
}

async function chango(n: number, m: Meter): Promise<void> {
  const chs = Array.from({ length: K }, () => new Channel<number>(CAP));
  chs.forEach((ch, p) => {
    void (async () => {
      for (let v = p; v < n; v += K) await ch.send(v);
    })();
  });
  const [a, b, c, d] = chs as [Channel<number>, Channel<number>, Channel<number>, Channel<number>];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = await select([recv(a), recv(b), recv(c), recv(d)]);
    sum += r.value as number;
    count++;
  }
  finish(m, n, sum, count);
}

/** The try-first idiom: `trySelect(cases) ?? await select(cases)`, one cases array for both. */
async function changoIdiom(n: number, m: Meter): Promise<void> {
  const chs = Array.from({ length: K }, () => new Channel<number>(CAP));
  chs.forEach((ch, p) => {
    void (async () => {
      for (let v = p; v < n; v += K) ch.trySend(v) || (await ch.send(v));
    })();
  });
  const [a, b, c, d] = chs as [Channel<number>, Channel<number>, Channel<number>, Channel<number>];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const cases = [recv(a), recv(b), recv(c), recv(d)] as const;
    const r = trySelect(cases) ?? (await select(cases));
    sum += r.value as number;
    count++;
  }
  finish(m, n, sum, count);
}

function tsChan(unsafe: boolean) {
  return async (n: number, m: Meter): Promise<void> => {
    const chs = Array.from({ length: K }, () => new TsChan<number>(CAP).setUnsafe(unsafe));
    chs.forEach((ch, p) => {
      void (async () => {
        for (let v = p; v < n; v += K) await ch.send(v);
      })();
    });
    // A Select is built once and reused: ts-chan's way to select in a loop.
    const sel = new TsSelect(chs.map((ch) => tsRecv(ch))).setUnsafe(unsafe);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const k = await sel.wait();
      sum += sel.recv(sel.cases[k]!).value as number;
      count++;
    }
    finish(m, n, sum, count);
  };
}

async function nodeguy(n: number, m: Meter): Promise<void> {
  const chs = Array.from({ length: K }, () => NodeguyChannel<number>(CAP));
  chs.forEach((ch, p) => {
    void (async () => {
      for (let v = p; v < n; v += K) await ch.push(v);
    })();
  });
  const [a, b, c, d] = chs as [(typeof chs)[0], (typeof chs)[0], (typeof chs)[0], (typeof chs)[0]];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const ch = await NodeguyChannel.select([a.shift(), b.shift(), c.shift(), d.shift()]);
    sum += ch.value();
    count++;
  }
  finish(m, n, sum, count);
}

async function jsCsp(n: number, m: Meter): Promise<void> {
  const chs: CspChannel[] = Array.from({ length: K }, () => csp.chan(CAP));
  chs.forEach((ch, p) => {
    void cspRun(function* () {
      for (let v = p; v < n; v += K) yield csp.put(ch, v);
    });
  });
  const [sum, count] = (await cspRun(function* () {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const r = (yield csp.alts(chs)) as { value: number };
      sum += r.value;
      count++;
    }
    return [sum, count];
  })) as [number, number];
  finish(m, n, sum, count);
}

async function floorFanIn(n: number, m: Meter): Promise<void> {
  const ch = new FloorChannel<number>(CAP);
  for (let p = 0; p < K; p++) {
    void (async () => {
      for (let v = p; v < n; v += K) await ch.send(v);
    })();
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    sum += (await ch.recv()) as number;
    count++;
  }
  finish(m, n, sum, count);
}

export const w4: Workload = {
  id: 'w4',
  title: 'W4 select over 4 buffered channels (cap 128), 4 producers',
  unit: 'message',
  n: 200_000,
  quickN: 10_000,
  rows: [
    { name: 'chango', kind: 'chango', run: chango, note: 'select([recv(a), recv(b), recv(c), recv(d)]) per message' },
    { name: 'chango (try-first idiom)', kind: 'chango-idiom', run: changoIdiom, note: 'trySelect(cases) ?? await select(cases); producers trySend first' },
    { name: 'async-channel', kind: 'peer', na: 'no select' },
    { name: 'ts-chan', kind: 'peer', run: tsChan(false), note: 'one Select reused for every message' },
    { name: 'ts-chan (unsafe)', kind: 'peer', run: tsChan(true) },
    { name: '@nodeguy/channel', kind: 'peer', run: nodeguy },
    { name: 'js-csp', kind: 'peer', run: jsCsp },
    { name: 'floor: fan-in on one channel (no select)', kind: 'floor', run: floorFanIn },
  ],
  targets: [
    ratioToFastestPeer('W4 chango / fastest peer <= 0.3x', 'chango', 0.3),
    pairedRatio('W4 try-first idiom no slower than plain select (idiom / select, per round)', 'chango (try-first idiom)', 'chango', 1),
  ],
};

/**
 * W2: buffered (capacity 128) producer/consumer. The producer sends 0..n-1 and closes; the
 * consumer receives until closed. ns/message. Check: the consumer's sum and count.
 *
 * The "fastest idiom" rows do not await when nothing blocks: the producer writes
 * `ch.trySend(v) || await ch.send(v)` and the consumer `ch.tryRecv() ?? await ch.recv()`.
 */
import type { Meter, Workload } from '../harness.js';
import { ratioToFastestPeer, withinOfGo } from '../harness.js';
import { AsyncChannel, Channel, csp, cspRun, FloorChannel, NodeguyChannel, TsChan } from '../peers.js';

const CAP = 128;
const expectedSum = (n: number) => (n * (n - 1)) / 2;

function finish(m: Meter, n: number, sum: number, count: number): void {
  m.check('count', count, n);
  m.check('sum', sum, expectedSum(n));
}

/** `for v := range ch`, as the Go program writes it. */
async function chango(n: number, m: Meter): Promise<void> {
  const ch = new Channel<number>(CAP);
  void (async () => {
    for (let i = 0; i < n; i++) await ch.send(i);
    ch.close();
  })();
  let sum = 0;
  let count = 0;
  for await (const v of ch) {
    sum += v;
    count++;
  }
  finish(m, n, sum, count);
}

/** `v, ok := <-ch` in a loop: the two-value receive, which allocates its `{ value, ok }`. */
async function changoRecv(n: number, m: Meter): Promise<void> {
  const ch = new Channel<number>(CAP);
  void (async () => {
    for (let i = 0; i < n; i++) await ch.send(i);
    ch.close();
  })();
  let sum = 0;
  let count = 0;
  for (;;) {
    const r = await ch.recv();
    if (!r.ok) break;
    sum += r.value;
    count++;
  }
  finish(m, n, sum, count);
}

async function changoIdiom(n: number, m: Meter): Promise<void> {
  const ch = new Channel<number>(CAP);
  void (async () => {
    for (let i = 0; i < n; i++) ch.trySend(i) || (await ch.send(i));
    ch.close();
  })();
  let sum = 0;
  let count = 0;
  for (;;) {
    const r = ch.tryRecv() ?? (await ch.recv());
    if (!r.ok) break;
    sum += r.value;
    count++;
  }
  finish(m, n, sum, count);
}

async function asyncChannel(n: number, m: Meter): Promise<void> {
  const ch = new AsyncChannel<number>(CAP);
  void (async () => {
    for (let i = 0; i < n; i++) await ch.push(i);
    ch.close();
  })();
  let sum = 0;
  let count = 0;
  // `done` says the channel is closed and drained; a get() already waiting when close() comes
  // rejects with ChannelClosedError instead.
  while (!ch.done) {
    try {
      sum += await ch.get();
    } catch {
      break;
    }
    count++;
  }
  finish(m, n, sum, count);
}

function tsChan(unsafe: boolean, idiom = false) {
  return async (n: number, m: Meter): Promise<void> => {
    const ch = new TsChan<number>(CAP).setUnsafe(unsafe);
    void (async () => {
      if (idiom) for (let i = 0; i < n; i++) ch.trySend(i) || (await ch.send(i));
      else for (let i = 0; i < n; i++) await ch.send(i);
      ch.close();
    })();
    let sum = 0;
    let count = 0;
    for (;;) {
      const r = idiom ? (ch.tryRecv() ?? (await ch.recv())) : await ch.recv();
      if (r.done) break;
      sum += r.value;
      count++;
    }
    finish(m, n, sum, count);
  };
}

async function nodeguy(n: number, m: Meter): Promise<void> {
  const ch = NodeguyChannel<number>(CAP);
  void (async () => {
    for (let i = 0; i < n; i++) await ch.push(i);
    await ch.close();
  })();
  let sum = 0;
  let count = 0;
  for (;;) {
    const v = await ch.shift(); // undefined once closed and drained
    if (v === undefined) break;
    sum += v;
    count++;
  }
  finish(m, n, sum, count);
}

async function jsCsp(n: number, m: Meter): Promise<void> {
  const ch = csp.chan(CAP);
  void cspRun(function* () {
    for (let i = 0; i < n; i++) yield csp.put(ch, i);
    ch.close();
  });
  const [sum, count] = (await cspRun(function* () {
    let sum = 0;
    let count = 0;
    for (;;) {
      const v = yield csp.take(ch);
      if (v === csp.CLOSED) break;
      sum += v as number;
      count++;
    }
    return [sum, count];
  })) as [number, number];
  finish(m, n, sum, count);
}

function floor(idiom: boolean) {
  return async (n: number, m: Meter): Promise<void> => {
    const ch = new FloorChannel<number>(CAP);
    void (async () => {
      if (idiom) for (let i = 0; i < n; i++) ch.trySend(i) || (await ch.send(i));
      else for (let i = 0; i < n; i++) await ch.send(i);
      ch.close();
    })();
    let sum = 0;
    let count = 0;
    for (;;) {
      const v = idiom ? (ch.tryRecv() ?? (await ch.recv())) : await ch.recv();
      if (v === undefined) break;
      sum += v;
      count++;
    }
    finish(m, n, sum, count);
  };
}

export const w2: Workload = {
  id: 'w2',
  title: 'W2 buffered (cap 128) producer/consumer',
  unit: 'message',
  n: 1_000_000,
  quickN: 20_000,
  rows: [
    { name: 'chango', kind: 'chango', run: chango, note: 'as the README writes it: for await, Go\'s for v := range ch' },
    { name: 'chango (v, ok := <-ch)', kind: 'chango', run: changoRecv },
    { name: 'chango (try-first idiom)', kind: 'chango-idiom', run: changoIdiom },
    { name: 'async-channel', kind: 'peer', run: asyncChannel },
    { name: 'ts-chan', kind: 'peer', run: tsChan(false) },
    { name: 'ts-chan (unsafe)', kind: 'peer', run: tsChan(true) },
    { name: 'ts-chan (unsafe, try-first idiom)', kind: 'peer-idiom', run: tsChan(true, true) },
    { name: '@nodeguy/channel', kind: 'peer', run: nodeguy },
    { name: 'js-csp', kind: 'peer', run: jsCsp },
    { name: 'floor (hand-written channel)', kind: 'floor', run: floor(false) },
    { name: 'floor (try-first idiom)', kind: 'floor', run: floor(true) },
  ],
  targets: [
    ratioToFastestPeer('W2 chango / fastest peer <= 0.85x', 'chango', 0.85),
    withinOfGo('W2 chango try-first idiom within 1.5x of Go (GOMAXPROCS=1)', 'chango (try-first idiom)', 1.5),
  ],
};

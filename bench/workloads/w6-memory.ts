/**
 * W6: what idle channels and blocked goroutines cost, and how draining scales.
 *
 * - W6a: bytes per idle unbuffered channel: make n channels (kept in an array allocated before
 *   the baseline), gc, heap delta / n.
 * - W6b: bytes per async function blocked in `await ch.send(i)`: n async functions blocked on
 *   one shared unbuffered channel, gc, heap delta / n. (js-csp allows at most 1024 pending puts
 *   per channel, so its processes are spread over n/1000 channels; that adds < 1 B each.)
 * - W6c: cost per wake-up when one receiver drains n blocked senders, at n and at n/10. A queue
 *   with O(1) dequeue gives a flat ratio (~1x); an array `shift()` is O(n) per wake-up once the
 *   array is large, so the drain is quadratic and the ratio grows with n. Check: the values
 *   arrive in send order (the sum of the first k values sent).
 *
 * Each library's code is written out below; it is short because these workloads are simple.
 */
import type { Meter, Row, Workload } from '../harness.js';
import { atMost, gc, heapUsed, median, tick } from '../harness.js';
import { AsyncChannel, Channel, csp, FloorChannel, NodeguyChannel, TsChan, type CspChannel } from '../peers.js';

/** One library's way to make a channel, park senders on it, and drain them. */
interface Lib {
  name: string;
  kind: Row['kind'];
  newChannel(): unknown;
  /** Parks n senders (values 0..n-1) on one channel; returns a drain and a cleanup. */
  park(n: number): { drain(k: number): Promise<number>; cleanup(): Promise<void> } | undefined;
  na?: { park?: string };
}

const ignore = () => {};

// The blocked goroutines: one plain async function per library, called with (channel, value);
// no closure and no .catch() chained on it, so the heap delta is the function and the library's
// own waiter. try/catch costs no heap; it swallows the rejection of the cleanup's close().
async function changoSender(ch: Channel<number>, i: number): Promise<void> {
  try {
    await ch.send(i);
  } catch {}
}
async function asyncChannelSender(ch: AsyncChannel<number>, i: number): Promise<void> {
  try {
    await ch.push(i);
  } catch {}
}
async function tsChanSender(ch: TsChan<number>, i: number): Promise<void> {
  try {
    await ch.send(i);
  } catch {}
}
async function nodeguySender(ch: ReturnType<typeof NodeguyChannel<number>>, i: number): Promise<void> {
  try {
    await ch.push(i);
  } catch {}
}
async function floorSender(ch: FloorChannel<number>, i: number): Promise<void> {
  try {
    await ch.send(i);
  } catch {}
}

const LIBS: Lib[] = [
  {
    name: 'chango',
    kind: 'chango',
    newChannel: () => new Channel<number>(),
    park(n) {
      const ch = new Channel<number>();
      for (let i = 0; i < n; i++) void changoSender(ch, i);
      return {
        async drain(k) {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += (await ch.recv()).value as number;
          return sum;
        },
        cleanup: async () => ch.close(),
      };
    },
  },
  {
    name: 'async-channel',
    kind: 'peer',
    newChannel: () => new AsyncChannel<number>(),
    park(n) {
      const ch = new AsyncChannel<number>();
      for (let i = 0; i < n; i++) void asyncChannelSender(ch, i);
      return {
        async drain(k) {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += await ch.get();
          return sum;
        },
        cleanup: async () => ch.close(true),
      };
    },
  },
  ...[false, true].map((unsafe): Lib => ({
    name: unsafe ? 'ts-chan (unsafe)' : 'ts-chan',
    kind: 'peer',
    newChannel: () => new TsChan<number>().setUnsafe(unsafe),
    park(n) {
      const ch = new TsChan<number>().setUnsafe(unsafe);
      for (let i = 0; i < n; i++) void tsChanSender(ch, i);
      return {
        async drain(k) {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += (await ch.recv()).value as number;
          return sum;
        },
        cleanup: async () => ch.close(),
      };
    },
  })),
  {
    name: '@nodeguy/channel',
    kind: 'peer',
    newChannel: () => NodeguyChannel<number>(),
    park(n) {
      const ch = NodeguyChannel<number>();
      for (let i = 0; i < n; i++) void nodeguySender(ch, i);
      return {
        async drain(k) {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += await ch.shift();
          return sum;
        },
        cleanup: async () => void (ch.close() as unknown as Promise<void>).catch(ignore),
      };
    },
  },
  {
    name: 'js-csp',
    kind: 'peer',
    newChannel: () => csp.chan(),
    park(n) {
      const chs: CspChannel[] = Array.from({ length: Math.ceil(n / 1000) }, () => csp.chan());
      for (let i = 0; i < n; i++) {
        const ch = chs[Math.floor(i / 1000)]!;
        csp.go(function* () {
          yield csp.put(ch, i);
        });
      }
      return {
        drain: () => Promise.reject(new Error('n/a')),
        cleanup: async () => chs.forEach((ch) => ch.close()),
      };
    },
    na: { park: 'at most 1024 pending puts per channel' },
  },
  {
    name: 'floor (hand-written channel)',
    kind: 'floor',
    newChannel: () => new FloorChannel<number>(),
    park(n) {
      const ch = new FloorChannel<number>();
      for (let i = 0; i < n; i++) void floorSender(ch, i);
      return {
        async drain(k) {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += (await ch.recv()) as number;
          return sum;
        },
        cleanup: async () => ch.close(),
      };
    },
  },
];

// ---- W6a: bytes per idle channel -----------------------------------------------------------

function idleChannelRow(lib: Lib): Row {
  return {
    name: lib.name,
    kind: lib.kind,
    async run(n, m) {
      const keep = new Array<unknown>(n).fill(null); // allocated before the baseline
      gc();
      const heap0 = heapUsed();
      for (let i = 0; i < n; i++) keep[i] = lib.newChannel();
      gc();
      m.result((heapUsed() - heap0) / n);
      m.check('channels alive', keep[n - 1] !== null, true);
    },
  };
}

export const w6a: Workload = {
  id: 'w6a',
  title: 'W6a bytes per idle unbuffered channel',
  unit: 'channel',
  metric: { label: 'bytes/channel', time: false },
  n: 100_000,
  quickN: 10_000,
  runs: 2, // deterministic to the byte: two runs show it
  noWarmup: true,
  rows: LIBS.map(idleChannelRow),
  targets: [atMost('W6a bytes per idle unbuffered channel <= 150', 'chango', 150, undefined, ' B')],
};

// ---- W6b: bytes per blocked sender ---------------------------------------------------------

function blockedSenderRow(lib: Lib): Row {
  return {
    name: lib.name,
    kind: lib.kind,
    async run(n, m) {
      gc();
      const heap0 = heapUsed();
      const parked = lib.park(n)!;
      await tick();
      gc();
      m.result((heapUsed() - heap0) / n);
      await parked.cleanup();
      await tick();
    },
  };
}

export const w6b: Workload = {
  id: 'w6b',
  title: 'W6b bytes per async function blocked in send (one shared unbuffered channel)',
  unit: 'sender',
  metric: { label: 'bytes/blocked sender', time: false },
  n: 100_000,
  quickN: 10_000,
  runs: 2,
  noWarmup: true,
  rows: LIBS.map(blockedSenderRow),
  notes: ['js-csp: processes (csp.go) spread over n/1000 channels, its limit being 1024 pending puts per channel'],
  targets: [atMost('W6b bytes per async function blocked in send <= 800', 'chango', 800, undefined, ' B')],
};

// ---- W6c: drain cost per wake-up at n and n/10 ---------------------------------------------

/**
 * A drain longer than this is cut short (the quadratic peers take ~10 s for 100k); its cost per
 * wake-up is then taken over the part drained, while the queue was still about n long.
 */
const DRAIN_BUDGET_MS = 1_000;
const CHUNK = 500;

async function drainCost(lib: Lib, size: number, m: Meter): Promise<number> {
  const parked = lib.park(size)!;
  await tick();
  // Drained in chunks of CHUNK wake-ups, each timed: the median chunk is the cost per wake-up
  // at this queue length, unmoved by the few chunks a major GC of the big heap lands in.
  const chunks: number[] = [];
  const t0 = performance.now();
  let drained = 0;
  let sum = 0;
  while (drained < size && performance.now() - t0 < DRAIN_BUDGET_MS) {
    const k = Math.min(CHUNK, size - drained);
    const c0 = performance.now();
    sum += await parked.drain(k);
    chunks.push(((performance.now() - c0) * 1e6) / k);
    drained += k;
  }
  m.check(`FIFO sum of the first ${drained} of ${size}`, sum, (drained * (drained - 1)) / 2);
  await parked.cleanup();
  await tick();
  if (drained < size) m.extra('cut', drained);
  return median(chunks);
}

function drainRow(lib: Lib): Row {
  if (lib.na?.park !== undefined) return { name: lib.name, kind: lib.kind, na: lib.na.park };
  return {
    name: lib.name,
    kind: lib.kind,
    async run(n, m) {
      const big = await drainCost(lib, n, m);
      // The small drain is short (10k wake-ups, a few ms): take the median of three.
      const small = median([
        await drainCost(lib, n / 10, m),
        await drainCost(lib, n / 10, m),
        await drainCost(lib, n / 10, m),
      ]);
      m.result(big);
      m.extra('small', small);
      m.extra('ratio', big / small);
    },
  };
}

export const w6c: Workload = {
  id: 'w6c',
  title: 'W6c draining blocked senders: cost per wake-up at n and at n/10',
  unit: 'wake-up',
  metric: { label: 'ns/wake-up at n', time: false },
  n: 100_000,
  quickN: 10_000,
  runs: 3,
  columns: [
    { key: 'small', label: 'ns/wake-up at n/10' },
    { key: 'ratio', label: 'ratio n : n/10', digits: 2 },
    { key: 'cut', label: 'drained (if cut)' },
  ],
  rows: LIBS.map(drainRow),
  notes: [
    'one receiver awaits recv() n times on an unbuffered channel with n senders parked; each wake-up also resumes its sender',
    `ns/wake-up: the median over chunks of ${CHUNK} wake-ups (a major GC of the 100 MB heap lands in a few chunks and is not what scales)`,
    `a drain that exceeds ${DRAIN_BUDGET_MS / 1000} s is cut short and its cost per wake-up taken over what it drained`,
    "ratio n : n/10: the median over runs of each run's own ratio (paired, so drift between runs cancels); it need not equal the ratio of the two median columns",
  ],
  targets: [atMost('W6c drain cost per wake-up at n vs n/10: flat (<= 1.5x)', 'chango', 1.5, 'ratio', 'x')],
};

/**
 * Starvation check: while two goroutines ping-pong over unbuffered channels without end, does
 * the event loop still get a turn? A `setTimeout(0)` re-arms itself and counts its runs; the
 * ping-pong runs for WINDOW_MS of wall time (each side reads `performance.now()` every round
 * and stops once the window is over, so the check always ends, even for a library that never
 * lets the event loop in). Reported: timer runs during the window (Node clamps setTimeout(0) to
 * 1 ms, so the most is about one per ms) and the messages exchanged meanwhile.
 * Check: the window ended and both sides finished.
 */
import type { Meter, Row, Workload } from '../harness.js';
import { AsyncChannel, Channel, csp, cspRun, FloorChannel, NodeguyChannel, TsChan } from '../peers.js';

const WINDOW_MS = 200;
const STOP = -1;

/** Runs `pingPong(deadline)` (resolving to the messages exchanged) against a re-armed setTimeout(0). */
async function starve(m: Meter, windowMs: number, pingPong: (deadline: number) => Promise<number>): Promise<void> {
  let ticks = 0;
  let running = true;
  const tickFn = () => {
    if (!running) return;
    ticks++;
    setTimeout(tickFn, 0);
  };
  setTimeout(tickFn, 0);
  const t0 = performance.now();
  const messages = await pingPong(t0 + windowMs);
  const elapsed = performance.now() - t0;
  running = false;
  m.check('window over', elapsed >= windowMs, true);
  m.result(ticks);
  m.extra('messages', messages);
  m.extra('elapsed', elapsed);
}

// Each pingPong: A sends i on `ping` until the deadline, then STOP; B answers on `pong` until STOP.

async function chango(n: number, m: Meter): Promise<void> {
  await starve(m, n, async (deadline) => {
    const ping = new Channel<number>();
    const pong = new Channel<number>();
    const b = (async () => {
      for (;;) {
        const v = (await ping.recv()).value as number;
        if (v === STOP) return;
        await pong.send(v);
      }
    })();
    let i = 0;
    while (performance.now() < deadline) {
      await ping.send(i++);
      await pong.recv();
    }
    await ping.send(STOP);
    await b;
    return 2 * i;
  });
}

async function asyncChannel(n: number, m: Meter): Promise<void> {
  await starve(m, n, async (deadline) => {
    const ping = new AsyncChannel<number>();
    const pong = new AsyncChannel<number>();
    const b = (async () => {
      for (;;) {
        const v = await ping.get();
        if (v === STOP) return;
        await pong.push(v);
      }
    })();
    let i = 0;
    while (performance.now() < deadline) {
      await ping.push(i++);
      await pong.get();
    }
    await ping.push(STOP);
    await b;
    return 2 * i;
  });
}

function tsChan(unsafe: boolean) {
  return async (n: number, m: Meter): Promise<void> => {
    await starve(m, n, async (deadline) => {
      const ping = new TsChan<number>().setUnsafe(unsafe);
      const pong = new TsChan<number>().setUnsafe(unsafe);
      const b = (async () => {
        for (;;) {
          const v = (await ping.recv()).value as number;
          if (v === STOP) return;
          await pong.send(v);
        }
      })();
      let i = 0;
      while (performance.now() < deadline) {
        await ping.send(i++);
        await pong.recv();
      }
      await ping.send(STOP);
      await b;
      return 2 * i;
    });
  };
}

async function nodeguy(n: number, m: Meter): Promise<void> {
  await starve(m, n, async (deadline) => {
    const ping = NodeguyChannel<number>();
    const pong = NodeguyChannel<number>();
    const b = (async () => {
      for (;;) {
        const v = await ping.shift();
        if (v === STOP) return;
        await pong.push(v);
      }
    })();
    let i = 0;
    while (performance.now() < deadline) {
      await ping.push(i++);
      await pong.shift();
    }
    await ping.push(STOP);
    await b;
    return 2 * i;
  });
}

async function jsCsp(n: number, m: Meter): Promise<void> {
  await starve(m, n, async (deadline) => {
    const ping = csp.chan();
    const pong = csp.chan();
    const b = cspRun(function* () {
      for (;;) {
        const v = yield csp.take(ping);
        if (v === STOP) return;
        yield csp.put(pong, v);
      }
    });
    const i = (await cspRun(function* () {
      let i = 0;
      while (performance.now() < deadline) {
        yield csp.put(ping, i++);
        yield csp.take(pong);
      }
      yield csp.put(ping, STOP);
      return i;
    })) as number;
    await b;
    return 2 * i;
  });
}

async function floor(n: number, m: Meter): Promise<void> {
  await starve(m, n, async (deadline) => {
    const ping = new FloorChannel<number>();
    const pong = new FloorChannel<number>();
    const b = (async () => {
      for (;;) {
        const v = (await ping.recv()) as number;
        if (v === STOP) return;
        await pong.send(v);
      }
    })();
    let i = 0;
    while (performance.now() < deadline) {
      await ping.send(i++);
      await pong.recv();
    }
    await ping.send(STOP);
    await b;
    return 2 * i;
  });
}

const rows: Row[] = [
  { name: 'chango', kind: 'chango', run: chango },
  { name: 'async-channel', kind: 'peer', run: asyncChannel },
  { name: 'ts-chan', kind: 'peer', run: tsChan(false) },
  { name: 'ts-chan (unsafe)', kind: 'peer', run: tsChan(true) },
  { name: '@nodeguy/channel', kind: 'peer', run: nodeguy },
  { name: 'js-csp', kind: 'peer', run: jsCsp },
  { name: 'floor (hand-written channel)', kind: 'floor', run: floor },
];

export const starvation: Workload = {
  id: 'starve',
  title: `Starvation check: setTimeout(0) runs during a ${WINDOW_MS} ms endless ping-pong`,
  unit: 'window',
  metric: { label: 'timer runs', time: false },
  // n is the window in ms.
  n: WINDOW_MS,
  quickN: 50,
  runs: 3,
  columns: [
    { key: 'messages', label: 'messages in the window' },
    { key: 'elapsed', label: 'window ms', digits: 0 },
  ],
  rows,
  notes: [
    'timer runs: how often a re-armed setTimeout(0) ran during the window; 0 = the event loop was starved',
    '"vs chango" compares timer runs here (higher is better)',
  ],
  targets: [
    {
      label: 'Starvation: timers keep running during an endless ping-pong',
      evaluate(res) {
        const c = res.get('chango');
        if (c === undefined) return { value: 'n/a', met: undefined };
        return { value: `${c.median} timer runs in ${res.n} ms`, met: c.median > 0 };
      },
    },
  ],
};

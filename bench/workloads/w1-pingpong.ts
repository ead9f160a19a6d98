/**
 * W1: unbuffered ping-pong. Two goroutines bounce a counter over two unbuffered channels:
 * A sends i on `ping`, B receives it and sends i+1 on `pong`, A receives that. n messages in
 * all (n/2 round trips); ns/message. Check: A's sum of the replies.
 */
import type { Meter, Workload } from '../harness.js';
import { ratioToFastestPeer, withinOfGo } from '../harness.js';
import { AsyncChannel, Channel, csp, cspRun, FloorChannel, NodeguyChannel, TsChan } from '../peers.js';

/** Sum of i+1 for i < rounds. */
const expected = (rounds: number) => (rounds * (rounds + 1)) / 2;

/** `v := <-ch`, as the Go program writes it: the one-value receive. */
async function chango(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = new Channel<number>();
  const pong = new Channel<number>();
  const b = (async () => {
    for (let i = 0; i < rounds; i++) await pong.send(((await ping.recvValue()) as number) + 1);
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    await ping.send(i);
    sum += (await pong.recvValue()) as number;
  }
  await b;
  m.check('sum', sum, expected(rounds));
}

/** `v, ok := <-ch`: the two-value receive, which allocates its `{ value, ok }` result. */
async function changoRecv(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = new Channel<number>();
  const pong = new Channel<number>();
  const b = (async () => {
    for (let i = 0; i < rounds; i++) {
      const r = await ping.recv();
      await pong.send((r.value as number) + 1);
    }
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    await ping.send(i);
    sum += (await pong.recv()).value as number;
  }
  await b;
  m.check('sum', sum, expected(rounds));
}

/**
 * Try first, await only when it would block: `ch.trySend(v) || await ch.send(v)`, and for Go's
 * one-value `v := <-ch` the value form `r = ch.tryRecv(); v = r ? r.value : await ch.recvValue()`.
 * (Falling back to `await ch.recv()` resolves the parked receive with a `{ value, ok }` object,
 * which V8 resolves through its slow `then` lookup: about 20% of this row, bench/NOTES.md.)
 */
async function changoIdiom(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = new Channel<number>();
  const pong = new Channel<number>();
  const b = (async () => {
    for (let i = 0; i < rounds; i++) {
      const r = ping.tryRecv();
      const v = (r ? r.value : await ping.recvValue()) as number;
      pong.trySend(v + 1) || (await pong.send(v + 1));
    }
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    ping.trySend(i) || (await ping.send(i));
    const r = pong.tryRecv();
    sum += (r ? r.value : await pong.recvValue()) as number;
  }
  await b;
  m.check('sum', sum, expected(rounds));
}

async function asyncChannel(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = new AsyncChannel<number>();
  const pong = new AsyncChannel<number>();
  const b = (async () => {
    for (let i = 0; i < rounds; i++) await pong.push((await ping.get()) + 1);
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    await ping.push(i);
    sum += await pong.get();
  }
  await b;
  m.check('sum', sum, expected(rounds));
}

function tsChan(unsafe: boolean) {
  return async (n: number, m: Meter): Promise<void> => {
    const rounds = n / 2;
    const ping = new TsChan<number>().setUnsafe(unsafe);
    const pong = new TsChan<number>().setUnsafe(unsafe);
    const b = (async () => {
      for (let i = 0; i < rounds; i++) await pong.send(((await ping.recv()).value as number) + 1);
    })();
    let sum = 0;
    for (let i = 0; i < rounds; i++) {
      await ping.send(i);
      sum += (await pong.recv()).value as number;
    }
    await b;
    m.check('sum', sum, expected(rounds));
  };
}

async function nodeguy(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = NodeguyChannel<number>();
  const pong = NodeguyChannel<number>();
  const b = (async () => {
    for (let i = 0; i < rounds; i++) await pong.push((await ping.shift()) + 1);
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    await ping.push(i);
    sum += await pong.shift();
  }
  await b;
  m.check('sum', sum, expected(rounds));
}

async function jsCsp(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = csp.chan();
  const pong = csp.chan();
  const b = cspRun(function* () {
    for (let i = 0; i < rounds; i++) yield csp.put(pong, ((yield csp.take(ping)) as number) + 1);
  });
  const sum = await cspRun(function* () {
    let sum = 0;
    for (let i = 0; i < rounds; i++) {
      yield csp.put(ping, i);
      sum += (yield csp.take(pong)) as number;
    }
    return sum;
  });
  await b;
  m.check('sum', sum, expected(rounds));
}

async function floor(n: number, m: Meter): Promise<void> {
  const rounds = n / 2;
  const ping = new FloorChannel<number>();
  const pong = new FloorChannel<number>();
  const b = (async () => {
    for (let i = 0; i < rounds; i++) await pong.send(((await ping.recv()) as number) + 1);
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    await ping.send(i);
    sum += (await pong.recv()) as number;
  }
  await b;
  m.check('sum', sum, expected(rounds));
}

export const w1: Workload = {
  id: 'w1',
  title: 'W1 unbuffered ping-pong',
  unit: 'message',
  n: 200_000,
  quickN: 10_000,
  rows: [
    { name: 'chango', kind: 'chango', run: chango, note: 'chango: v := <-ch (recvValue), as in the Go program' },
    { name: 'chango (v, ok := <-ch)', kind: 'chango', run: changoRecv },
    {
      name: 'chango (try-first idiom)',
      kind: 'chango-idiom',
      run: changoIdiom,
      note: 'trySend(v) || await send(v); r = tryRecv(), v = r ? r.value : await recvValue()',
    },
    { name: 'async-channel', kind: 'peer', run: asyncChannel },
    { name: 'ts-chan', kind: 'peer', run: tsChan(false) },
    { name: 'ts-chan (unsafe)', kind: 'peer', run: tsChan(true) },
    { name: '@nodeguy/channel', kind: 'peer', run: nodeguy },
    { name: 'js-csp', kind: 'peer', run: jsCsp },
    { name: 'floor (hand-written channel)', kind: 'floor', run: floor },
  ],
  targets: [
    ratioToFastestPeer('W1 chango / fastest peer <= 0.85x', 'chango', 0.85),
    withinOfGo('W1 chango try-first idiom within 1.5x of Go (GOMAXPROCS=1)', 'chango (try-first idiom)', 1.5),
  ],
};

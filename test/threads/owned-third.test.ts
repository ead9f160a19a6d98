/**
 * A worker's channel handed to a third thread: three parties on three threads, the owner worker A
 * (pool `a`), this thread (main), and worker B (pool `b`), B's operations relayed by main to A
 * (src/threads/relay.ts). Every Go rule must hold as if the three shared one channel: rendezvous,
 * FIFO, close in every state, aborts, select, every value exactly once; A dying fails B's
 * operations with OwnerExitedError; B dying withdraws its parked operations on A. Events are
 * ordered by what A's channel shows (asked of A), never by waiting for time to pass.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SendOnClosedChannelError } from '../../src/channel/errors.js';
import { RemoteChannel, ThreadChannel, WorkerExitedError } from '../../src/threads/index.js';
import { fcParams, settle, track } from '../helpers.js';
import { buildThreads } from './build.js';

const built = await buildThreads([], 'owned-worker.ts');
// One thread each, so that every goroutine of `a` runs on the owner, and every one of `b` on B.
const a = built.pool();
const b = built.pool();
afterAll(() => built.close());

let names = 0;
/** `make(chan T, capacity)` on `owner` (A unless said), as a remote here. */
async function make<T>(capacity: number, zero?: T, owner = a): Promise<[RemoteChannel<T>, string]> {
  const name = `t${++names}`;
  return [await owner.go<RemoteChannel<T>>('make', name, capacity, zero), name];
}

type Queues = { senders: boolean; receivers: boolean; length: number };
const queues = (name: string, owner = a) => owner.go<Queues>('queues', name);
/** Until A's channel `name` has a parked sender (or receiver). */
const parked = (name: string, side: 'send' | 'recv', owner = a) => owner.go('untilParked', name, side);

describe('a worker’s channel handed to another worker (owner A, main, worker B)', () => {
  it('unbuffered: a send on B completes only when a receiver on A has taken the value', async () => {
    const [ch, name] = await make<number>(0);
    const p = b.go('sendAll', ch, [7]);
    const g = track(p);
    await parked(name, 'send');
    expect(g.current.state).toBe('pending');
    expect(await a.go('recvAll', name, 1)).toEqual([7]);
    await p;
  });

  it('unbuffered: a send on B completes only when main has taken the value', async () => {
    const [ch, name] = await make<number>(0);
    const p = b.go('sendAll', ch, [8]);
    const g = track(p);
    await parked(name, 'send');
    await settle();
    expect(g.current.state).toBe('pending');
    expect(await ch.recv()).toEqual({ value: 8, ok: true });
    await p;
  });

  it('unbuffered: a receive on B takes the value of a send on main, and of a send on A', async () => {
    const [ch, name] = await make<number>(0);
    const got = b.go('recvN', ch, 2);
    await parked(name, 'recv');
    await ch.send(1); // completes once B's receive, parked on A, has taken it
    await parked(name, 'recv');
    await a.go('sendLater', name, [2], false);
    expect(await got).toEqual([1, 2]);
  });

  it('unbuffered: a send on main completes only when B has taken the value', async () => {
    const [ch, name] = await make<number>(0);
    const p = ch.send(5);
    const s = track(p);
    await parked(name, 'send');
    await settle();
    expect(s.current.state).toBe('pending');
    expect(await b.go('recvN', ch, 1)).toEqual([5]);
    await p;
  });

  it('buffered: FIFO from A to B, nothing lost or doubled, then the close (for await on B)', async () => {
    const [ch, name] = await make<number>(8);
    const values = Array.from({ length: 200 }, (_, i) => i);
    await a.go('sendLater', name, values, true);
    expect(await b.go('drain', ch)).toEqual(values);
  });

  it('buffered: FIFO from B to main and to A, each sender in its own order', async () => {
    const [ch, name] = await make<number>(5);
    const fromB = Array.from({ length: 60 }, (_, i) => i);
    const fromA = Array.from({ length: 60 }, (_, i) => 1000 + i);
    const senders = Promise.all([b.go('sendAll', ch, fromB), a.go('sendLater', name, fromA, false)]);
    const got: number[] = [];
    for (let i = 0; i < 120; i++) got.push((await ch.recvValue()) as number);
    await senders;
    expect(got.filter((v) => v < 1000)).toEqual(fromB);
    expect(got.filter((v) => v >= 1000)).toEqual(fromA);
    expect(await queues(name)).toEqual({ senders: false, receivers: false, length: 0 });
  });

  it('close with values buffered: B drains them, then reads (zero, false), again and again', async () => {
    const [ch, name] = await make<number>(4, 0);
    await a.go('sendLater', name, [1, 2, 3], true);
    expect(await b.go('recvResults', ch, 5)).toEqual([
      { value: 1, ok: true },
      { value: 2, ok: true },
      { value: 3, ok: true },
      { value: 0, ok: false },
      { value: 0, ok: false },
    ]);
  });

  it('close by A wakes a receive parked on B with (zero, false)', async () => {
    const [ch, name] = await make<string>(0, '');
    const got = b.go('recvResults', ch, 1);
    await parked(name, 'recv');
    await a.go('closeIt', name);
    expect(await got).toEqual([{ value: '', ok: false }]);
  });

  it('close by A fails a send parked on B, and a later one, with send on closed channel', async () => {
    const [ch, name] = await make<number>(0);
    const s = b.go('sendAll', ch, [1]);
    await parked(name, 'send');
    await a.go('closeIt', name);
    await expect(s).rejects.toBeInstanceOf(SendOnClosedChannelError);
    await expect(b.go('sendAll', ch, [2])).rejects.toThrow('send on closed channel');
  });

  it('close of a full buffer with a send parked on B: the send fails, the buffered value is drained, then (zero, false)', async () => {
    const [ch, name] = await make<number>(1, 0);
    await a.go('sendLater', name, [1], false);
    while ((await queues(name)).length < 1) await settle();
    const s = b.go('sendAll', ch, [2]);
    await parked(name, 'send');
    await a.go('closeIt', name);
    await expect(s).rejects.toThrow('send on closed channel');
    expect(await ch.recv()).toEqual({ value: 1, ok: true });
    expect(await ch.recv()).toEqual({ value: 0, ok: false });
  });

  it('a close is seen by every thread: A, main and B each drain what is left, once, then (zero, false)', async () => {
    const [ch, name] = await make<number>(30, -1);
    await a.go(
      'sendLater',
      name,
      Array.from({ length: 30 }, (_, i) => i),
      true,
    );
    const onB = b.go<number[]>('drain', ch);
    const onA = a.go<unknown[]>('recvAll', name, 40); // recvValue: -1 once closed and drained
    const here: number[] = [];
    for await (const v of ch) here.push(v);
    const fromA = (await onA).filter((v) => v !== -1) as number[];
    expect([...(await onB), ...fromA, ...here].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(await ch.recv()).toEqual({ value: -1, ok: false });
  });

  it('an aborted receive on B, parked on A, takes nothing: the value goes to the next receiver', async () => {
    const [ch, name] = await make<number>(0);
    const stop = new ThreadChannel<number>(1);
    const r = b.go('opUntil', ch, stop, 'recv');
    await parked(name, 'recv');
    await stop.send(1);
    expect(await r).toEqual({ aborted: 'stop' });
    expect(await queues(name)).toEqual({ senders: false, receivers: false, length: 0 });
    await a.go('sendLater', name, [9], false);
    expect(await ch.recvValue()).toBe(9);
  });

  it('an aborted send on B, parked on A, delivers nothing', async () => {
    const [ch, name] = await make<number>(0);
    const stop = new ThreadChannel<number>(1);
    const s = b.go('opUntil', ch, stop, 'send', 1);
    await parked(name, 'send');
    await stop.send(1);
    expect(await s).toEqual({ aborted: 'stop' });
    expect(await queues(name)).toEqual({ senders: false, receivers: false, length: 0 });
    const got = a.go('recvAll', name, 1);
    await ch.send(2);
    expect(await got).toEqual([2]);
  });

  it('an abort that reaches A after the hand-off loses to it: the receive completes with the value', async () => {
    const [ch, name] = await make<number>(1);
    await ch.send(4); // buffered: B's receive completes on A at once, before its abort arrives
    expect(await b.go('recvAborted', ch)).toEqual({ completed: { value: 4, ok: true } });
    expect(await queues(name)).toEqual({ senders: false, receivers: false, length: 0 });
  });

  it('select on B waits on A’s channels and commits the one a sender reaches; the other queue is left', async () => {
    const [x, xName] = await make<number>(0);
    const [y, yName] = await make<number>(0);
    const s = b.go('selectRecv', x, y);
    await parked(xName, 'recv');
    await parked(yName, 'recv');
    await a.go('sendLater', yName, [4], false);
    expect(await s).toEqual({ index: 1, value: 4, ok: true });
    expect(await queues(xName)).toEqual({ senders: false, receivers: false, length: 0 });
    expect(await queues(yName)).toEqual({ senders: false, receivers: false, length: 0 });
  });

  it('select on B: a send case delivers its value and runs its handler on B; abort commits nothing', async () => {
    const [x] = await make<number>(0);
    const [out, outName] = await make<number>(1);
    expect(await b.go('selectHandlers', x, out, 8)).toBe('sent');
    expect(await a.go('recvAll', outName, 1)).toEqual([8]);
    const [z, zName] = await make<number>(0);
    expect(await b.go('selectAborted', z)).toEqual({ aborted: 'stop' });
    expect(await queues(zName)).toEqual({ senders: false, receivers: false, length: 0 });
  });

  it('select on B chooses among ready cases at random', async () => {
    const [x, xName] = await make<number>(100);
    const [y, yName] = await make<number>(100);
    const values = Array.from({ length: 100 }, (_, i) => i);
    await a.go('sendLater', xName, values, false);
    await a.go('sendLater', yName, values, false);
    // Both full before B selects: every one of its 100 selects has both cases ready.
    while ((await queues(xName)).length < 100 || (await queues(yName)).length < 100) await settle();
    const counts = await b.go<number[]>('selectMany', x, y, 100);
    expect(counts[0]! + counts[1]!).toBe(100);
    expect(counts[0]).toBeGreaterThan(10); // binomial(100, 1/2): below 11 has probability ~1e-15
    expect(counts[1]).toBeGreaterThan(10);
  });

  it('a send on B with a transfer list moves the buffer; the value reaches A, and a value that cannot be cloned fails on B', async () => {
    const [ch, name] = await make<ArrayBuffer>(1);
    expect(await b.go('sendBuffer', ch)).toBe(0); // moved off B
    expect(await a.go('byteLengths', name, 1)).toEqual([3]);
    expect(await b.go('sendUncloneable', ch)).toBe('DataCloneError');
    expect(await queues(name)).toEqual({ senders: false, receivers: false, length: 0 });
  });

  it('a select on B may not mix channels of two owners (main’s and A’s)', async () => {
    const [x] = await make<number>(0);
    const mine = new ThreadChannel<number>();
    await expect(b.go('selectRecv', x, mine)).rejects.toThrow(/one owner thread/);
  });

  it('a goroutine on A given A’s channel gets A’s own channel, not a remote', async () => {
    const [ch, name] = await make<number>(0);
    expect(await a.go('isOwn', ch, name)).toBe(true);
    const got = a.go('recvN', ch, 1);
    await parked(name, 'recv');
    await ch.send(3);
    expect(await got).toEqual([3]);
  });
});

describe('what B may not do with A’s channel', () => {
  it('trySend, tryRecv, close, length and select with default throw OwnerThreadError and reach nothing', async () => {
    const [ch, name] = await make<number>(2);
    for (const op of ['trySend', 'tryRecv', 'close', 'length', 'selectDefault']) {
      expect(await b.go('errorOf', ch, op)).toMatch(
        /^OwnerThreadError: chango: \w+( with default)? on a channel created/,
      );
    }
    expect(await queues(name)).toEqual({ senders: false, receivers: false, length: 0 });
  });
});

// Senders and receivers spread over A (the owner), main and B, in random numbers and with random
// capacities; A closes once every sender is done. The interleaving is the threads' own.
describe('a worker’s channel on three threads (property)', () => {
  it('every value is received exactly once, in each sender’s order, whoever sends and receives where', async () => {
    const where = fc.constantFrom('a', 'main', 'b');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.record({ on: where, count: fc.integer({ min: 0, max: 25 }) }), { minLength: 1, maxLength: 4 }),
        fc.array(where, { minLength: 1, maxLength: 4 }),
        async (capacity, senders, receivers) => {
          const [ch, name] = await make<number>(capacity);
          const sent = senders.map((s, i) => Array.from({ length: s.count }, (_, k) => i * 1000 + k));
          const sending = senders.map((s, i) =>
            s.on === 'main'
              ? (async () => {
                  for (const v of sent[i]!) await ch.send(v);
                })()
              : (s.on === 'a' ? a : b).go('sendAll', ch, sent[i]),
          );
          const receiving = receivers.map((r) =>
            r === 'main'
              ? (async () => {
                  const got: number[] = [];
                  for await (const v of ch) got.push(v);
                  return got;
                })()
              : (r === 'a' ? a : b).go<number[]>('drain', ch),
          );
          await Promise.all(sending);
          await a.go('closeIt', name);
          const got = await Promise.all(receiving);
          expect(got.flat().sort((x, y) => x - y)).toEqual(sent.flat().sort((x, y) => x - y));
          for (const g of got) {
            for (let i = 0; i < senders.length; i++) {
              const mine = g.filter((v) => Math.floor(v / 1000) === i);
              expect(mine).toEqual([...mine].sort((x, y) => x - y));
            }
          }
        },
      ),
      // Real cross-thread traffic: FC_THREAD_RUNS, not the soak's FC_NUM_RUNS, sets the run count.
      { ...fcParams(12), numRuns: Number(process.env['FC_THREAD_RUNS'] ?? 12) },
    );
  });
});

describe('a thread dying', () => {
  it('A dying fails B’s parked operations on its channels, and every later one, with OwnerExitedError', async () => {
    const owner = built.pool();
    const [r, rName] = await make<number>(4, undefined, owner);
    const [s, sName] = await make<number>(0, undefined, owner);
    const recvOnB = b.go('recvN', r, 1);
    const sendOnB = b.go('sendAll', s, [1]);
    track(recvOnB);
    track(sendOnB);
    await parked(rName, 'recv', owner);
    await parked(sName, 'send', owner);
    expect(await owner.go('exitNow', 5).catch((e: unknown) => e)).toBeInstanceOf(WorkerExitedError);
    const gone = { name: 'OwnerExitedError', message: expect.stringMatching(/exited with code 5/) as unknown };
    await expect(recvOnB).rejects.toMatchObject(gone);
    await expect(sendOnB).rejects.toMatchObject(gone);
    await expect(b.go('recvN', r, 1)).rejects.toMatchObject(gone);
    await expect(b.go('selectRecv', r, r)).rejects.toMatchObject(gone);
    // B lives on: its other channels still work.
    const [ok, okName] = await make<number>(1);
    await b.go('sendAll', ok, [6]);
    expect(await a.go('recvAll', okName, 1)).toEqual([6]);
  });

  it('B dying withdraws its parked operations on A: a value sent later reaches a live receiver', async () => {
    const third = built.pool();
    const [r, rName] = await make<number>(0);
    const [s, sName] = await make<number>(0);
    void third.go('recvN', r, 1).catch(() => {});
    void third.go('sendAll', s, [1]).catch(() => {});
    await parked(rName, 'recv');
    await parked(sName, 'send');
    expect(await third.go('exitNow', 3).catch((e: unknown) => e)).toBeInstanceOf(WorkerExitedError);
    const empty = { senders: false, receivers: false, length: 0 };
    for (;;) {
      const q = [await queues(rName), await queues(sName)];
      if (q.every((x) => !x.senders && !x.receivers)) break;
      await settle();
    }
    expect(await queues(rName)).toEqual(empty);
    await a.go('sendLater', rName, [8], false);
    expect(await r.recvValue()).toBe(8);
    const got = a.go('recvAll', sName, 1);
    await s.send(9);
    expect(await got).toEqual([9]);
  });
});

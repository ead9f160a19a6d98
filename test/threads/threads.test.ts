/**
 * The channel rules with the parties on different threads: a ThreadChannel owned by the test's
 * thread, used by goroutines that a WorkerPool runs on worker threads (test/threads/worker.ts).
 * Events are ordered by what the owner's channel shows (a parked remote operation is a parked
 * waiter here), never by waiting for time to pass.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Channel } from '../../src/channel/channel.js';
import { CloseOfClosedChannelError, SendOnClosedChannelError } from '../../src/channel/errors.js';
import { recv } from '../../src/select/cases.js';
import { select } from '../../src/select/select.js';
import { ThreadChannel, WorkerExitedError, WorkerPool } from '../../src/threads/index.js';
import { fcParams, track, until } from '../helpers.js';
import { buildThreads } from './build.js';

// worker.ts bundled into JavaScript: a thread then starts without loading TypeScript.
const built = await buildThreads();
const { worker: MODULE, options: OPTIONS } = built;
const pool = new WorkerPool(MODULE, { ...OPTIONS, size: 2 });
const pools: WorkerPool[] = [pool];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  built.remove();
});

const parkedSender = (ch: Channel<unknown>) => () => ch.sendq.first !== null;
const parkedReceiver = (ch: Channel<unknown>) => () => ch.recvq.first !== null;

describe('ThreadChannel across threads', () => {
  it('unbuffered: a send on a worker completes only when a receiver has taken the value', async () => {
    const ch = new ThreadChannel<number>();
    const g = track(pool.go('sendAll', ch, [7]));
    await until(parkedSender(ch as Channel<unknown>));
    expect(g.current.state).toBe('pending');
    expect(ch.length).toBe(0);
    expect(await ch.recv()).toEqual({ value: 7, ok: true });
    await until(() => g.current.state !== 'pending');
    expect(g.current.state).toBe('fulfilled');
  });

  it('unbuffered: a receive on a worker takes the value of a send on this thread', async () => {
    const ch = new ThreadChannel<string>();
    const g = pool.go('recvN', ch, 1);
    await until(parkedReceiver(ch as Channel<unknown>));
    await ch.send('hi');
    expect(await g).toEqual(['hi']);
  });

  it('buffered: FIFO across threads, each sender in its own order, nothing lost or doubled', async () => {
    const ch = new ThreadChannel<number>(5);
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = Array.from({ length: 50 }, (_, i) => 100 + i);
    const senders = Promise.all([pool.go('sendAll', ch, a), pool.go('sendAll', ch, b)]);
    const got: number[] = [];
    for (let i = 0; i < 100; i++) got.push((await ch.recvValue()) as number);
    await senders;
    expect(got.filter((v) => v < 100)).toEqual(a);
    expect(got.filter((v) => v >= 100)).toEqual(b);
  });

  it('a worker ranges over a channel until it is closed and drained', async () => {
    const jobs = new ThreadChannel<number>(3);
    const results = new ThreadChannel<number>(3);
    const workers = Promise.all([pool.go('double', jobs, results), pool.go('double', jobs, results)]);
    const feeding = (async () => {
      for (let j = 1; j <= 20; j++) await jobs.send(j);
      jobs.close();
    })();
    const got: number[] = [];
    for (let i = 0; i < 20; i++) got.push((await results.recvValue()) as number);
    await feeding;
    const counts = (await workers) as number[];
    expect(got.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * (i + 1)));
    expect(counts[0]! + counts[1]!).toBe(20);
  });

  it('close with values buffered: a worker drains them, then reads (zero, false)', async () => {
    const ch = new ThreadChannel<number>(3, { zero: 0 });
    await ch.send(1);
    await ch.send(2);
    ch.close();
    expect(await pool.go('recvResults', ch, 4)).toEqual([
      { value: 1, ok: true },
      { value: 2, ok: true },
      { value: 0, ok: false },
      { value: 0, ok: false },
    ]);
  });

  it('close wakes a receiver blocked on a worker with (zero, false)', async () => {
    const ch = new ThreadChannel<number>(0, { zero: -1 });
    const g = pool.go('recvResults', ch, 1);
    await until(parkedReceiver(ch as Channel<unknown>));
    ch.close();
    expect(await g).toEqual([{ value: -1, ok: false }]);
  });

  it('close fails a sender blocked on a worker with send on closed channel', async () => {
    const ch = new ThreadChannel<number>();
    const g = track(pool.go('sendAll', ch, [1]));
    await until(parkedSender(ch as Channel<unknown>));
    ch.close();
    await until(() => g.current.state !== 'pending');
    expect(g.current.state).toBe('rejected');
    const e = (g.current as { reason: unknown }).reason;
    expect(e).toBeInstanceOf(SendOnClosedChannelError);
    expect((e as Error).message).toBe('send on closed channel');
  });

  it('a worker that closes closes for every thread; a second close throws there', async () => {
    const ch = new ThreadChannel<number>(1);
    expect(await pool.go('closeTwice', ch)).toBe('CloseOfClosedChannelError: close of closed channel');
    expect(ch.closed).toBe(true);
    expect(() => ch.close()).toThrow(CloseOfClosedChannelError);
    await expect(pool.go('sendAll', ch, [1])).rejects.toBeInstanceOf(SendOnClosedChannelError);
  });

  it('a worker closes after sending: this thread drains, then sees the close', async () => {
    const ch = new ThreadChannel<number>(2);
    const g = pool.go('sendThenClose', ch, [1, 2, 3]);
    const got: number[] = [];
    for await (const v of ch) got.push(v);
    await g;
    expect(got).toEqual([1, 2, 3]);
  });

  it('an aborted receive on a worker takes nothing', async () => {
    const ch = new ThreadChannel<number>();
    expect(await pool.go('recvAborted', ch)).toEqual({ aborted: 'stop' });
    expect(ch.recvq.first).toBeNull();
    expect(ch.trySend(1)).toBe(false); // no receiver left behind to take it
  });

  it('an aborted send on a worker delivers nothing', async () => {
    const ch = new ThreadChannel<number>();
    expect(await pool.go('sendAborted', ch, 5)).toEqual({ aborted: 'stop' });
    expect(ch.sendq.first).toBeNull();
    expect(ch.tryRecv()).toBeUndefined();
  });

  it('trySend, tryRecv, length and capacity on a worker see the owner channel', async () => {
    const ch = new ThreadChannel<number>(1, { zero: 0 });
    expect(await pool.go('tryOps', ch)).toEqual([true, false, 1, 1, { value: 1, ok: true }, undefined, undefined]);
    ch.close();
    expect(await pool.go('tryOps', new ThreadChannel<number>(0))).toEqual([
      false,
      false,
      0,
      0,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('a value that cannot be cloned fails at the send on the worker, and nothing is enqueued', async () => {
    const ch = new ThreadChannel<unknown>(4);
    expect(await pool.go('sendUncloneable', ch)).toBe('DataCloneError');
    expect(ch.length).toBe(0);
  });

  it('a value that cannot be cloned fails at the send on the owner, and nothing is enqueued', async () => {
    const ch = new ThreadChannel<unknown>(4);
    await expect(ch.send(() => 1)).rejects.toThrow(/could not be cloned/);
    expect(() => ch.trySend(Symbol('x'))).toThrow(/could not be cloned/);
    expect(ch.length).toBe(0);
  });

  it('values are copied at send, as Go copies them into the channel', async () => {
    const ch = new ThreadChannel<{ n: number }>(1);
    const v = { n: 1 };
    await ch.send(v);
    v.n = 2;
    expect(await ch.recvValue()).toEqual({ n: 1 });
  });

  it('a transfer list moves the buffer instead of copying it', async () => {
    const ch = new ThreadChannel<ArrayBuffer>(1);
    expect(await pool.go('sendBuffer', ch)).toBe(0);
    expect(new Uint8Array((await ch.recvValue())!)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('select on the owner mixes cross-thread and local channels', async () => {
    const tc = new ThreadChannel<number>();
    const local = new Channel<string>();
    const g = pool.go('sendAll', tc, [42]);
    const r = await select([recv(local), recv(tc)]);
    expect(r).toEqual({ index: 1, value: 42, ok: true });
    await g;
  });

  it('a goroutine that throws rejects go() with its error', async () => {
    const e = await pool.go('fail', 'boom').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toBe('boom');
    expect((e as Error).stack).toContain('worker.ts');
  });

  it('go() with a name that is not an exported function rejects with a TypeError', async () => {
    await expect(pool.go('nope')).rejects.toThrow(/nope is not a function exported by/);
  });
});

describe('posting channels', () => {
  it('postMessage of a local Channel throws at once, naming ThreadChannel', () => {
    const { port1, port2 } = new MessageChannel();
    try {
      expect(() => port1.postMessage(new Channel<number>(1))).toThrow(/use ThreadChannel/);
      expect(() => structuredClone({ nested: new Channel() })).toThrow(/a Channel cannot cross threads/);
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('postMessage of a ThreadChannel throws, naming WorkerPool.go', () => {
    expect(() => structuredClone(new ThreadChannel())).toThrow(/argument of WorkerPool.go\(\)/);
  });
});

describe('a worker that dies', () => {
  it('rejects its goroutines, withdraws their parked operations, and the channel serves the others', async () => {
    const p1 = new WorkerPool(MODULE, { ...OPTIONS, size: 1 });
    pools.push(p1);
    const ch = new ThreadChannel<number>();
    const blocked = track(p1.go('recvN', ch, 1));
    await until(parkedReceiver(ch as Channel<unknown>));
    const exit = await p1.go('exitNow', 3).catch((e: unknown) => e);
    expect(exit).toBeInstanceOf(WorkerExitedError);
    expect((exit as WorkerExitedError).exitCode).toBe(3);
    await until(() => blocked.current.state !== 'pending');
    expect((blocked.current as { reason: unknown }).reason).toBeInstanceOf(WorkerExitedError);
    // The dead thread's receive is gone: a send finds no receiver, and another thread's does.
    expect(ch.recvq.first).toBeNull();
    expect(ch.trySend(1)).toBe(false);
    const other = pool.go('recvN', ch, 1);
    await ch.send(2);
    expect(await other).toEqual([2]);
    // The pool starts a fresh thread for the next goroutine.
    const closed = new ThreadChannel<number>(0, { zero: 9 });
    closed.close();
    expect(await p1.go('recvResults', closed, 1)).toEqual([{ value: 9, ok: false }]);
  });
});

describe('select on a worker thread', () => {
  it('waits on several cross-thread channels and commits the one a sender reaches', async () => {
    const a = new ThreadChannel<number>();
    const b = new ThreadChannel<number>();
    const g = pool.go('selectRecv', a, b);
    await until(() => a.recvq.first !== null && b.recvq.first !== null);
    await b.send(5);
    expect(await g).toEqual({ index: 1, value: 5, ok: true });
    // Exactly one case committed: the other left a's queue.
    expect(a.recvq.first).toBeNull();
    expect(a.trySend(1)).toBe(false);
  });

  it('runs the chosen case handler on the worker; a send case delivers its value', async () => {
    const a = new ThreadChannel<number>();
    const out = new ThreadChannel<number>(1);
    expect(await pool.go('selectHandlers', a, out, 9)).toBe('sent');
    expect(await out.recvValue()).toBe(9);
    a.close();
    out.close();
    await expect(pool.go('selectHandlers', a, new ThreadChannel<number>(), 1)).resolves.toBe('recv undefined false');
  });

  it('takes default when no case is ready, and a ready case otherwise', async () => {
    const a = new ThreadChannel<number>(1);
    expect(await pool.go('selectDefault', a)).toBe('default');
    await a.send(3);
    expect(await pool.go('selectDefault', a)).toEqual({ index: 0, value: 3, ok: true });
  });

  it('an aborted select commits nothing', async () => {
    const a = new ThreadChannel<number>();
    expect(await pool.go('selectAborted', a)).toEqual({ aborted: 'stop' });
    expect(a.recvq.first).toBeNull();
  });

  it('refuses to mix cross-thread channels with the worker’s own', async () => {
    expect(await pool.go('selectMixed', new ThreadChannel<number>())).toMatch(/cross-thread channels only/);
  });

  it('chooses among ready cases at random', async () => {
    const a = new ThreadChannel<number>(200);
    const b = new ThreadChannel<number>(200);
    for (let i = 0; i < 200; i++) {
      a.trySend(i);
      b.trySend(i);
    }
    const [na, nb] = (await pool.go('selectMany', a, b, 200)) as number[];
    expect(na! + nb!).toBe(200);
    // Both ready every time: a fair choice gives each about 100 (p < 1e-9 of falling outside 40..160).
    expect(na).toBeGreaterThan(40);
    expect(nb).toBeGreaterThan(40);
  });
});

// Senders and receivers spread over this thread and two worker threads, in random numbers and with
// random capacities. The interleaving is the threads' own; fast-check chooses the shape. Few runs:
// each one is real cross-thread traffic. (In this file, to share its pool: a thread start is slow.)
describe('ThreadChannel across threads (property)', () => {
  it('every value is received exactly once, in each sender order, whoever sends and receives where', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.record({ remote: fc.boolean(), count: fc.integer({ min: 0, max: 30 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        async (capacity, senders, receiversRemote) => {
          const ch = new ThreadChannel<number>(capacity);
          const sent = senders.map((s, i) => Array.from({ length: s.count }, (_, k) => i * 1000 + k));
          const sending = senders.map((s, i) =>
            s.remote
              ? pool.go('sendAll', ch, sent[i])
              : (async () => {
                  for (const v of sent[i]!) await ch.send(v);
                })(),
          );
          const receiving = receiversRemote.map((remote) =>
            remote
              ? (pool.go('drain', ch) as Promise<number[]>)
              : (async () => {
                  const got: number[] = [];
                  for await (const v of ch) got.push(v);
                  return got;
                })(),
          );
          await Promise.all(sending);
          ch.close();
          const got = await Promise.all(receiving);
          const all = got.flat();
          expect(all.sort((a, b) => a - b)).toEqual(sent.flat().sort((a, b) => a - b));
          for (const g of got) {
            for (let i = 0; i < senders.length; i++) {
              const mine = g.filter((v) => Math.floor(v / 1000) === i);
              expect(mine).toEqual([...mine].sort((a, b) => a - b));
            }
          }
        },
      ),
      // Threads are slow to start: FC_THREAD_RUNS, not the soak's FC_NUM_RUNS, sets the run count.
      { ...fcParams(12), numRuns: Number(process.env['FC_THREAD_RUNS'] ?? 12) },
    );
  });
});

describe('select cases on the owner thread', () => {
  it("chango/threads' send copies a ThreadChannel's value when the case is built, and refuses one that cannot be cloned", async () => {
    const { send: tsend, select: tselect } = await import('../../src/threads/index.js');
    const ch = new ThreadChannel<{ n: number }>(1);
    const v = { n: 1 };
    const c = tsend(ch, v);
    v.n = 2;
    expect(await tselect([c])).toEqual({ index: 0 });
    expect(await ch.recvValue()).toEqual({ n: 1 });
    expect(() => tsend(ch as ThreadChannel<unknown>, () => 1)).toThrow(/could not be cloned/);
    expect(ch.length).toBe(0);
  });

  it('a value that entered uncopied and cannot be cloned fails the receive on the worker with DataCloneError', async () => {
    const { send: coreSend } = await import('../../src/select/cases.js');
    const ch = new ThreadChannel<unknown>(1);
    await select([coreSend(ch, () => 1)]);
    const e = await pool.go('recvN', ch, 1).catch((x: unknown) => x);
    expect((e as Error).name).toBe('DataCloneError');
  });
});

describe('WorkerPool', () => {
  // The other tests run worker.ts bundled; a user's TypeScript module gets tsx from the start-up.
  it('runs a TypeScript module, registering tsx in the thread first', async () => {
    const p1 = new WorkerPool(new URL('./worker.ts', import.meta.url), { size: 1 });
    pools.push(p1);
    const ch = new ThreadChannel<number>(2);
    expect(await p1.go('sendThenClose', ch, [4, 5])).toBeUndefined();
    expect([await ch.recvValue(), await ch.recvValue(), (await ch.recv()).ok]).toEqual([4, 5, false]);
  }, 90_000);

  it('rejects a size that is not an integer from 1 to 1024, and a function name that is not a string', async () => {
    expect(() => new WorkerPool(MODULE, { size: 0 })).toThrow(RangeError);
    expect(() => new WorkerPool(MODULE, { size: 1.5 })).toThrow(/integer from 1 to 1024, got 1.5/);
    await expect(pool.go(42 as unknown as string)).rejects.toThrow(TypeError);
  });

  it('an uncaught error on a worker rejects every goroutine there with it, and its parked operations are withdrawn', async () => {
    const p1 = new WorkerPool(MODULE, { ...OPTIONS, size: 1 });
    pools.push(p1);
    const ch = new ThreadChannel<number>();
    const e = await p1.go('crashLater', ch).catch((x: unknown) => x);
    expect((e as Error).message).toBe('crash in another goroutine');
    await until(() => ch.recvq.first === null);
    expect(ch.trySend(1)).toBe(false);
  });

  it('close() terminates the threads; running goroutines reject saying the pool was closed', async () => {
    const p1 = new WorkerPool(MODULE, { ...OPTIONS, size: 1 });
    const ch = new ThreadChannel<number>();
    const g = p1.go('recvN', ch, 1).catch((x: unknown) => x);
    await until(parkedReceiver(ch as Channel<unknown>));
    await p1.close();
    const e = await g;
    expect(e).toBeInstanceOf(WorkerExitedError);
    expect((e as Error).message).toMatch(/while running recvN\(\): the pool was closed/);
    await expect(p1.go('recvN', ch, 1)).rejects.toThrow(/closed WorkerPool/);
  });
});

// One batch (one postMessage) carries the answers of many goroutines, each message's fields laid
// end to end: answers of every kind and length in one batch must each reach their own goroutine.
describe('batched answers', () => {
  it('a failed send, a closed receive and a received value answered in one turn reach their goroutines', async () => {
    const p1 = new WorkerPool(MODULE, { size: 1 });
    pools.push(p1);
    const a = new ThreadChannel<number>();
    const b = new ThreadChannel<number>(0, { zero: -1 });
    const c = new ThreadChannel<{ xs: number[] }>();
    const sending = p1.go('sendAll', a, [1]).catch((e: unknown) => (e as Error).name);
    const closedRecv = p1.go('recvResults', b, 1);
    const valueRecv = p1.go('recvResults', c, 1);
    await until(() => a.sendq.first !== null && b.recvq.first !== null && c.recvq.first !== null);
    // All three answers are queued in this turn, so they leave in one batch; the value's last,
    // after the failure's (a few microtasks later, still before the turn ends).
    a.close();
    b.close();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(c.trySend({ xs: [1, 2] })).toBe(true);
    expect(await sending).toBe('SendOnClosedChannelError');
    expect(await closedRecv).toEqual([{ value: -1, ok: false }]);
    expect(await valueRecv).toEqual([{ value: { xs: [1, 2] }, ok: true }]);
  });
});

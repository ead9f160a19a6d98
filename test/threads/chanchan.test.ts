/**
 * Channels inside values sent across threads: Go's `chan chan T`, and a request struct carrying
 * its reply channel. A channel sent as a value (or anywhere inside one) must arrive as the same
 * channel, on whichever thread receives it: the owner's own ThreadChannel on its owner, a
 * RemoteChannel elsewhere (relayed by the main thread between two workers), with every Go rule.
 * Three threads: this one (main), worker A (pool `a`) and worker B (pool `b`), one thread each.
 * Events are ordered by what the owner's channel shows, never by waiting for time to pass.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Channel } from '../../src/channel/channel.js';
import type { RecvChannel, SendChannel } from '../../src/channel/types.js';
import { pack, unpack } from '../../src/threads/pack.js';
import {
  OwnerExitedError,
  RemoteChannel,
  ThreadChannel,
  WorkerExitedError,
  WorkerPool,
} from '../../src/threads/index.js';
import { fcParams, settle, track, until } from '../helpers.js';
import { buildThreads } from './build.js';
import type { Request } from './chanchan-worker.js';

const built = await buildThreads(['chanchan-exits.ts', 'chanchan-deadlock.ts'], 'chanchan-worker.ts');
const a = built.pool();
const b = built.pool();
afterAll(() => built.close());

let names = 0;
const fresh = (): string => `c${++names}`;

/** `chans <- c` to a goroutine on `pool` that keeps what it receives as `name`: which kind arrived. */
async function handTo(pool: WorkerPool, name: string, c: unknown): Promise<string> {
  const chans = new ThreadChannel<unknown>(1);
  const kind = pool.go<string>('keep', name, chans);
  await chans.send(c);
  return kind;
}

/** A channel made on A (kept there as `name`), as it arrives here inside a value sent by A. */
async function fromA<T>(capacity: number): Promise<[RemoteChannel<T>, string]> {
  const name = fresh();
  await a.go('makeMine', name, capacity);
  const out = new ThreadChannel<{ c: RemoteChannel<T> }>(1);
  await a.go('sendMine', out, name);
  return [(await out.recvValue())!.c, name];
}

const parkedSender = (ch: unknown) => () => (ch as Channel<unknown>).sendq.first !== null;
const parkedReceiver = (ch: unknown) => () => (ch as Channel<unknown>).recvq.first !== null;

describe('request/reply: a request carrying its reply channel, the server on a worker', () => {
  it('the reply channel owned by main', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = a.go<number>('server', reqs);
    const reply = new ThreadChannel<number>();
    for (const n of [21, 4]) {
      await reqs.send({ num: n, reply }); // reqs <- request{n, reply}
      expect(await reply.recvValue()).toBe(n * 2); // <-reply
    }
    reqs.close();
    expect(await served).toBe(2);
  });

  it('the reply channel owned by the server’s own thread (there it is its ThreadChannel)', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = a.go<number>('server', reqs);
    const name = fresh();
    const reply = await a.go<RemoteChannel<number>>('makeMine', name, 0);
    await reqs.send({ num: 5, reply });
    expect(await reply.recvValue()).toBe(10);
    reqs.close();
    expect(await served).toBe(1);
    // And a channel handed back to its owner in a value is the owner's own channel.
    expect(await handTo(a, 'own2', reply)).toBe('ThreadChannel');
    expect(await a.go('keptIsMine', 'own2', name)).toBe(true);
  });

  it('the reply channel owned by a third worker (relayed by main)', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = b.go<number>('server', reqs);
    const name = fresh();
    const reply = await a.go<RemoteChannel<number>>('makeMine', name, 0);
    await reqs.send({ num: 7, reply });
    expect(await reply.recvValue()).toBe(14);
    expect(await a.go('queues', name)).toEqual({ senders: false, receivers: false, length: 0 });
    reqs.close();
    expect(await served).toBe(1);
  });

  it('the client on a worker with a reply channel of its own, the server on another worker', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = b.go<number>('server', reqs);
    expect(await a.go('client', reqs, [1, 2, 3])).toEqual([2, 4, 6]);
    reqs.close();
    expect(await served).toBe(3);
  });
});

describe('channels inside the arguments of go()', () => {
  it('a channel inside an argument arrives as a working channel', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = b.go<number>('serverIn', { reqs });
    const [reply] = await fromA<number>(0);
    await reqs.send({ num: 8, reply });
    expect(await reply.recvValue()).toBe(16);
    reqs.close();
    expect(await served).toBe(1);
  });

  it('an argument that cannot be cloned beside it still rejects go() with DataCloneError', async () => {
    const reqs = new ThreadChannel<Request>();
    await expect(b.go('serverIn', { reqs, f: () => 1 })).rejects.toMatchObject({ name: 'DataCloneError' });
    await expect(b.go('serverIn', { reqs: new Channel() })).rejects.toThrow(/use ThreadChannel/);
  });
});

describe('chan chan T: a channel as the value, and inside values', () => {
  it('a channel as the value itself arrives as a working channel', async () => {
    const chans = new ThreadChannel<ThreadChannel<number>>(1); // chans := make(chan chan int, 1)
    const c = new ThreadChannel<number>();
    const kind = a.go('keep', 'x1', chans);
    await chans.send(c);
    expect(await kind).toBe('RemoteChannel');
    const s = a.go('sendKept', 'x1', [5]);
    expect(await c.recvValue()).toBe(5);
    await s;
  });

  it('nested: in an array, in an object at depth, as a Map value and key, in a Set', async () => {
    const cs = Array.from({ length: 6 }, () => new ThreadChannel<number>(1));
    const from = new ThreadChannel<unknown>(1);
    const kept = a.go('keepAll', 'n', from, 1);
    const [c0, c1, c2, c3, c4, c5] = cs as [
      ThreadChannel<number>,
      ThreadChannel<number>,
      ThreadChannel<number>,
      ThreadChannel<number>,
      ThreadChannel<number>,
      ThreadChannel<number>,
    ];
    await from.send({
      list: [c0, c1],
      obj: { deep: { c: c2 }, n: 1 },
      m: new Map<unknown, unknown>([[c3, c4]]),
      s: new Set([c5]),
    });
    await kept;
    for (let i = 0; i < 6; i++) await a.go('sendKept', `n${i}`, [i]);
    expect(await Promise.all(cs.map((c) => c.recvValue()))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a worker’s channel inside a value from the worker arrives here as a remote that works', async () => {
    const [c, name] = await fromA<number>(0);
    expect(c).toBeInstanceOf(RemoteChannel);
    const got = c.recv();
    await a.go('untilParked', name, 'recv');
    await a.go('sendLater', name, [9], false);
    expect(await got).toEqual({ value: 9, ok: true });
  });

  it('with a transfer list, from a worker and relayed: the buffer moves, the channel arrives', async () => {
    const name = fresh();
    const viaGo = await a.go<RemoteChannel<number>>('makeMine', name, 0);
    const out = new ThreadChannel<{ c: unknown; bytes: ArrayBuffer }>(1);
    expect(await a.go('sendMoving', out, name)).toBe(0);
    const got = (await out.recvValue())!;
    expect(got.c).toBe(viaGo);
    expect(got.bytes.byteLength).toBe(3);
    // B sends on A's channel, relayed by main, a value holding main's channel; A returns it here.
    const [onA, aName] = await fromA<unknown>(1);
    const c = new ThreadChannel<number>();
    expect(await b.go('sendMoving', onA, '', c)).toBe(0);
    const [back] = await a.go<{ c: unknown; bytes: ArrayBuffer }[]>('recvAll', aName, 1);
    expect(back!.c).toBe(c);
    expect(back!.bytes.byteLength).toBe(3);
  });

  it('the same channel arriving twice is the same object, here and on a worker, as when handed by go()', async () => {
    const name = fresh();
    const viaGo = await a.go<RemoteChannel<number>>('makeMine', name, 0);
    const out = new ThreadChannel<{ c: RemoteChannel<number> }>(2);
    await a.go('sendMine', out, name, 2);
    const first = (await out.recvValue())!.c;
    expect((await out.recvValue())!.c).toBe(first);
    expect(first).toBe(viaGo);

    const c = new ThreadChannel<number>();
    const from = new ThreadChannel<unknown>(2);
    await from.send([c, { again: c }]);
    await from.send(c);
    await b.go('keepAll', 'd', from, 2);
    expect(await b.go('same', 'd0', 'd1')).toBe(true);
    expect(await b.go('same', 'd0', 'd2')).toBe(true);
    expect(await b.go('isKept', 'd0', c)).toBe(true);
    // A's channel, relayed to B: the same proxy however it arrives.
    await from.send({ first });
    await from.send([first]);
    await b.go('keepAll', 'r', from, 2);
    expect(await b.go('same', 'r0', 'r1')).toBe(true);
    expect(await b.go('isKept', 'r0', first)).toBe(true);
  });
});

describe('Go’s rules for a channel received in a value (owned by main, used on A)', () => {
  it('unbuffered: a send on A completes only once main has taken the value', async () => {
    const c = new ThreadChannel<number>();
    expect(await handTo(a, 'u1', c)).toBe('RemoteChannel');
    const s = track(a.go('sendKept', 'u1', [7]));
    await until(parkedSender(c));
    await settle();
    expect(s.current.state).toBe('pending');
    expect(await c.recv()).toEqual({ value: 7, ok: true });
    await until(() => s.current.state === 'fulfilled');
  });

  it('buffered: FIFO, then a close by A seen here: drain, then (zero, false)', async () => {
    const c = new ThreadChannel<number>(3, { zero: -1 });
    await handTo(a, 'f1', c);
    const values = Array.from({ length: 40 }, (_, i) => i);
    const s = a.go('sendKept', 'f1', values, true);
    const got: number[] = [];
    for await (const v of c) got.push(v);
    await s;
    expect(got).toEqual(values);
    expect(await c.recv()).toEqual({ value: -1, ok: false });
  });

  it('close by main: A drains, then (zero, false); a send parked on A and a later one fail', async () => {
    const c = new ThreadChannel<number>(2, { zero: 0 });
    await handTo(a, 'k1', c);
    await c.send(1);
    c.close();
    expect(await a.go('recvKept', 'k1', 2)).toEqual([
      { value: 1, ok: true },
      { value: 0, ok: false },
    ]);
    const d = new ThreadChannel<number>();
    await handTo(a, 'k2', d);
    const s = a.go('opKept', 'k2', 'send', 1);
    await until(parkedSender(d));
    d.close();
    expect(await s).toMatch(/^SendOnClosedChannelError: send on closed channel/);
    expect(await a.go('opKept', 'k2', 'send', 2)).toMatch(/send on closed channel/);
  });

  it('an aborted receive on A takes nothing; an aborted send on A delivers nothing', async () => {
    const c = new ThreadChannel<number>();
    await handTo(a, 'ab', c);
    const stop = new ThreadChannel<number>(1);
    const r = a.go('opKeptUntil', 'ab', stop, 'recv');
    await until(parkedReceiver(c));
    await stop.send(1);
    expect(await r).toEqual({ aborted: 'stop' });
    expect(c.trySend(1)).toBe(false);
    const s = a.go('opKeptUntil', 'ab', stop, 'send', 2);
    await until(parkedSender(c));
    await stop.send(1);
    expect(await s).toEqual({ aborted: 'stop' });
    expect(c.tryRecv()).toBeUndefined();
  });

  it('select on A over two channels received in values commits the one a sender reaches', async () => {
    const x = new ThreadChannel<number>();
    const y = new ThreadChannel<number>();
    await handTo(a, 's1', x);
    await handTo(a, 's2', y);
    const r = a.go('selectKept', 's1', 's2');
    await until(() => parkedReceiver(x)() && parkedReceiver(y)());
    await y.send(3);
    expect(await r).toEqual({ index: 1, value: 3, ok: true });
    expect(x.recvq.first).toBeNull(); // the other case left its queue
  });

  it('a worker’s channel relayed to B: rendezvous, FIFO and close by the owner', async () => {
    const [c, name] = await fromA<number>(0);
    expect(await handTo(b, 'rl', c)).toBe('RemoteChannel');
    const s = track(b.go('sendKept', 'rl', [1, 2, 3]));
    await a.go('untilParked', name, 'send');
    expect(s.current.state).toBe('pending');
    expect(await a.go('recvAll', name, 1)).toEqual([1]);
    expect(await c.recvValue()).toBe(2);
    expect(await a.go('recvAll', name, 1)).toEqual([3]);
    await s;
    const got = b.go('recvKept', 'rl', 2);
    await a.go('untilParked', name, 'recv');
    await a.go('sendLater', name, [4], true);
    expect(await got).toEqual([
      { value: 4, ok: true },
      { value: undefined, ok: false },
    ]);
  });
});

describe('a thread dying', () => {
  it('the owner dying fails operations on its channel received in values, here and on B, with OwnerExitedError', async () => {
    const owner = built.pool();
    const name = fresh();
    await owner.go('makeMine', name, 0);
    const out = new ThreadChannel<{ c: RemoteChannel<number> }>(1);
    await owner.go('sendMine', out, name);
    const c = (await out.recvValue())!.c;
    await handTo(b, 'dead', c);
    const here = c.recv();
    const onB = b.go('opKept', 'dead', 'recv');
    await owner.go('untilParked', name, 'recv');
    await owner.go('exitNow', 4).catch(() => undefined);
    await expect(here).rejects.toBeInstanceOf(OwnerExitedError);
    expect(await onB).toMatch(/^OwnerExitedError: .*exited with code 4/);
    await expect(c.send(1)).rejects.toBeInstanceOf(OwnerExitedError);
    // Received in a value after its owner died: the same.
    await expect(b.go('opKept', 'dead', 'send', 1)).resolves.toMatch(/^OwnerExitedError/);
  });

  it('a receiver dying withdraws its parked receive on a channel it got in a value; the channel serves the others', async () => {
    const doomed = built.pool();
    const c = new ThreadChannel<number>();
    await handTo(doomed, 'w', c);
    const blocked = track(doomed.go('recvKept', 'w', 1));
    await until(parkedReceiver(c));
    await expect(doomed.go('exitNow', 3)).rejects.toBeInstanceOf(WorkerExitedError);
    await until(() => blocked.current.state !== 'pending');
    expect(c.recvq.first).toBeNull();
    expect(c.trySend(1)).toBe(false);
    const other = b.go('recvN', c, 1);
    await c.send(2);
    expect(await other).toEqual([2]);
  });
});

describe('every value once (property)', () => {
  it('a channel handed out in values to A and B: every value received once, in each sender’s order', async () => {
    const where = fc.constantFrom('a', 'main', 'b');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.array(fc.record({ on: where, count: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 3 }),
        fc.array(where, { minLength: 1, maxLength: 3 }),
        async (capacity, ownedByA, senders, receivers) => {
          const key = `p${++run}`;
          const ch: SendChannel<number> & RecvChannel<number> = ownedByA
            ? (await fromA<number>(capacity))[0]
            : new ThreadChannel<number>(capacity);
          // A gets the channel as a value, B inside one.
          await handTo(a, key, ch);
          const from = new ThreadChannel<unknown>(1);
          await from.send([ch]);
          await b.go('keepAll', key, from, 1);
          const sent = senders.map((s, i) => Array.from({ length: s.count }, (_, k) => i * 1000 + k));
          const total = sent.flat().length;
          // Receivers share the total between them; the last one takes what is left.
          const shares = receivers.map((_, i) =>
            i < receivers.length - 1
              ? Math.floor(total / receivers.length)
              : total - Math.floor(total / receivers.length) * (receivers.length - 1),
          );
          const sending = senders.map((s, i) =>
            s.on === 'main'
              ? (async () => {
                  for (const v of sent[i]!) await ch.send(v);
                })()
              : s.on === 'a'
                ? a.go('sendKept', key, sent[i])
                : b.go('sendKept', `${key}0`, sent[i]),
          );
          const receiving = receivers.map((r, i) =>
            r === 'main'
              ? (async () => {
                  const got: number[] = [];
                  for (let j = 0; j < shares[i]!; j++) got.push((await ch.recvValue())!);
                  return got;
                })()
              : (r === 'a' ? a.go('recvKept', key, shares[i]) : b.go('recvKept', `${key}0`, shares[i])).then((rs) =>
                  (rs as { value: number }[]).map((x) => x.value),
                ),
          );
          await Promise.all(sending);
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
      fcParams(8),
    );
  });
});

describe('bad input', () => {
  it('a local Channel inside a value throws at the send naming ThreadChannel; nothing enqueued; the channel works', async () => {
    const out = new ThreadChannel<unknown>(1);
    const reply = new ThreadChannel<number>();
    await expect(out.send({ reply, local: new Channel<number>() })).rejects.toThrow(/use ThreadChannel/);
    await expect(out.send([new Channel<number>()])).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(() => out.trySend({ c: new Channel<number>() })).toThrow(/use ThreadChannel/);
    expect(out.length).toBe(0);
    await out.send({ reply });
    expect((await out.recvValue()) as { reply: unknown }).toEqual({ reply });
    // On a worker, on a channel of main.
    expect(await a.go('sendLocalInside', out)).toMatch(/^DataCloneError: .*use ThreadChannel/);
    expect(out.length).toBe(0);
    expect(out.trySend(1)).toBe(true);
  });

  it('anything else that cannot be cloned, beside a channel, throws the platform’s DataCloneError at the send', async () => {
    const out = new ThreadChannel<unknown>(1);
    const reply = new ThreadChannel<number>();
    await expect(out.send({ reply, f: () => 1 })).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(out.length).toBe(0);
    expect(() => pack({ reply, f: () => 1 })).toThrow(/could not be cloned/);
  });
});

describe('on the owner thread: a value holding channels is copied, its channels are not', () => {
  it('the channels are the same objects; the rest is a copy; cycles and shared parts are kept', async () => {
    const c = new ThreadChannel<number>();
    const ch = new ThreadChannel<unknown>(2);
    const shared = { n: 1 };
    const v: Record<string, unknown> = {
      reply: c,
      data: [1],
      shared,
      again: shared,
      m: new Map([[c, c]]),
      s: new Set([c]),
    };
    v.self = v;
    await ch.send(v);
    (v.data as number[]).push(2);
    const got = (await ch.recvValue()) as typeof v;
    expect(got).not.toBe(v);
    expect(got.reply).toBe(c);
    expect(got.data).toEqual([1]);
    expect(got.self).toBe(got);
    expect(got.again).toBe(got.shared);
    expect(got.shared).not.toBe(shared);
    expect([...(got.m as Map<unknown, unknown>)]).toEqual([[c, c]]);
    expect([...(got.s as Set<unknown>)][0]).toBe(c);
    // chan chan T on one thread: the value is the channel.
    const chans = new ThreadChannel<ThreadChannel<number>>(1);
    await chans.send(c);
    expect(await chans.recvValue()).toBe(c);
    // With a transfer list: the buffer moves, the channel stays.
    const buf = new Uint8Array([1, 2]).buffer;
    await ch.send({ c, buf }, { transfer: [buf] });
    expect(buf.byteLength).toBe(0);
    const moved = (await ch.recvValue()) as { c: unknown; buf: ArrayBuffer };
    expect(moved.c).toBe(c);
    expect(moved.buf.byteLength).toBe(2);
  });

  it('packed and unpacked on its owner, a value gives back its channels, at any depth', () => {
    const c = new ThreadChannel<number>();
    let list: { next: unknown; c?: unknown } = { next: null, c };
    for (let i = 0; i < 1000; i++) list = { next: list };
    let got = unpack(pack(list)) as { next: unknown; c?: unknown };
    while (got.next !== null) got = got.next as typeof got;
    expect(got.c).toBe(c);
    expect(unpack(pack(c))).toBe(c);
    expect(unpack(pack({ m: new Map([[c, 1]]) }))).toEqual({ m: new Map([[c, 1]]) });
    // Values without channels are as before: bytes.
    expect(pack({ n: 1 })).toBeInstanceOf(Uint8Array);
  });
});

describe('programs with channels inside values', () => {
  const run = built.run;

  it('request/reply with the server on a worker exits on its own once done', () => {
    const r = run('chanchan-exits.ts');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('42\nserved 1\n');
    expect(r.status).toBe(0);
  });

  it('a deadlock through a channel received in a value is reported as Go does, status 2', () => {
    const r = run('chanchan-deadlock.ts');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.stderr).toContain('receive from channel "reply"');
    expect(r.status).toBe(2);
  });
});

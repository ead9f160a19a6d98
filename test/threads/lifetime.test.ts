/**
 * The lifetime of channels that crossed threads inside values. Go's everyday request/reply makes
 * a fresh reply channel per request; a long-running server must not keep one per request, on
 * the owner (its registry of channels that went out) or on the receiving thread (its proxies).
 *
 * The rule (registry.ts): a closed channel whose buffer is empty has no state left, so its owner
 * drops it; a request for it, from any thread, is answered as Go answers for such a channel. A
 * receiving thread holds its proxies weakly. Registry sizes are asserted exactly; proxies are
 * asserted after a forced full collection (`gc()`, on the thread that holds them).
 *
 * Threads: this one (main), worker A (pool `a`) and worker B (pool `b`), one thread each.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Outbox } from '../../src/threads/outbox.js';
import { RemoteLink } from '../../src/threads/remote.js';
import { RemoteChannel, ThreadChannel, WorkerPool, recv, select, send } from '../../src/threads/index.js';
import { mine, outgoing, registrySizes } from '../../src/threads/registry.js';
import { until } from '../helpers.js';
import { buildThreads } from './build.js';
import type { Request } from './chanchan-worker.js';

const built = await buildThreads([], 'chanchan-worker.ts');
const a = built.pool();
const b = built.pool();
afterAll(() => built.close());

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Collects (a full collection, in a fresh turn each time) until `cond` holds, 100 times at most: whether it did. */
async function collectUntil(cond: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
    if (cond()) return true;
  }
  return false;
}

let names = 0;
const fresh = (): string => `l${++names}`;

/** `chans <- c` to a goroutine on `pool` that keeps what it receives as `name`. */
async function handTo(pool: WorkerPool, name: string, c: unknown): Promise<void> {
  const chans = new ThreadChannel<unknown>(1);
  const kind = pool.go('keep', name, chans);
  await chans.send(c);
  expect(await kind).toBe('RemoteChannel');
}

const N = 40;

describe('request/reply with a fresh reply channel per request: nothing kept per request', () => {
  it('reply channels owned by main, closed by main once answered: main holds none of them', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = a.go<number>('server', reqs);
    const before = registrySizes().held;
    for (let i = 0; i < N; i++) {
      const reply = new ThreadChannel<number>(); // reply := make(chan int)
      await reqs.send({ num: i, reply }); // reqs <- request{i, reply}
      expect(await reply.recvValue()).toBe(2 * i); // <-reply
      reply.close(); // done with it
    }
    expect(registrySizes().held).toBe(before);
    reqs.close();
    expect(await served).toBe(N);
  });

  it('not closed, each one is held (Go would collect it; here closing is how a program says it is done)', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = a.go<number>('server', reqs);
    const before = registrySizes().held;
    for (let i = 0; i < 5; i++) {
      const reply = new ThreadChannel<number>();
      await reqs.send({ num: i, reply });
      await reply.recvValue();
    }
    expect(registrySizes().held).toBe(before + 5);
    reqs.close();
    await served;
  });

  it('reply channels owned by a worker client, the server on another worker (relayed): the client’s thread holds none', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = b.go<number>('server', reqs);
    const before = (await a.go<{ held: number }>('registry')).held;
    const ns = Array.from({ length: N }, (_, i) => i);
    expect(await a.go('clientFresh', reqs, ns, true)).toEqual(ns.map((n) => 2 * n));
    expect((await a.go<{ held: number }>('registry')).held).toBe(before);
    // The same without the close: one held per request.
    await a.go('clientFresh', reqs, [1, 2, 3], false);
    expect((await a.go<{ held: number }>('registry')).held).toBe(before + 3);
    reqs.close();
    expect(await served).toBe(N + 3);
  });

  it('the server’s thread keeps no proxy of them once collected', async () => {
    const reqs = new ThreadChannel<Request>();
    const served = b.go<number>('server', reqs);
    await b.go('collect');
    const before = await b.go<number>('proxyEntries');
    for (let i = 0; i < N; i++) {
      const reply = new ThreadChannel<number>();
      await reqs.send({ num: i, reply });
      await reply.recvValue();
      reply.close();
    }
    // Each reply channel was a proxy on B; its entry goes once the proxy is collected there.
    // (Entries of earlier tests' proxies may go too: at most as many as before.)
    for (let i = 0; i < 100 && (await b.go<number>('proxyEntries')) > before; i++) await b.go('collect');
    expect(await b.go<number>('proxyEntries')).toBeLessThanOrEqual(before);
    reqs.close();
    expect(await served).toBe(N);
  });
});

/** A channel owned by main, closed and drained and so forgotten by main, kept as `name` on `pool`. */
async function forgottenOn(pool: WorkerPool, capacity: number): Promise<[ThreadChannel<number>, string]> {
  const name = fresh();
  const c = new ThreadChannel<number>(capacity, { zero: -1, name: 'gone' });
  await handTo(pool, name, c);
  expect(outgoing.get(c.threadId)).toBe(c);
  if (capacity > 0) await c.send(1); // the close below leaves it to drain
  c.close();
  if (capacity > 0) {
    expect(outgoing.get(c.threadId)).toBe(c); // its buffer still holds 1
    expect(await pool.go('opKept', name, 'recv')).toEqual({ value: 1, ok: true });
    // The receive that took the last value does not check; the next one, reading (zero, false), does.
    expect(await pool.go('opKept', name, 'recv')).toEqual({ value: -1, ok: false });
  }
  expect(outgoing.has(c.threadId)).toBe(false);
  return [c, name];
}

describe('a forgotten channel answers every operation as Go answers for a closed, drained channel', () => {
  it.each([0, 2])('from a worker, capacity %i', async (capacity) => {
    const [, name] = await forgottenOn(a, capacity);
    const op = (o: string, v?: unknown) => a.go('opKept', name, o, v);
    expect(await op('send', 5)).toMatch(/^SendOnClosedChannelError: send on closed channel$/);
    expect(await op('recv')).toEqual({ value: -1, ok: false });
    expect(await op('close')).toMatch(/^CloseOfClosedChannelError: close of closed channel$/);
    expect(await op('trySend', 5)).toMatch(/^SendOnClosedChannelError: send on closed channel$/);
    expect(await op('tryRecv')).toEqual({ value: -1, ok: false });
    expect(await op('len')).toBe(0);
    expect(await op('cap')).toBe(capacity);
    expect(await op('selectRecv')).toEqual({ index: 0, value: -1, ok: false });
    expect(await op('selectSend', 5)).toMatch(/^SendOnClosedChannelError: send on closed channel$/);
    expect(await op('selectRecvDefault')).toEqual({ index: 0, value: -1, ok: false });
    expect(await op('selectSendDefault', 5)).toMatch(/^SendOnClosedChannelError: send on closed channel$/);
    expect(await op('range')).toEqual([]);
  });

  it('a select on a worker mixing it with a live channel of main: its receive case is ready', async () => {
    const [, name] = await forgottenOn(a, 0);
    const live = new ThreadChannel<number>();
    await handTo(a, `${name}live`, live);
    expect(await a.go('selectKept', `${name}live`, name)).toEqual({ index: 1, value: -1, ok: false });
  });

  it('from a third worker, relayed by main, for a worker’s forgotten channel; and from main', async () => {
    const name = fresh();
    await a.go('makeMine', name, 1);
    const out = new ThreadChannel<{ c: RemoteChannel<number> }>(1);
    await a.go('sendMine', out, name);
    const c = (await out.recvValue())!.c;
    await handTo(b, name, c);
    const onB = (o: string, v?: unknown) => b.go('opKept', name, o, v);
    expect(await onB('send', 1)).toBe('sent');
    await a.go('closeIt', name);
    const held = (await a.go<{ held: number }>('registry')).held;
    expect(await onB('recv')).toEqual({ value: 1, ok: true });
    expect(await onB('recv')).toEqual({ value: undefined, ok: false }); // drained: A forgets it
    expect((await a.go<{ held: number }>('registry')).held).toBe(held - 1);
    expect(await onB('send', 2)).toMatch(/^SendOnClosedChannelError: send on closed channel$/);
    expect(await onB('recv')).toEqual({ value: undefined, ok: false });
    expect(await onB('selectRecv')).toEqual({ index: 0, value: undefined, ok: false });
    expect(await onB('selectSend', 2)).toMatch(/^SendOnClosedChannelError: send on closed channel$/);
    expect(await onB('range')).toEqual([]);
    expect(await onB('cap')).toBe(1);
    // Synchronous operations on another worker's channel are refused, forgotten or not.
    expect(await onB('tryRecv')).toMatch(/^OwnerThreadError/);
    // From main, directly.
    await expect(c.send(3)).rejects.toThrow('send on closed channel');
    expect(await c.recv()).toEqual({ value: undefined, ok: false });
    expect(await select([recv(c)])).toEqual({ index: 0, value: undefined, ok: false });
    await expect(select([send(c, 3)])).rejects.toThrow('send on closed channel');
  });

  it('closed by a worker’s close request with an empty buffer: forgotten at once', async () => {
    const c = new ThreadChannel<number>(1);
    const name = fresh();
    await handTo(a, name, c);
    expect(outgoing.get(c.threadId)).toBe(c);
    expect(await a.go('opKept', name, 'close')).toBe('closed');
    expect(outgoing.has(c.threadId)).toBe(false);
  });
});

describe('identity', () => {
  it('a forgotten channel still held here comes back as itself, and is not held again', async () => {
    const [c, name] = await forgottenOn(a, 0);
    const back = new ThreadChannel<{ c: unknown }>(1);
    const s = a.go('sendValueOfKept', back, name);
    expect((await back.recvValue())!.c).toBe(c);
    await s;
    expect(outgoing.has(c.threadId)).toBe(false);
  });

  it('one forgotten and collected here comes back as a closed channel with its id, capacity, name and zero', async () => {
    // In a function of its own, so that nothing here keeps the channel.
    const make = async (): Promise<[WeakRef<object>, number, string]> => {
      const [c, name] = await forgottenOn(a, 3);
      return [new WeakRef(c), c.threadId, name];
    };
    const [ref, id, name] = await make();
    const weakBefore = registrySizes().weak;
    expect(await collectUntil(() => ref.deref() === undefined && registrySizes().weak < weakBefore)).toBe(true);
    const back = new ThreadChannel<{ c: ThreadChannel<number> }>(1);
    const s = a.go('sendValueOfKept', back, name);
    const c = (await back.recvValue())!.c;
    await s;
    expect(c).toBeInstanceOf(ThreadChannel);
    expect([c.threadId, c.capacity, c.name, c.length]).toEqual([id, 3, 'gone', 0]);
    expect(await c.recv()).toEqual({ value: -1, ok: false });
    expect(() => c.close()).toThrow('close of closed channel');
    // The same again while it is held: the same object.
    const s2 = a.go('sendValueOfKept', back, name);
    expect((await back.recvValue())!.c).toBe(c);
    await s2;
    expect(mine(id, 3, 'gone', -1)).toBe(c);
  });

  it('a proxy on a worker: the same object while held; collected, with its entry, once dropped; a fresh one works', async () => {
    const c = new ThreadChannel<number>();
    const from = new ThreadChannel<{ c: unknown }>(3);
    await from.send({ c });
    await from.send({ c });
    const life = a.go<{ same: boolean; collected: boolean; entryGone: boolean }>('proxyLife', from, 7);
    await until(() => from.length === 0);
    await from.send({ c });
    expect(await c.recvValue()).toBe(7);
    expect(await life).toEqual({ same: true, collected: true, entryGone: true });
  });
});

describe('RemoteLink’s proxies, directly', () => {
  it('identity while held; the entry goes once the proxy is collected', async () => {
    const link = new RemoteLink(99, {} as Outbox, undefined, undefined);
    const h = { __changoThreadChannel: 5, capacity: 0, name: undefined, zero: undefined };
    const make = (): WeakRef<object> => {
      const p = link.channel(h);
      expect(link.channel(h)).toBe(p);
      return new WeakRef(p);
    };
    const ref = make();
    expect(link.proxyEntries).toBe(1);
    expect(await collectUntil(() => ref.deref() === undefined && link.proxyEntries === 0)).toBe(true);
    expect(link.channel(h)).toBeInstanceOf(RemoteChannel);
    expect(link.proxyEntries).toBe(1);
  });
});

/**
 * A value holding a channel of this thread, offered to another thread's channel and not taken:
 * a send aborted while parked, a send on a closed channel, a select whose other case committed, a
 * worker's `trySend` that would block or a select with `default` that took its default. Go lets
 * such a channel be collected once the program drops it; here its owner would hold it for other
 * threads (registry.ts) for as long as it runs, though no handle to it went anywhere: a loop
 * `select { case reqs <- request{n, reply}: ...; case <-timeout: }` with a fresh reply channel per
 * try held one per timeout. A value that was taken keeps its channels held (they work on the
 * receiving thread), also when the same channel was offered in vain alongside. And what held: a
 * proxy collected while a receive on it is parked loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadChannel, recv, select, send } from '../../src/threads/index.js';
import { SendOnClosedChannelError } from '../../src/channel/errors.js';
import type { RemoteChannel } from '../../src/threads/index.js';
import { registrySizes } from '../../src/threads/registry.js';
import { buildThreads } from './build.js';

const built = await buildThreads([], 'chanchan-worker.ts');
const a = built.pool();
beforeAll(async () => {
  await a.go('makeMine', 'first', 0);
});
afterAll(() => built.close());

let names = 0;

/** A channel made on A (kept there by name), as it arrives here inside a value. */
async function madeOnA<T>(capacity: number): Promise<[RemoteChannel<T>, string]> {
  const name = `o${++names}`;
  await a.go('makeMine', name, capacity);
  const out = new ThreadChannel<{ c: RemoteChannel<T> }>(1);
  await a.go('sendMine', out, name);
  return [(await out.recvValue())!.c, name];
}

const held = (): number => registrySizes().held;

describe('a value holding a channel of this thread, offered to a worker’s channel and not taken', () => {
  it('a send aborted while parked: the channel is not held', async () => {
    const [c, name] = await madeOnA<{ y: ThreadChannel<number> }>(0);
    const y = new ThreadChannel<number>();
    const before = held();
    const ctl = new AbortController();
    const p = c.send({ y }, { signal: ctl.signal });
    await a.go('untilParked', name, 'send');
    ctl.abort('stop');
    await expect(p).rejects.toBe('stop');
    expect(held()).toBe(before);
  });

  it('a send with a transfer list, aborted while parked: the channel is not held', async () => {
    const [c, name] = await madeOnA<{ y: ThreadChannel<number>; bytes: ArrayBuffer }>(0);
    const y = new ThreadChannel<number>();
    const before = held();
    const ctl = new AbortController();
    const bytes = new ArrayBuffer(8);
    const p = c.send({ y, bytes }, { signal: ctl.signal, transfer: [bytes] });
    await a.go('untilParked', name, 'send');
    ctl.abort('stop');
    await expect(p).rejects.toBe('stop');
    expect(held()).toBe(before);
  });

  it('a send and a select with an AbortSignal aborted at once: nothing enqueued, the channel not held', async () => {
    const [c, name] = await madeOnA<{ y: ThreadChannel<number> }>(1);
    const y = new ThreadChannel<number>();
    const before = held();
    const signal = AbortSignal.abort('now');
    await expect(c.send({ y }, { signal })).rejects.toBe('now');
    await expect(select([send(c, { y })], { signal })).rejects.toBe('now');
    expect(held()).toBe(before);
    expect(await a.go('queues', name)).toMatchObject({ length: 0 });
  });

  it('a send on a closed channel: the channel is not held', async () => {
    const [c, name] = await madeOnA<{ y: ThreadChannel<number> }>(1);
    await a.go('closeIt', name);
    const y = new ThreadChannel<number>();
    const before = held();
    await expect(c.send({ y })).rejects.toBeInstanceOf(SendOnClosedChannelError);
    expect(held()).toBe(before);
  });

  it('a select that committed its other case: the channel is not held, and the cases can be used again', async () => {
    const [c, cName] = await madeOnA<{ y: ThreadChannel<number> }>(0);
    const [d] = await madeOnA<number>(1);
    await d.send(1);
    const y = new ThreadChannel<number>();
    const before = held();
    const cases = [send(c, { y }), recv(d)] as const;
    expect(await select(cases)).toEqual({ index: 1, value: 1, ok: true });
    expect(held()).toBe(before);
    // The same case objects again, the send taken this time: y is held and works there.
    const got = a.go<unknown[]>('recvAll', cName, 1);
    expect((await select(cases)).index).toBe(0);
    expect(held()).toBe(before + 1);
    await got;
  });

  it('taken once and offered in vain once: still held, and it works on the receiving thread', async () => {
    const [c0, c0Name] = await madeOnA<{ c: ThreadChannel<number> }>(0);
    const [c1] = await madeOnA<{ c: ThreadChannel<number> }>(1);
    const y = new ThreadChannel<number>(1);
    const before = held();
    const ctl = new AbortController();
    const vain = c0.send({ c: y }, { signal: ctl.signal });
    await a.go('untilParked', c0Name, 'send');
    await c1.send({ c: y }); // taken: buffered on A
    ctl.abort('stop');
    await expect(vain).rejects.toBe('stop');
    expect(held()).toBe(before + 1);
    // A takes { c: y } from c1 and sends on y: the send reaches y here.
    const name = `o${++names}`;
    await a.go('keepFrom', name, c1);
    expect(await a.go('opKept', name, 'send', 7)).toBe('sent');
    expect(await y.recvValue()).toBe(7);
  });

  it('a worker’s trySend that would block and select that took its default: nothing held there', async () => {
    const full = new ThreadChannel<unknown>(1);
    await full.send(0);
    const name = `o${++names}`;
    const chans = new ThreadChannel<unknown>(1);
    const kept = a.go('keep', name, chans);
    await chans.send(full);
    await kept;
    const r = await a.go<{ results: unknown[]; before: number; after: number }>('offerInVain', name);
    expect(r.results).toEqual([false, 'default']);
    expect(r.after).toBe(r.before);
  });
});

describe('a proxy collected while an operation on it is parked (proxies are held weakly)', () => {
  it('the receive is not lost: it gets the value sent afterwards', async () => {
    const c = new ThreadChannel<number>();
    const from = new ThreadChannel<{ c: ThreadChannel<number> }>(1);
    const r = a.go<{ collected: boolean; entryGone: boolean }>('recvCollected', from);
    await from.send({ c });
    expect(await r).toEqual({ collected: true, entryGone: true });
    await c.send(9); // completes only with the parked receive on A
    expect(await a.go('parkedResult')).toEqual({ value: 9, ok: true });
  });
});

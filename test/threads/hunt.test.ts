/**
 * Channels inside values, attacked: the same channel many times in one value, as Map keys and Set
 * members, in cycles; selects over channels that arrived in values from two owners; a handle to a
 * dead worker's channel arriving after its death; a pool started on a worker thread (nested
 * pools, unsupported: a clear error, never a wrong channel or a hang); close seen through every
 * proxy. Threads: this one (main), worker A (pool `a`, thread 1: started first), worker B (pool
 * `b`) and, where a test needs one, a thread that dies or starts a pool of its own.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnerExitedError, RemoteChannel, ThreadChannel, WorkerPool, recv, select } from '../../src/threads/index.js';
import { Channel } from '../../src/channel/channel.js';
import { send as coreSend } from '../../src/select/cases.js';
import { select as coreSelect } from '../../src/select/select.js';
import { fcParams, until } from '../helpers.js';
import { buildThreads } from './build.js';
import { canon } from './canon.js';

const built = await buildThreads([], 'chanchan-worker.ts');
const a = built.pool();
const b = built.pool();
beforeAll(async () => {
  await a.go('makeMine', 'first', 0); // A is thread 1, B thread 2
  await b.go('makeMine', 'first', 0);
});
afterAll(() => built.close());

let names = 0;
const fresh = (): string => `h${++names}`;

/** `chans <- c` to a goroutine on `pool` that keeps what it receives as `name`. */
async function handTo(pool: WorkerPool, name: string, c: unknown): Promise<void> {
  const chans = new ThreadChannel<unknown>(1);
  const kind = pool.go('keep', name, chans);
  await chans.send(c);
  await kind;
}

/** A channel made on `pool`'s thread (kept there as `name`), as it arrives here inside a value. */
async function madeOn<T>(pool: WorkerPool, capacity: number): Promise<[RemoteChannel<T>, string]> {
  const name = fresh();
  await pool.go('makeMine', name, capacity);
  const out = new ThreadChannel<{ c: RemoteChannel<T> }>(1);
  await pool.go('sendMine', out, name);
  return [(await out.recvValue())!.c, name];
}

/** The value shapeOf takes apart: `c` many times, as a Map key and value, in a Set, in a cycle. */
function shaped(c: unknown): Record<string, unknown> {
  const v: Record<string, unknown> = { c, list: [c, c], m: new Map([[c, c]]), s: new Set([c, c]) };
  v.self = v;
  return v;
}

const SHAPE = { list: true, map: true, set: true, self: true };

describe('one channel many times in one value, as Map keys and Set members, in a cycle', () => {
  it('main’s channel, to A: one RemoteChannel everywhere, the cycle kept, and it works', async () => {
    const c = new ThreadChannel<number>();
    const from = new ThreadChannel<Record<string, unknown>>(1);
    const r = a.go('shapeOf', from, 5);
    await from.send(shaped(c));
    expect(await c.recvValue()).toBe(5);
    expect(await r).toEqual({ kind: 'RemoteChannel', ...SHAPE });
  });

  it('A’s channel, to B (relayed) and back to A (its own ThreadChannel)', async () => {
    const [c, name] = await madeOn<number>(a, 1);
    const from = new ThreadChannel<Record<string, unknown>>(1);
    const onB = b.go('shapeOf', from, 6);
    await from.send(shaped(c));
    expect(await onB).toEqual({ kind: 'RemoteChannel', ...SHAPE });
    expect(await a.go('recvAll', name, 1)).toEqual([6]);
    const onA = a.go('shapeOf', from, 7);
    await from.send(shaped(c));
    expect(await onA).toEqual({ kind: 'ThreadChannel', ...SHAPE });
    expect(await c.recvValue()).toBe(7);
  });

  it('a worker’s trySend of a value holding a channel made there: the channel arrives and works', async () => {
    const out = new ThreadChannel<{ c: RemoteChannel<number> }>(1);
    const name = fresh();
    await handTo(a, name, out);
    const made = fresh();
    expect(await a.go('trySendNewInside', name, made)).toBe(true);
    const c = (await out.recvValue())!.c;
    expect(c).toBeInstanceOf(RemoteChannel);
    await c.send(3);
    expect(await a.go('recvAll', made, 1)).toEqual([3]);
  });
});

describe('select over channels that arrived in values, from two owners', () => {
  it('on a worker: a TypeError, as documented; over one owner’s, it works', async () => {
    const mainCh = new ThreadChannel<number>(1);
    const [bCh] = await madeOn<number>(b, 1);
    const x = fresh();
    const y = fresh();
    await handTo(a, x, mainCh);
    await handTo(a, y, bCh);
    expect(await a.go('selectTwo', x, y)).toMatch(
      /^TypeError: select over cross-thread channels takes channels of one owner thread/,
    );
    const z = fresh();
    const mainCh2 = new ThreadChannel<number>(1);
    await handTo(a, z, mainCh2);
    await mainCh2.send(4);
    expect(await a.go('selectTwo', x, z)).toEqual({ index: 1, value: 4, ok: true });
  });

  it('on main: two workers’ channels, or a worker’s and main’s own: a TypeError', async () => {
    const [aCh] = await madeOn<number>(a, 1);
    const [bCh] = await madeOn<number>(b, 1);
    expect(() => select([recv(aCh), recv(bCh)])).toThrow(/channels of one owner thread/);
    expect(() => select([recv(aCh), recv(new ThreadChannel<number>())])).toThrow(/takes cross-thread channels only/);
  });
});

describe('a handle to a dead worker’s channel, arriving after the death', () => {
  it('received later from a buffer, here and on B: OwnerExitedError, never an internal error or a hang', async () => {
    const doomed = built.pool();
    const name = fresh();
    await doomed.go('makeMine', name, 0);
    const box = new ThreadChannel<{ c: RemoteChannel<number> }>(2);
    await doomed.go('sendMine', box, name, 2); // two values holding it, left in box's buffer
    await expect(doomed.go('exitNow', 5)).rejects.toThrow(/exited with code 5/);
    const c = (await box.recvValue())!.c;
    await expect(c.send(1)).rejects.toBeInstanceOf(OwnerExitedError);
    await expect(c.recv()).rejects.toBeInstanceOf(OwnerExitedError);
    await expect(select([recv(c)])).rejects.toBeInstanceOf(OwnerExitedError);
    const k = fresh();
    expect(await b.go('keepFrom', k, box)).toBe('kept');
    expect(await b.go('opKept', k, 'send', 1)).toMatch(/^OwnerExitedError: .*code 5/);
    expect(await b.go('opKept', k, 'recv')).toMatch(/^OwnerExitedError: .*code 5/);
    expect(await b.go('opKept', k, 'selectRecv')).toMatch(/^OwnerExitedError: .*code 5/);
  });
});

describe('close seen through every proxy', () => {
  it('receivers parked on main, on A (direct) and on B (in a value) all read (zero, false)', async () => {
    const c = new ThreadChannel<number>(0, { zero: -1 });
    const x = fresh();
    const y = fresh();
    await handTo(a, x, c);
    const box = new ThreadChannel<unknown>(1);
    await box.send({ c });
    expect(await b.go('keepFrom', y, box)).toBe('kept');
    const here = c.recv();
    const onA = a.go('recvKept', x, 1);
    const onB = b.go('recvKept', y, 1);
    await until(() => {
      let n = 0;
      for (let w = c.recvq.first; w !== null; w = w.next) n++;
      return n === 3;
    });
    c.close();
    const closed = { value: -1, ok: false };
    expect(await here).toEqual(closed);
    expect(await onA).toEqual([closed]);
    expect(await onB).toEqual([closed]);
  });
});

describe('nested pools (a pool started on a worker thread): unsupported for channels inside values, and said so', () => {
  it('a channel made on a nested pool’s thread, sent inside a value: the send fails at once, naming nested pools', async () => {
    const w = built.pool();
    const out = new ThreadChannel<unknown>(1);
    expect(await w.go('nested', 'sendNewInside', out)).toMatch(/nested pool/);
    expect(out.length).toBe(0);
    await w.go('closeNested');
  });

  it('a thread with a nested pool uses the channels of main’s pool it receives in values: they reach their owner', async () => {
    const w = built.pool();
    // The nested pool's first thread would take number 1 on w: A's number.
    expect(await w.go('nested', 'registry')).toEqual({ held: 0, weak: 0 });
    const [aCh, name] = await madeOn<number>(a, 1);
    const k = fresh();
    const box = new ThreadChannel<unknown>(1);
    await box.send({ c: aCh });
    expect(await w.go('keepFrom', k, box)).toBe('kept');
    expect(await w.go('opKept', k, 'send', 8)).toBe('sent');
    expect(await a.go('recvAll', name, 1)).toEqual([8]);
    await w.go('closeNested');
  });

  it('a nested pool’s channel sent inside a value by the thread that started the pool: the send fails at once', async () => {
    const w = built.pool();
    const out = new ThreadChannel<unknown>(1);
    expect(await w.go('sendNestedInside', out)).toMatch(/^TypeError: .*nested pool/);
    expect(out.length).toBe(0);
    await w.go('closeNested');
  });

  it('a server on a nested pool’s thread, sent a request holding its reply channel: the server fails with the clear error', async () => {
    const w = built.pool();
    const reqs = new ThreadChannel<unknown>();
    const served = w.go('nested', 'server', reqs); // channels as arguments of go() reach it
    await reqs.send({ num: 1, reply: new ThreadChannel<number>() });
    expect(await served).toMatch(/^TypeError: .*nested pool/);
    await w.go('closeNested');
  });

  it('a value holding main’s channel received on a nested pool’s thread: a clear error, not a wrong channel', async () => {
    const w = built.pool();
    const from = new ThreadChannel<unknown>(1);
    await from.send({ c: new ThreadChannel<number>() });
    expect(await w.go('nested', 'keepFrom', 'x', from)).toMatch(/nested pool/);
    await w.go('closeNested');
  });
});

/** A shape of value: where channels c0 (main's) and c1 (A's) sit, among arrays, objects, Maps, Sets and a cycle. */
type Shape =
  | { readonly k: 'c0' | 'c1' | 'self' }
  | { readonly k: 'n'; readonly n: number }
  | { readonly k: 'arr' | 'obj' | 'set'; readonly cs: readonly Shape[] }
  | { readonly k: 'map'; readonly es: readonly (readonly [Shape, Shape])[] };

const shapes: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Shape>({ k: 'c0' }, { k: 'c1' }, { k: 'self' }),
    fc.integer({ min: 0, max: 9 }).map((n): Shape => ({ k: 'n', n })),
    fc.array(tie('node'), { maxLength: 4 }).map((cs): Shape => ({ k: 'arr', cs })),
    fc.array(tie('node'), { maxLength: 4 }).map((cs): Shape => ({ k: 'obj', cs })),
    fc.array(tie('node'), { maxLength: 3 }).map((cs): Shape => ({ k: 'set', cs })),
    fc.array(fc.tuple(tie('node'), tie('node')), { maxLength: 3 }).map((es): Shape => ({ k: 'map', es })),
  ),
})).node;

/** The value of a shape: `{ v }`, so that `self` has an object to point at. */
function build(s: Shape, c0: unknown, c1: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const make = (x: Shape): unknown => {
    switch (x.k) {
      case 'c0':
        return c0;
      case 'c1':
        return c1;
      case 'self':
        return root;
      case 'n':
        return x.n;
      case 'arr':
        return x.cs.map(make);
      case 'obj':
        return Object.fromEntries(x.cs.map((c, i) => [`p${i}`, make(c)]));
      case 'set':
        return new Set(x.cs.map(make));
      case 'map':
        return new Map(x.es.map(([key, e]) => [make(key), make(e)]));
    }
  };
  root.v = make(s);
  return root;
}

describe('channels placed at random inside values, across three threads (property)', () => {
  it('what the receiver finds is what was sent: the same channels, shared parts and cycles, through any forwarder', async () => {
    const thread = fc.constantFrom('main', 'a', 'b');
    const on = (t: string): WorkerPool => (t === 'a' ? a : b);
    await fc.assert(
      fc.asyncProperty(shapes, thread, thread, async (shape, via, to) => {
        const c0 = new ThreadChannel<number>(1);
        const [c1] = await madeOn<number>(a, 1);
        // The receiver's references to c0 and c1, by which it names what it finds.
        const refs: string[] = [];
        if (to !== 'main') {
          for (const c of [c0, c1]) {
            const name = fresh();
            const box = new ThreadChannel<unknown>(1);
            await box.send({ c });
            expect(await on(to).go('keepFrom', name, box)).toBe('kept');
            refs.push(name);
          }
        }
        const value = build(shape, c0, c1);
        const isChannel = (x: object): boolean => x instanceof ThreadChannel || x instanceof RemoteChannel;
        const expected = canon(value, (x) => (x === c0 ? 'c0' : x === c1 ? 'c1' : undefined), isChannel);
        const first = new ThreadChannel<unknown>(1);
        const last = new ThreadChannel<unknown>(1);
        await first.send(value);
        if (via === 'main') await last.send(await first.recvValue());
        else await on(via).go('forward', first, last);
        const got =
          to === 'main'
            ? canon(await last.recvValue(), (x) => (x === c0 ? 'c0' : x === c1 ? 'c1' : undefined), isChannel)
            : await on(to).go('canonFrom', last, refs[0], refs[1]);
        expect(got).toEqual(expected);
      }),
      fcParams(20),
    );
  });
});

describe('a value that cannot be cloned to the worker, taken by a worker’s tryRecv or select (entered uncopied)', () => {
  // chango's core `send` case leaves a ThreadChannel's value uncopied (documented): a value holding
  // a local Channel gets in, and a worker that takes it gets the clone error, as a receive does.
  const bad = () => ({ local: new Channel<number>() });

  it('tryRecv: DataCloneError, not "would block" with the value gone in silence', async () => {
    const c = new ThreadChannel<unknown>(1);
    const name = fresh();
    await handTo(a, name, c);
    await coreSelect([coreSend(c, bad())]);
    expect(await a.go('opKept', name, 'tryRecv')).toMatch(/^DataCloneError: .*ThreadChannel/);
  });

  it('select with default over a receive case: DataCloneError', async () => {
    const c = new ThreadChannel<unknown>(1);
    const name = fresh();
    await handTo(a, name, c);
    await coreSelect([coreSend(c, bad())]);
    expect(await a.go('opKept', name, 'selectRecvDefault')).toMatch(/^DataCloneError: .*ThreadChannel/);
  });

  it('select ready at once, and select parked then woken: DataCloneError, and the owner carries on', async () => {
    const c = new ThreadChannel<unknown>(1);
    const name = fresh();
    await handTo(a, name, c);
    await coreSelect([coreSend(c, bad())]);
    expect(await a.go('opKept', name, 'selectRecv')).toMatch(/^DataCloneError: .*ThreadChannel/);
    const parked = a.go('opKept', name, 'selectRecv');
    await until(() => c.recvq.first !== null);
    await coreSelect([coreSend(c, bad())]);
    expect(await parked).toMatch(/^DataCloneError: .*ThreadChannel/);
    await c.send(1);
    expect(await a.go('opKept', name, 'selectRecv')).toEqual({ index: 0, value: 1, ok: true });
  });
});

describe('nested pools: channels of the main thread handed on, as arguments of go(), to a nested pool’s goroutine', () => {
  it('its send and receive reach main (relayed by the parent); its synchronous operations are refused, not a crash', async () => {
    const w = built.pool();
    const c = new ThreadChannel<number>(1);
    expect(await w.go('nested', 'errorOf', c, 'send')).toBe('no error');
    expect(c.length).toBe(1);
    expect(await w.go('nested', 'errorOf', c, 'recv')).toBe('no error');
    expect(c.length).toBe(0);
    for (const op of ['trySend', 'tryRecv', 'close', 'length', 'selectDefault'])
      expect(await w.go('nested', 'errorOf', c, op)).toMatch(/^OwnerThreadError/);
    expect(c.closed).toBe(false);
    // One select over main's channel (relayed) and the parent's own: two owners, a TypeError.
    expect(await w.go('nestedSelectMixed', c)).toMatch(/^TypeError: .*one owner thread/);
    await w.go('closeNested');
  });
});

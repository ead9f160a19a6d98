/**
 * Worker functions for test/threads/chanchan.test.ts: channels that arrive inside values (Go's
 * `chan chan T`, a request carrying its reply channel), kept by name on this thread and used by
 * the test's goroutines here. Builds on owned-worker.ts (channels made here, by name).
 */
import type { RecvChannel, SendChannel } from '../../src/channel/types.js';
import { Channel } from '../../src/channel/channel.js';
import v8 from 'node:v8';
import vm from 'node:vm';
import { RemoteChannel, ThreadChannel, WorkerPool, recv, select, send } from '../../src/threads/index.js';
import { owners, registrySizes } from '../../src/threads/registry.js';
import type { RemoteLink } from '../../src/threads/remote.js';
import { canon, type Canon } from './canon.js';

export * from './owned-worker.js';
import { make, opUntil } from './owned-worker.js';

/** A request of Go's request/reply pattern: `type request struct { n int; reply chan int }`. */
export interface Request {
  readonly num: number;
  readonly reply: SendChannel<number>;
}

type Both = SendChannel<unknown> & RecvChannel<unknown>;

const kept = new Map<string, Both>();

function k(name: string): Both {
  const c = kept.get(name);
  if (c === undefined) throw new Error(`no kept channel ${name}`);
  return c;
}

/** `func server(reqs chan request) { for r := range reqs { r.reply <- r.n * 2 } }` (`num`: the build shortens `n`): how many it served. */
export async function server(reqs: RecvChannel<Request>): Promise<number> {
  let served = 0;
  for await (const r of reqs) {
    await r.reply.send(r.num * 2);
    served++;
  }
  return served;
}

/**
 * A client on this thread: `reply := make(chan int); reqs <- request{n, reply}; <-reply` for each
 * n, with the reply channel made here (so the server, on another thread, sends on a channel of
 * this one).
 */
export async function client(reqs: SendChannel<Request>, ns: number[]): Promise<number[]> {
  const reply = new ThreadChannel<number>();
  const got: number[] = [];
  for (const n of ns) {
    await reqs.send({ num: n, reply });
    got.push((await reply.recvValue()) as number);
  }
  return got;
}

/** `c := <-chans; kept[name] = c`: which kind of channel it arrived as. */
export async function keep(name: string, chans: RecvChannel<Both>): Promise<string> {
  const c = (await chans.recvValue()) as Both;
  kept.set(name, c);
  return c instanceof ThreadChannel ? 'ThreadChannel' : c instanceof RemoteChannel ? 'RemoteChannel' : typeof c;
}

/** Receives `n` values holding channels and keeps the channels found in them, in order, as `name0`, `name1`, ... */
export async function keepAll(name: string, from: RecvChannel<unknown>, n: number): Promise<void> {
  let i = 0;
  const found = (v: unknown): void => {
    if (v instanceof ThreadChannel || v instanceof RemoteChannel) kept.set(`${name}${i++}`, v as Both);
    else if (v instanceof Map)
      for (const [a, b] of v) {
        found(a);
        found(b);
      }
    else if (v instanceof Set) for (const a of v) found(a);
    else if (typeof v === 'object' && v !== null) for (const a of Object.values(v)) found(a);
  };
  for (let j = 0; j < n; j++) found(await from.recvValue());
}

/** Whether kept channels are the same objects (identity kept on this thread). */
export function same(a: string, b: string): boolean {
  return k(a) === k(b);
}

/** Whether kept channel `name` is this thread's own channel `own` (made here by owned-worker's make), or `c`. */
export function isKept(name: string, c: unknown): boolean {
  return k(name) === c;
}

/** `for _, v := range values { c <- v }` on a kept channel, then closes it if asked. */
export async function sendKept(name: string, values: unknown[], close = false): Promise<void> {
  const c = k(name);
  for (const v of values) await c.send(v);
  if (close) c.close();
}

/** `v, ok := <-c`, `n` times, on a kept channel. */
export async function recvKept(name: string, n: number): Promise<unknown[]> {
  const c = k(name);
  const got: unknown[] = [];
  for (let i = 0; i < n; i++) got.push(await c.recv());
  return got;
}

/** `for v := range c` on a kept channel. */
export async function drainKept(name: string): Promise<unknown[]> {
  const got: unknown[] = [];
  for await (const v of k(name)) got.push(v);
  return got;
}

/** An operation on a kept channel: what it did, or the error it met (name and message). */
export async function opKept(name: string, op: string, v?: unknown): Promise<unknown> {
  const c = k(name);
  try {
    if (op === 'send') return (await c.send(v), 'sent');
    if (op === 'recv') return await c.recv();
    if (op === 'close') return (c.close(), 'closed');
    if (op === 'trySend') return c.trySend(v);
    if (op === 'tryRecv') return c.tryRecv() ?? 'would block';
    if (op === 'len') return c.length;
    if (op === 'cap') return c.capacity;
    if (op === 'selectRecv') return await select([recv(c)]);
    if (op === 'selectSend') return await select([send(c, v)]);
    if (op === 'selectRecvDefault') return await select([recv(c)], { default: () => 'default' });
    if (op === 'selectSendDefault') return await select([send(c, v)], { default: () => 'default' });
    if (op === 'range') {
      const got: unknown[] = [];
      for await (const x of c) got.push(x);
      return got;
    }
    return 'no such op';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** A receive (or send of `v`) on a kept channel, aborted once `stop` yields a value. */
export function opKeptUntil(
  name: string,
  stop: RecvChannel<unknown>,
  side: 'send' | 'recv',
  v?: unknown,
): Promise<unknown> {
  return opUntil(k(name), stop, side, v);
}

/** `select { case v := <-a: ...; case v := <-b: ... }` over kept channels: which case, and what. */
export async function selectKept(a: string, b: string): Promise<unknown> {
  return select([recv(k(a)), recv(k(b))]);
}

/** Sends, on `out`, a value holding a local Channel: the error met, and whether `out` still works. */
export async function sendLocalInside(out: SendChannel<unknown>): Promise<string> {
  try {
    await out.send({ c: new Channel<number>() });
    return 'sent';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

const mine = new Map<string, ThreadChannel<unknown>>();

/** `make(chan T, capacity)` here, as owned-worker's make (its queues and untilParked see it), kept as mine. */
export function makeMine(name: string, capacity: number): ThreadChannel<unknown> {
  const c = make(name, capacity);
  mine.set(name, c);
  return c;
}

/** Sends my channel `name` inside a value (`{ c }`) on `out`, `times` times. */
export async function sendMine(out: SendChannel<unknown>, name: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await out.send({ c: mine.get(name) });
}

/** Whether kept channel `name` is my channel `made`: the owner's own ThreadChannel, not a proxy. */
export function keptIsMine(name: string, made: string): boolean {
  return k(name) === mine.get(made);
}

/** `go server(cfg.reqs)`: the channel inside an argument of go(). */
export function serverIn(cfg: { readonly reqs: RecvChannel<Request> }): Promise<number> {
  return server(cfg.reqs);
}

/** Sends `{ c, bytes }` on `out` with `buf` moved (a transfer list): `c` is my channel `name`, or the one given. */
export async function sendMoving(out: SendChannel<unknown>, name: string, given?: unknown): Promise<number> {
  const buf = new Uint8Array([1, 2, 3]).buffer;
  await out.send({ c: given ?? mine.get(name), bytes: buf }, { transfer: [buf] } as never);
  return buf.byteLength; // 0 once moved
}

// ---- lifetime (test/threads/lifetime.test.ts) ----------------------------------------------

/** This thread's registry: its channels held for other threads, and those remembered weakly. */
export function registry(): { held: number; weak: number } {
  return { ...registrySizes() };
}

/** How many proxies of the main thread's channels (and of the channels it relays) this thread has an entry for. */
export function proxyEntries(): number {
  return (owners.get(0) as RemoteLink).proxyEntries;
}

/**
 * A client making a fresh reply channel per request, here (Go's `reply := make(chan int)`), and
 * closing it once answered if `close` (as a TypeScript program should): the answers.
 */
export async function clientFresh(reqs: SendChannel<Request>, ns: number[], close: boolean): Promise<number[]> {
  const got: number[] = [];
  for (const n of ns) {
    const reply = new ThreadChannel<number>();
    await reqs.send({ num: n, reply });
    got.push((await reply.recvValue()) as number);
    if (close) reply.close();
  }
  return got;
}

/** Sends `{ c }` on `out`, `c` being kept channel `name`. */
export async function sendValueOfKept(out: SendChannel<unknown>, name: string): Promise<void> {
  await out.send({ c: k(name) });
}

/** Go's full garbage collection, on this thread (Node: the flag is set at run time). */
export function collect(): void {
  gc();
}

let gcFn: (() => void) | undefined;
function gc(): void {
  if (gcFn === undefined) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
}

/**
 * A channel arrives inside a value on `from` twice while the first proxy of it is held, then again
 * after that proxy was dropped and collected: whether the held one was kept (identity), whether it
 * was collected and its entry with it, and then a send of `value` on the fresh proxy.
 */
export async function proxyLife(
  from: RecvChannel<{ c: Both }>,
  value: number,
): Promise<{ same: boolean; collected: boolean; entryGone: boolean }> {
  const link = owners.get(0) as RemoteLink;
  const entries = (link as unknown as { channels: Map<number, unknown> }).channels;
  // In a function of its own, so that nothing on this frame keeps the first proxy.
  const first = async (): Promise<[WeakRef<object>, boolean, number]> => {
    const p1 = (await from.recvValue())!.c;
    const p2 = (await from.recvValue())!.c;
    return [new WeakRef(p1), p1 === p2, (p1 as RemoteChannel<unknown>).threadId];
  };
  const [ref, same, id] = await first();
  let collected = false;
  for (let i = 0; i < 100 && !(collected && !entries.has(id)); i++) {
    await new Promise((r) => setImmediate(r));
    gc();
    collected = ref.deref() === undefined;
  }
  const entryGone = !entries.has(id);
  const p3 = (await from.recvValue())!.c;
  await p3.send(value);
  return { same, collected, entryGone };
}

// ---- hunt (test/threads/hunt.test.ts) ------------------------------------------------------

const errorText = (e: unknown): string => `${(e as Error).name}: ${(e as Error).message}`;

let nestedPool: WorkerPool | undefined;

/** Runs `fn(...args)` on a pool of this module started on this thread (a nested pool): its result, or its error. */
export async function nested(fn: string, ...args: unknown[]): Promise<unknown> {
  nestedPool ??= new WorkerPool(import.meta.url, { size: 1, execArgv: ['--enable-source-maps'] });
  try {
    return await nestedPool.go(fn, ...args);
  } catch (e) {
    return errorText(e);
  }
}

export async function closeNested(): Promise<void> {
  await nestedPool?.close();
  nestedPool = undefined;
}

/** Sends `{ c }` on `out`, `c` a channel made here: 'sent', or the error. */
export async function sendNewInside(out: SendChannel<unknown>): Promise<string> {
  try {
    await out.send({ c: new ThreadChannel<number>() });
    return 'sent';
  } catch (e) {
    return errorText(e);
  }
}

/** Receives a value on `from` and keeps the first channel found in it as `name`: 'kept', or the error. */
export async function keepFrom(name: string, from: RecvChannel<{ c: Both }>): Promise<string> {
  try {
    const v = await from.recvValue();
    kept.set(name, v!.c);
    return 'kept';
  } catch (e) {
    return errorText(e);
  }
}

/** `select { case <-a: case <-b: }` over kept channels: its result, or the error it throws. */
export async function selectTwo(a: string, b: string): Promise<unknown> {
  try {
    return await select([recv(k(a)), recv(k(b))]);
  } catch (e) {
    return errorText(e);
  }
}

/**
 * Receives on `from` a value `{ c, list: [c, c], m: Map{c => c}, s: Set{c}, self }` (a cycle
 * through it) and tells what arrived: one channel everywhere, the cycle kept; then sends `v` on it.
 */
export async function shapeOf(from: RecvChannel<Record<string, unknown>>, v: number): Promise<unknown> {
  const x = (await from.recvValue())!;
  const c = x.c as Both;
  const list = x.list as unknown[];
  const m = x.m as Map<unknown, unknown>;
  const s = x.s as Set<unknown>;
  const r = {
    kind: c instanceof RemoteChannel ? 'RemoteChannel' : c instanceof ThreadChannel ? 'ThreadChannel' : typeof c,
    list: list.every((e) => e === c),
    map: m.size === 1 && m.get(c) === c,
    set: s.size === 1 && s.has(c),
    self: x.self === x,
  };
  await c.send(v);
  return r;
}

/** A trySend on kept channel `name` of `{ c }`, `c` a channel made here: the result or the error; the channel made is kept as `made`. */
export function trySendNewInside(name: string, made: string): unknown {
  const c = make(made, 1);
  try {
    return k(name).trySend({ c });
  } catch (e) {
    return errorText(e);
  }
}

/** Sends `{ c }` on `out`, `c` a channel made on this thread's nested pool's thread: 'sent', or the error. */
export async function sendNestedInside(out: SendChannel<unknown>): Promise<string> {
  nestedPool ??= new WorkerPool(import.meta.url, { size: 1, execArgv: ['--enable-source-maps'] });
  const c = await nestedPool.go<RemoteChannel<number>>('makeMine', 'nestedOut', 0);
  try {
    await out.send({ c });
    return 'sent';
  } catch (e) {
    return errorText(e);
  }
}

/** Receives a value on `from` and writes it out (canon.ts), naming kept channels `ref0` and `ref1` c0 and c1. */
export async function canonFrom(from: RecvChannel<unknown>, ref0: string, ref1: string): Promise<Canon> {
  const v = await from.recvValue();
  const c0 = k(ref0);
  const c1 = k(ref1);
  return canon(
    v,
    (x) => (x === c0 ? 'c0' : x === c1 ? 'c1' : undefined),
    (x) => x instanceof ThreadChannel || x instanceof RemoteChannel,
  );
}

/** `to <- <-from`: the value received here, sent on as it is. */
export async function forward(from: RecvChannel<unknown>, to: SendChannel<unknown>): Promise<void> {
  await to.send(await from.recvValue());
}

/** `select { case <-x: case <-y: }`: its result, or the error it throws. */
export async function selectOf(x: RecvChannel<unknown>, y: RecvChannel<unknown>): Promise<unknown> {
  try {
    return await select([recv(x), recv(y)]);
  } catch (e) {
    return errorText(e);
  }
}

/** On this thread's nested pool: a select over `x` (handed on) and a channel of this thread, holding 1. */
export async function nestedSelectMixed(x: RecvChannel<unknown>): Promise<unknown> {
  const own = new ThreadChannel<number>(1);
  await own.send(1);
  return nested('selectOf', x, own);
}

// ---- offered and not taken (test/threads/offered.test.ts) -----------------------------------

/**
 * On kept channel `name` (full): a `trySend` and a `select` with `default` of a value holding a
 * channel made here, neither taken: what each returned, and how many of this thread's channels
 * are held for other threads before and after.
 */
export async function offerInVain(name: string): Promise<{ results: unknown[]; before: number; after: number }> {
  const c = k(name);
  const before = registrySizes().held;
  const results: unknown[] = [c.trySend({ c: new ThreadChannel<number>() })];
  results.push(await select([send(c, { c: new ThreadChannel<number>() })], { default: () => 'default' }));
  return { results, before, after: registrySizes().held };
}

/** The receive {@link recvCollected} left parked. */
let parked: Promise<unknown> | undefined;

/**
 * Receives `{ c }` on `from` and parks a receive on `c` with nothing here holding the proxy, which
 * is then collected (with its entry) while the receive waits: whether it was. {@link parkedResult}
 * gives what the receive gets.
 */
export async function recvCollected(
  from: RecvChannel<{ c: Both }>,
): Promise<{ collected: boolean; entryGone: boolean }> {
  const entries = (owners.get(0) as unknown as { channels: Map<number, unknown> }).channels;
  // In a function of its own, so that nothing on this frame keeps the proxy.
  const start = async (): Promise<[WeakRef<object>, number]> => {
    const c = (await from.recvValue())!.c;
    parked = c.recv();
    return [new WeakRef(c), (c as RemoteChannel<unknown>).threadId];
  };
  const [ref, id] = await start();
  let collected = false;
  for (let i = 0; i < 100 && !(collected && !entries.has(id)); i++) {
    await new Promise((r) => setImmediate(r));
    gc();
    collected = ref.deref() === undefined;
  }
  return { collected, entryGone: !entries.has(id) };
}

/** What the receive {@link recvCollected} parked got. */
export function parkedResult(): Promise<unknown> | undefined {
  return parked;
}

/** A goroutine here that exits this thread (`code`) as soon as it receives on my channel `name`. */
export function exitOnRecv(name: string, code: number): void {
  void (mine.get(name) as ThreadChannel<unknown>).recv().then(() => process.exit(code));
}

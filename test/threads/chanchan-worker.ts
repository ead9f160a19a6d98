/**
 * Worker functions for test/threads/chanchan.test.ts: channels that arrive inside values (Go's
 * `chan chan T`, a request carrying its reply channel), kept by name on this thread and used by
 * the test's goroutines here. Builds on owned-worker.ts (channels made here, by name).
 */
import type { RecvChannel, SendChannel } from '../../src/channel/types.js';
import { Channel } from '../../src/channel/channel.js';
import { RemoteChannel, ThreadChannel, recv, select } from '../../src/threads/index.js';

export * from './owned-worker.js';
import { make } from './owned-worker.js';

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
    return 'no such op';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** A receive (or send of `v`) on a kept channel, aborted once `stop` yields a value. */
export async function opKeptUntil(
  name: string,
  stop: RecvChannel<unknown>,
  side: 'send' | 'recv',
  v?: unknown,
): Promise<unknown> {
  const c = k(name);
  const ctl = new AbortController();
  const p = side === 'send' ? c.send(v, { signal: ctl.signal }).then(() => 'sent') : c.recv({ signal: ctl.signal });
  void stop.recv().then(() => ctl.abort('stop'));
  try {
    return { completed: await p };
  } catch (e) {
    return { aborted: e };
  }
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

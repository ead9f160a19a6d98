/**
 * Worker functions for test/threads/owned.test.ts: channels created on a worker thread (owned
 * there) and returned to the test's thread, with the worker's own goroutines on them. One pool
 * thread per test file, so every call reaches the same thread and the same `chans`.
 */
import type { RecvChannel, SendChannel } from '../../src/channel/types.js';
import type { Channel } from '../../src/channel/channel.js';
import { ThreadChannel } from '../../src/threads/index.js';
import { selectDefault } from './worker.js';

const chans = new Map<string, ThreadChannel<unknown>>();
const log: unknown[] = [];

function ch(name: string): ThreadChannel<unknown> {
  const c = chans.get(name);
  if (c === undefined) throw new Error(`no channel ${name}`);
  return c;
}

/** `make(chan T, capacity)` here, kept under `name`, returned to the caller's thread. */
export function make(name: string, capacity: number, zero?: unknown): ThreadChannel<unknown> {
  const c = new ThreadChannel<unknown>(capacity, zero === undefined ? undefined : { zero });
  chans.set(name, c);
  return c;
}

/** `go func() { for _, v := range values { ch <- v; log(v) }; if close { close(ch) } }()`. */
export function sendLater(name: string, values: unknown[], close: boolean): void {
  const c = ch(name);
  void (async () => {
    for (const v of values) {
      await c.send(v);
      log.push(['sent', v]);
    }
    if (close) c.close();
  })();
}

/** `go func() { for i := 0; i < n; i++ { log(<-ch) } }()`. */
export function recvLater(name: string, n: number): void {
  const c = ch(name);
  void (async () => {
    for (let i = 0; i < n; i++) log.push(['received', await c.recv()]);
  })();
}

/** What the worker's goroutines have done so far, emptied. */
export function takeLog(): unknown[] {
  return log.splice(0);
}

export function closeIt(name: string): void {
  ch(name).close();
}

/** Waits, on the owner, until the channel has a parked sender (or receiver): ordered by state, not time. */
export async function untilParked(name: string, side: 'send' | 'recv'): Promise<void> {
  const c = ch(name) as unknown as Channel<unknown>;
  while ((side === 'send' ? c.sendq.first : c.recvq.first) === null) await new Promise((r) => setImmediate(r));
}

export function queues(name: string): { senders: boolean; receivers: boolean; length: number } {
  const c = ch(name) as unknown as Channel<unknown>;
  return { senders: c.sendq.first !== null, receivers: c.recvq.first !== null, length: c.length };
}

/** Ping-pong with each channel owned by its sender: `for v := range ping { pong <- v + 1 }`, pong made here. */
export function startPong(ping: RecvChannel<number>): ThreadChannel<number> {
  const pong = new ThreadChannel<number>();
  void (async () => {
    for await (const v of ping) await pong.send(v + 1);
    pong.close();
  })();
  return pong;
}

/** Tries to send a channel made here as a value on the caller's channel: the error's name and message. */
export async function sendOwnChannel(out: SendChannel<unknown>): Promise<string> {
  try {
    await out.send(new ThreadChannel<number>());
    return 'sent';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** Returns the channel it was given (a channel of the caller's thread): cannot cross back. */
export function returnGiven(c: RecvChannel<unknown>): RecvChannel<unknown> {
  return c;
}

export function exitNow(code: number): void {
  process.exit(code);
}

/** `for i := 0; i < n; i++ { got = append(got, <-ch) }`, as this goroutine's result. */
export async function recvAll(name: string, n: number): Promise<unknown[]> {
  const c = ch(name);
  const got: unknown[] = [];
  for (let i = 0; i < n; i++) got.push(await c.recvValue());
  return got;
}

/** A channel whose zero value cannot be cloned: it cannot be handed over. */
export function makeUncloneableZero(): ThreadChannel<() => number> {
  return new ThreadChannel<() => number>(0, { zero: () => 0 });
}

// The goroutines of test/threads/worker.ts, for a worker that is handed another worker's channels
// (owned-third.test.ts). This module's own exports (exitNow) take precedence.
export * from './worker.js';

/** Whether `c` arrived as this thread's own channel `name` (handed back to its owner), not a remote. */
export function isOwn(c: unknown, name: string): boolean {
  return c === chans.get(name);
}

/**
 * A receive (or send of `v`) on `c` that this goroutine aborts once `stop` yields a value:
 * `select { case <-c: ...; case <-stop: }` with the abort ordered by the test.
 */
export async function opUntil(
  c: SendChannel<unknown> & RecvChannel<unknown>,
  stop: RecvChannel<unknown>,
  side: 'send' | 'recv',
  v?: unknown,
): Promise<unknown> {
  const ctl = new AbortController();
  const p = side === 'send' ? c.send(v, { signal: ctl.signal }).then(() => 'sent') : c.recv({ signal: ctl.signal });
  void stop.recv().then(() => ctl.abort('stop'));
  try {
    return { completed: await p };
  } catch (e) {
    return { aborted: e };
  }
}

/** The error a goroutine met calling `op` on `c`: its name and message, or 'no error'. */
export async function errorOf(c: SendChannel<number> & RecvChannel<number>, op: string): Promise<string> {
  try {
    if (op === 'trySend') c.trySend(1);
    else if (op === 'tryRecv') c.tryRecv();
    else if (op === 'close') c.close();
    else if (op === 'length') void c.length;
    else if (op === 'selectDefault') await selectDefault(c);
    else if (op === 'recv') await c.recv();
    else if (op === 'send') await c.send(1);
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** The byte lengths of the next `n` ArrayBuffers received on this thread's channel `name`. */
export async function byteLengths(name: string, n: number): Promise<number[]> {
  const c = ch(name);
  const got: number[] = [];
  for (let i = 0; i < n; i++) got.push(((await c.recvValue()) as ArrayBuffer).byteLength);
  return got;
}

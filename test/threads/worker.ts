/** Worker functions for the cross-thread tests: each is one goroutine the tests start with `pool.go`. */
import type { RecvChannel, SendChannel } from '../../src/channel/types.js';
import '../../src/threads/index.js';

export async function double(jobs: RecvChannel<number>, results: SendChannel<number>): Promise<number> {
  let n = 0;
  for await (const j of jobs) {
    await results.send(j * 2);
    n++;
  }
  return n;
}

export async function sendAll(out: SendChannel<unknown>, values: unknown[]): Promise<void> {
  for (const v of values) await out.send(v);
}

export async function sendThenClose(out: SendChannel<number>, values: number[]): Promise<void> {
  for (const v of values) await out.send(v);
  out.close();
}

export async function recvN(ch: RecvChannel<unknown>, n: number): Promise<unknown[]> {
  const got: unknown[] = [];
  for (let i = 0; i < n; i++) got.push(await ch.recvValue());
  return got;
}

export async function recvResults(ch: RecvChannel<unknown>, n: number): Promise<unknown[]> {
  const got: unknown[] = [];
  for (let i = 0; i < n; i++) got.push(await ch.recv());
  return got;
}

export async function drain(ch: RecvChannel<unknown>): Promise<unknown[]> {
  const got: unknown[] = [];
  for await (const v of ch) got.push(v);
  return got;
}

export function fail(message: string): never {
  throw new Error(message);
}

export function exitNow(code: number): void {
  process.exit(code);
}

export async function recvAborted(ch: RecvChannel<unknown>): Promise<unknown> {
  const ctl = new AbortController();
  const p = ch.recv({ signal: ctl.signal });
  ctl.abort('stop');
  try {
    return { completed: await p };
  } catch (e) {
    return { aborted: e };
  }
}

export async function sendAborted(ch: SendChannel<number>, v: number): Promise<unknown> {
  const ctl = new AbortController();
  const p = ch.send(v, { signal: ctl.signal });
  ctl.abort('stop');
  try {
    await p;
    return 'sent';
  } catch (e) {
    return { aborted: e };
  }
}

export async function sendUncloneable(ch: SendChannel<unknown>): Promise<string> {
  try {
    await ch.send(() => 1);
    return 'sent';
  } catch (e) {
    return (e as Error).name;
  }
}

export function closeTwice(ch: SendChannel<unknown>): string {
  ch.close();
  try {
    ch.close();
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

export function tryOps(ch: SendChannel<number> & RecvChannel<number>): unknown[] {
  const out: unknown[] = [];
  out.push(ch.trySend(1), ch.trySend(2), ch.length, ch.capacity, ch.tryRecv(), ch.tryRecv(), ch.tryRecv());
  return out;
}

export async function sendBuffer(ch: SendChannel<ArrayBuffer>): Promise<number> {
  const b = new Uint8Array([1, 2, 3]).buffer;
  await ch.send(b, { transfer: [b] } as never);
  return b.byteLength; // 0 once moved
}

export async function blockOnLocal(): Promise<void> {
  const { Channel } = await import('../../src/channel/channel.js');
  await new Channel<number>().recv(); // nobody sends: this thread's loop drains
}

export async function selectRecv(a: RecvChannel<number>, b: RecvChannel<number>): Promise<unknown> {
  const { select, recv } = await import('../../src/threads/index.js');
  return select([recv(a), recv(b)]);
}

export async function selectHandlers(a: RecvChannel<number>, out: SendChannel<number>, v: number): Promise<unknown> {
  const { select, recv, send } = await import('../../src/threads/index.js');
  return select([recv(a, (x, ok) => `recv ${String(x)} ${String(ok)}`), send(out, v, () => 'sent')]);
}

export async function selectDefault(a: RecvChannel<number>): Promise<unknown> {
  const { select, recv } = await import('../../src/threads/index.js');
  return select([recv(a)], { default: () => 'default' });
}

export async function selectAborted(a: RecvChannel<number>): Promise<unknown> {
  const { select, recv } = await import('../../src/threads/index.js');
  const ctl = new AbortController();
  const p = select([recv(a)], { signal: ctl.signal });
  ctl.abort('stop');
  return p.catch((e: unknown) => ({ aborted: e }));
}

export async function selectMixed(a: RecvChannel<number>): Promise<string> {
  const { select, recv } = await import('../../src/threads/index.js');
  const { Channel } = await import('../../src/channel/channel.js');
  try {
    await select([recv(a), recv(new Channel<number>())]);
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}

export async function selectMany(a: RecvChannel<number>, b: RecvChannel<number>, n: number): Promise<number[]> {
  const { select, recv } = await import('../../src/threads/index.js');
  const counts = [0, 0];
  for (let i = 0; i < n; i++) {
    const r = await select([recv(a), recv(b)]);
    counts[r.index]!++;
  }
  return counts;
}

export async function crashLater(ch: RecvChannel<unknown>): Promise<void> {
  // A goroutine started inside the worker that throws, un-awaited: it kills the thread.
  setImmediate(() => {
    throw new Error('crash in another goroutine');
  });
  await ch.recv();
}

/**
 * Raises `flag[0]` (and wakes a thread waiting on it) each time this thread's event loop drains:
 * this listener is added after chango's own (the service starts when chango/threads is imported,
 * before this module's code runs), so by then the thread has posted its sleep report to the pool.
 */
export function signalAsleep(flag: Int32Array): void {
  process.on('beforeExit', () => {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
}

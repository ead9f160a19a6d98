/**
 * chango/threads' Web Worker platform (src/threads/platform-web.ts), checked on Node with the
 * platform a browser gets (no Node built-ins) and with a stand-in `Worker`: what a browser cannot
 * do is refused with a message naming what to use, the synchronous answers travel through shared
 * memory, and a worker's `error` event ends it as an uncaught error ends a Node thread. The same
 * code runs for real in Deno, Bun and Chromium under `npm run test:runtimes`.
 */
import { deserialize, serialize } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpawnRequest } from '../../src/threads/platform.js';
import { webPlatformWith } from '../../src/threads/platform-web.js';
import { SyncStatus, ToOwner, type WorkerBoot } from '../../src/threads/wire.js';

const browser = webPlatformWith({});
const denoLike = webPlatformWith({ v8: { serialize, deserialize }, receive: receiveMessageOnPort, isMainThread: true });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Web Workers in a browser: the synchronous operations of a worker', () => {
  it('refuses tryRecv, naming recv(): a browser cannot read a message synchronously', () => {
    expect(() => browser.syncCheck([ToOwner.TryRecv, 1])).toThrow(
      /tryRecv cannot be answered synchronously.*use recv\(\)/,
    );
  });

  it('refuses a select with default over a receive case, and accepts one over send cases only', () => {
    const recvCase = [1, false, null] as const;
    const sendCase = [2, true, 5] as const;
    expect(() => browser.syncCheck([ToOwner.TrySelect, 0, [sendCase, recvCase]])).toThrow(
      /select with default over a receive case/,
    );
    expect(() => browser.syncCheck([ToOwner.TrySelect, 0, [sendCase]])).not.toThrow();
  });

  it('accepts trySend, close and len', () => {
    for (const op of [ToOwner.TrySend, ToOwner.Close, ToOwner.Len])
      expect(() => browser.syncCheck([op, 1])).not.toThrow();
  });

  it('says what it needs when the page is not cross-origin isolated (no SharedArrayBuffer)', () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    expect(() => browser.syncCheck([ToOwner.Close, 1])).toThrow(/need SharedArrayBuffer.*cross-origin isolated/);
  });

  it('carries the answer in shared memory: status, number and flag, then raises slot 0', () => {
    const flag = new Int32Array(new SharedArrayBuffer(16));
    const port = { postMessage: vi.fn() } as unknown as MessagePort;
    browser.syncAnswer(port, flag, [SyncStatus.Ok, 3]);
    expect(Atomics.load(flag, 0)).toBe(1);
    expect(browser.syncReceive(port, flag)).toEqual([SyncStatus.Ok, 3, false, null]);
    browser.syncAnswer(port, flag, [SyncStatus.Ok, 1, false, null]); // a select's send case 1
    expect(browser.syncReceive(port, flag)).toEqual([SyncStatus.Ok, 1, false, null]);
    browser.syncAnswer(port, flag, [SyncStatus.CloseOfClosed]);
    expect(browser.syncReceive(port, flag)?.[0]).toBe(SyncStatus.CloseOfClosed);
    expect(port.postMessage).not.toHaveBeenCalled();
  });

  it('copies values with structuredClone at the send, and a value that cannot be cloned fails there', () => {
    const v = { a: [1, 2], m: new Map([[1, 'x']]) };
    const copy = browser.serialize(v);
    expect(copy).not.toBe(v);
    expect(browser.deserialize(copy)).toEqual(v);
    expect(() => browser.serialize(() => 1)).toThrow(/could not be cloned/);
  });
});

describe('Web Workers in Deno and Bun: what Node has, taken from the runtime', () => {
  it('answers through the port, read synchronously, and serializes with v8', () => {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(16));
    try {
      expect(() => denoLike.syncCheck([ToOwner.TryRecv, 1])).not.toThrow();
      denoLike.syncAnswer(port1, flag, [SyncStatus.Ok, true, denoLike.serialize({ n: 1 })]);
      const r = denoLike.syncReceive(port2, flag)!;
      expect(r[0]).toBe(SyncStatus.Ok);
      expect(denoLike.deserialize(r[2] as Uint8Array)).toEqual({ n: 1 });
    } finally {
      port1.close();
      port2.close();
    }
  });
});

/** A stand-in for the platform's `Worker`: records what the pool does to it. */
class FakeWorker {
  static made: FakeWorker[] = [];
  readonly posted: unknown[][] = [];
  readonly listeners: ((e: unknown) => void)[] = [];
  terminated = 0;
  constructor(
    readonly url: string,
    readonly options: unknown,
  ) {
    FakeWorker.made.push(this);
  }
  postMessage(m: unknown, transfer: unknown[]): void {
    this.posted.push([m, transfer]);
  }
  addEventListener(_type: 'error', fn: (e: unknown) => void): void {
    this.listeners.push(fn);
  }
  terminate(): void {
    this.terminated++;
  }
  /** An `error` event as the platform dispatches it; returns whether it was handled. */
  fail(e: { error?: unknown; message?: string }): boolean {
    let handled = false;
    for (const l of this.listeners) l({ ...e, preventDefault: () => (handled = true) });
    return handled;
  }
}

function request(): SpawnRequest {
  const boot = { __changoWorker: true, module: 'https://x.test/w.js', index: 0 } as unknown as WorkerBoot;
  return {
    module: 'https://x.test/w.js',
    index: 0,
    boot,
    transfer: ['p1', 'p2'],
    execArgv: undefined,
    entry: undefined,
  };
}

describe('Web Workers: starting and losing a worker', () => {
  it('starts a module worker and posts it the boot message with the ports transferred', () => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
    const req = request();
    browser.spawn(req, { onError: () => {}, onExit: () => {} });
    const w = FakeWorker.made[0]!;
    expect(w.url).toBe('https://x.test/w.js');
    expect(w.options).toEqual({ type: 'module', name: 'chango-0' });
    expect(w.posted).toEqual([[req.boot, ['p1', 'p2']]]);
  });

  it('an error event ends the worker, as an uncaught error ends a Node thread: reported, terminated, exited once', async () => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
    const errors: unknown[] = [];
    const exits: number[] = [];
    const spawned = browser.spawn(request(), { onError: (e) => errors.push(e), onExit: (c) => exits.push(c) });
    const w = FakeWorker.made[0]!;
    const boom = new Error('boom');
    expect(w.fail({ error: boom, message: 'Uncaught Error: boom' })).toBe(true);
    expect(errors).toEqual([boom]);
    expect(w.terminated).toBe(1);
    expect(exits).toEqual([1]);
    await spawned.terminate();
    expect(exits).toEqual([1]);
    expect(w.terminated).toBe(1);
  });

  it("a browser's error event without the error object (or a module that failed to load) still says what happened", () => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
    const errors: unknown[] = [];
    browser.spawn(request(), { onError: (e) => errors.push(e), onExit: () => {} });
    FakeWorker.made[0]!.fail({ message: 'Uncaught Error: boom' });
    FakeWorker.made.length = 0;
    browser.spawn(request(), { onError: (e) => errors.push(e), onExit: () => {} });
    FakeWorker.made[0]!.fail({ message: '' });
    expect((errors as Error[]).map((e) => e.message)).toEqual([
      'Uncaught Error: boom',
      'chango: the worker https://x.test/w.js failed to start',
    ]);
  });

  it('terminate() stops the worker and reports its exit once', async () => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
    const exits: number[] = [];
    const spawned = browser.spawn(request(), { onError: () => {}, onExit: (c) => exits.push(c) });
    await spawned.terminate();
    await spawned.terminate();
    expect(FakeWorker.made[0]!.terminated).toBe(1);
    expect(exits).toEqual([1]);
  });

  it('a runtime without Web Workers gets an error saying so', () => {
    vi.stubGlobal('Worker', undefined);
    expect(() => browser.spawn(request(), { onError: () => {}, onExit: () => {} })).toThrow(/has no Web Worker/);
  });
});

describe("Web Workers: the worker's side", () => {
  it('serves the first boot message it is posted, only on a worker thread', () => {
    const listeners = new Set<(e: { data: unknown }) => void>();
    vi.stubGlobal('addEventListener', (_t: string, fn: (e: { data: unknown }) => void) => listeners.add(fn));
    vi.stubGlobal('removeEventListener', (_t: string, fn: (e: { data: unknown }) => void) => listeners.delete(fn));
    const served: unknown[] = [];
    denoLike.onBoot((b) => served.push(b)); // a main thread (isMainThread): no listener
    expect(listeners.size).toBe(0);
    const inWorker = webPlatformWith({ isMainThread: false });
    inWorker.onBoot((b) => served.push(b));
    expect(listeners.size).toBe(1);
    const boot = { __changoWorker: true, module: 'm' };
    for (const l of [...listeners]) l({ data: 'not a boot' });
    expect(served).toEqual([]);
    for (const l of [...listeners]) l({ data: boot });
    expect(served).toEqual([boot]);
    expect(listeners.size).toBe(0);
  });

  it('sizes a pool by navigator.hardwareConcurrency', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 6 });
    expect(browser.cores()).toBe(6);
  });
});

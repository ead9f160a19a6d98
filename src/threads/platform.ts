/**
 * What chango/threads needs of the platform that runs its threads, in one place: Node's
 * `worker_threads` (./platform-node.ts, the `chango/threads` entry on Node and Bun) or Web Workers
 * (./platform-web.ts, the entry in browsers and Deno). Go's runtime has one of these per OS port;
 * the rest of chango/threads is the same code on every platform.
 *
 * The entry point installs its platform as its first statement; no module of chango/threads
 * asks for it while it is being loaded.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Msg, WorkerBoot } from './wire.js';

/** A started worker, as the pool sees it. */
export interface SpawnedWorker {
  /** Keeps the process alive while the worker has work (Node, Bun); a no-op elsewhere. */
  ref(): void;
  /** Lets the process exit while the worker waits (Node, Bun); a no-op elsewhere. */
  unref(): void;
  /** Stops the worker; `onExit` is called once it has stopped. */
  terminate(): Promise<unknown>;
}

/** What the pool hears of a worker it started. */
export interface SpawnHooks {
  /** The worker's first uncaught error, or its failure to start. */
  onError(e: unknown): void;
  /** The worker has stopped (for a Web Worker: terminated after an error, or by the pool). */
  onExit(code: number): void;
}

/** How the pool starts a worker: module, boot message, pool options. */
export interface SpawnRequest {
  readonly module: string;
  readonly index: number;
  readonly boot: WorkerBoot;
  readonly transfer: readonly unknown[];
  readonly execArgv: readonly string[] | undefined;
  readonly entry: string | URL | undefined;
}

/** The platform's half of chango/threads. */
export interface ThreadsPlatform {
  /** Which platform this is: Node's worker_threads, or Web Workers. */
  readonly kind: 'worker_threads' | 'web';
  /** Go's copy of a value into the channel: bytes on platforms with `v8.serialize`, else a clone. */
  serialize(v: unknown): Uint8Array;
  deserialize(b: Uint8Array): unknown;
  /** Delivers each message's data arriving on `port` to `fn`. */
  listen<T>(port: MessagePort, fn: (data: T) => void): void;
  ref(port: MessagePort): void;
  unref(port: MessagePort): void;
  /** Runs `fn` once the messages that arrived in this turn of the event loop have been handled. */
  later(fn: () => void): void;
  /** The owner's answer to a synchronous request of a worker blocked in `Atomics.wait`. */
  syncAnswer(port: MessagePort, flag: Int32Array, m: Msg): void;
  /** On the worker, the answer the owner gave (after the flag was raised), if it has arrived. */
  syncReceive(port: MessagePort, flag: Int32Array): Msg | undefined;
  /** Throws if this platform cannot carry out synchronous request `m` (see platform-web.ts). */
  syncCheck(m: Msg): void;
  /** Starts a worker thread for a pool. */
  spawn(req: SpawnRequest, hooks: SpawnHooks): SpawnedWorker;
  /** The default pool size: the number of cores. */
  cores(): number;
  /** Calls `serve` with the boot message if this thread was started by a WorkerPool. */
  onBoot(serve: (boot: WorkerBoot) => void): void;
  /**
   * Tells the owner when this worker's event loop drains (Node: every goroutine here waits for
   * the owner), so that a finished program exits and a stuck one is reported as a deadlock.
   * Returns the function to call on each message from the owner. Web Workers: a no-op.
   */
  watchSleep(port: MessagePort, asleep: (received: number) => void): () => void;
}

let installed: ThreadsPlatform | undefined;

/** Installs the platform: called once, by the entry point, before anything else runs. */
export function installPlatform(p: ThreadsPlatform): void {
  installed ??= p;
}

/** The installed platform. */
export function platform(): ThreadsPlatform {
  if (installed === undefined) throw new Error('chango: internal error: chango/threads has no platform installed');
  return installed;
}

// The hot paths' entries, as plain functions over the installed platform.
export const serialize = (v: unknown): Uint8Array => platform().serialize(v);
export const deserialize = (b: Uint8Array): unknown => platform().deserialize(b);
export const later = (fn: () => void): void => platform().later(fn);

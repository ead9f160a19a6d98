/**
 * chango/threads on Web Workers: browsers and Deno (`new Worker(url, { type: 'module' })`), with
 * the same MessagePort protocol as on Node. No static import of a Node built-in: a browser loads
 * this file. Where the runtime also offers Node's built-ins (Deno, Bun), `v8.serialize` and
 * `receiveMessageOnPort` are taken from it through `process.getBuiltinModule`; a browser has
 * neither, which is where the differences below come from.
 *
 * What differs from Node's worker_threads, exactly:
 * - A Web Worker has no exit event. The pool learns of a dead worker from its `error` event (an
 *   uncaught error, or a module that failed to load), and then terminates it, so that an
 *   uncaught error ends the thread as it does on Node. A worker that calls `self.close()`
 *   cannot be seen: its goroutines never settle.
 * - No sleep report: a program's exit and the deadlock report are Node's (`chango/node`). Close
 *   the pool when done; a blocked program waits rather than reporting a deadlock.
 * - In a browser, the synchronous operations of a worker (`trySend`, `close`, `length`, `select`
 *   with `default` over send cases) are answered through shared memory, which needs a
 *   cross-origin isolated page (`SharedArrayBuffer`); `tryRecv`, and a `select` with `default`
 *   over a receive case, would need a value read synchronously from a port, which a browser
 *   cannot do: they throw, naming `recv` (Deno and Bun have them all).
 */
import type { MessagePort } from 'node:worker_threads';
import type { ThreadsPlatform } from './platform.js';
import { ToOwner, type Msg, type WorkerBoot } from './wire.js';

/** The Node built-ins a Web Worker platform uses where the runtime has them (Deno, Bun). */
export interface NodeBuiltins {
  v8?: { readonly serialize: (v: unknown) => Uint8Array; readonly deserialize: (b: Uint8Array) => unknown };
  receive?: (port: MessagePort) => { message: unknown } | undefined;
  isMainThread?: boolean;
}

/** Node's built-ins where the runtime has them (Deno, Bun), looked up without importing them. */
function builtins(): NodeBuiltins {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof get !== 'function') return {};
  try {
    const v8 = get('node:v8') as NodeBuiltins['v8'];
    const wt = get('node:worker_threads') as
      { receiveMessageOnPort?: NodeBuiltins['receive']; isMainThread?: boolean } | undefined;
    return { v8, receive: wt?.receiveMessageOnPort, isMainThread: wt?.isMainThread };
  } catch {
    return {};
  }
}

/** Web MessagePorts and Workers: EventTarget, message data in `event.data`. */
interface WebPort {
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
  start(): void;
}

interface WebWorker {
  postMessage(m: unknown, transfer: readonly unknown[]): void;
  addEventListener(type: 'error', fn: (e: { error?: unknown; message?: string; preventDefault(): void }) => void): void;
  terminate(): void;
  ref?(): void;
  unref?(): void;
}

interface WorkerScope {
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
  removeEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
}

/** One macrotask per call, after the messages already queued: a browser has no setImmediate. */
function macrotask(): (fn: () => void) => void {
  if (typeof setImmediate === 'function') return (fn) => setImmediate(fn);
  const { port1, port2 } = new MessageChannel();
  const queue: (() => void)[] = [];
  port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    port2.postMessage(null);
  };
}

/** Status and numbers of a synchronous answer, in the flag's slots 1 to 3 (a browser reads these). */
function writeAnswer(flag: Int32Array, m: Msg): void {
  Atomics.store(flag, 1, Number(m[0]));
  Atomics.store(flag, 2, Number(m[1] ?? 0));
  Atomics.store(flag, 3, m[2] === true ? 1 : 0);
}

/** Whether this is a worker's thread: WorkerGlobalScope (browsers, Deno), else Node's flag (Bun). */
function inWorker(node: NodeBuiltins): boolean {
  const W = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
  if (typeof W === 'function') return globalThis instanceof W;
  return node.isMainThread === false;
}

const NO_SYNC_VALUE =
  'cannot be answered synchronously on a Web Worker in a browser (no synchronous read of a message): use recv(), or select without default';

/**
 * Web Workers as chango/threads' platform, given the Node built-ins the runtime has (none in a
 * browser). A function so that the tests can build a browser's platform on Node.
 */
export function webPlatformWith(node: NodeBuiltins): ThreadsPlatform {
  return {
    kind: 'web',
    // In a browser, the clone in a one-element array: a value that held channels is packed as
    // `{ h }` (held.ts), and no clone of a user's value could otherwise be told from one.
    serialize: node.v8 !== undefined ? node.v8.serialize : (v) => [structuredClone(v)] as unknown as Uint8Array,
    deserialize: node.v8 !== undefined ? node.v8.deserialize : (b) => (b as unknown as readonly unknown[])[0],
    listen(port, fn) {
      (port as unknown as WebPort).addEventListener('message', (e) => fn(e.data as never));
      (port as unknown as WebPort).start();
    },
    ref() {},
    unref() {},
    later: macrotask(),
    syncAnswer(port, flag, m) {
      if (node.receive !== undefined) port.postMessage(m);
      else writeAnswer(flag, m);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
    syncReceive(port, flag) {
      if (node.receive !== undefined) return node.receive(port)?.message as Msg | undefined;
      return [Atomics.load(flag, 1), Atomics.load(flag, 2), Atomics.load(flag, 3) === 1, null];
    },
    syncCheck(m) {
      if (node.receive !== undefined) return;
      if (typeof SharedArrayBuffer === 'undefined') {
        throw new Error(
          "chango: a worker's trySend, tryRecv, close, length and select with default need SharedArrayBuffer: serve the page cross-origin isolated (COOP and COEP headers)",
        );
      }
      if (m[0] === ToOwner.TryRecv) throw new Error(`chango: tryRecv ${NO_SYNC_VALUE}`);
      if (m[0] === ToOwner.TrySelect && (m[2] as readonly (readonly [number, boolean, unknown])[]).some((c) => !c[1])) {
        throw new Error(`chango: a select with default over a receive case ${NO_SYNC_VALUE}`);
      }
    },
    spawn(req, hooks) {
      const W = (globalThis as { Worker?: new (url: string, o: object) => WebWorker }).Worker;
      if (W === undefined)
        throw new Error('chango: this runtime has no Web Worker (new Worker(url, { type: "module" }))');
      const worker = new W(String(req.entry ?? req.module), { type: 'module', name: `chango-${req.index}` });
      let alive = true;
      const stop = (): void => {
        if (!alive) return;
        alive = false;
        worker.terminate();
        hooks.onExit(1);
      };
      worker.addEventListener('error', (e) => {
        // Handled here: on Node an uncaught error ends the thread; a Web Worker would carry on.
        e.preventDefault();
        hooks.onError(e.error ?? new Error(e.message || `chango: the worker ${req.module} failed to start`));
        stop();
      });
      worker.postMessage(req.boot, req.transfer);
      return {
        ref: () => worker.ref?.(),
        unref: () => worker.unref?.(),
        terminate: () => {
          stop();
          return Promise.resolve();
        },
      };
    },
    cores() {
      return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
    },
    onBoot(serve) {
      // The pool's first message to the worker is its boot: the ports and the module to serve.
      // Only in a worker: a message listener on a main thread would keep Bun's process alive.
      if (!inWorker(node)) return;
      const scope = globalThis as unknown as WorkerScope;
      const onFirst = (e: { data: unknown }): void => {
        const boot = e.data as WorkerBoot | undefined;
        if (typeof boot !== 'object' || boot === null || boot.__changoWorker !== true) return;
        scope.removeEventListener?.('message', onFirst);
        serve(boot);
      };
      scope.addEventListener('message', onFirst);
    },
    watchSleep() {
      return () => {};
    },
  };
}

/** Web Workers, as chango/threads' platform, with what this runtime has of Node's built-ins. */
export const webPlatform: ThreadsPlatform = webPlatformWith(builtins());

/**
 * WorkerPool: Go's `go f(args)` onto other cores. Go multiplexes any number of goroutines onto
 * GOMAXPROCS threads; a pool multiplexes the goroutines it is given onto `size` worker threads,
 * each running as many of them as it is handed (they are async functions there, as on the main
 * thread).
 */
import type { MessagePort } from 'node:worker_threads';
import { CloseOfClosedChannelError, SendOnClosedChannelError } from '../channel/errors.js';
import { OwnerExitedError, WorkerExitedError } from './errors.js';
import { Link } from './link.js';
import { pack, unpack, type Packed } from './pack.js';
import { platform, type SpawnedWorker } from './platform.js';
import { RemoteChannel } from './remote.js';
import { handOn } from './relay.js';
import { NESTED, owners, thisThread } from './registry.js';
import { ThreadChannel } from './threadchannel.js';
import { isHandle, ToOwner, ToWorker, type Msg, type WorkerBoot } from './wire.js';

/**
 * Options of a {@link WorkerPool}.
 *
 * @example
 * ```ts
 * const pool = new WorkerPool(url, { size: 4 });
 * ```
 */
export interface WorkerPoolOptions {
  /**
   * Worker threads (Go's GOMAXPROCS). Default: the number of cores (`os.availableParallelism()`
   * on Node, `navigator.hardwareConcurrency` elsewhere). An integer from 1 to 1024.
   */
  readonly size?: number;
  /** Node options for the worker threads (Node and Bun's worker_threads only). */
  readonly execArgv?: readonly string[];
  /**
   * The file each thread starts with. On Node, if not chango's own start-up (which imports the
   * module, registering tsx first for a TypeScript module): a file that sets the thread up and
   * then imports `workerData.module`. On Web Workers, the module script each worker runs if not
   * the pool's module itself (for instance a bundle of it); it must import `chango/threads`.
   */
  readonly entry?: string | URL;
}

/** A goroutine that has been started and has not returned. */
interface Running {
  readonly fn: string;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** The next worker thread's number (registry.ts): never reused, across every pool. */
let nextThread = 1;

/** One worker thread and its link. */
class Thread {
  /** Numbered in the main thread's sequence, or, for a nested pool, from NESTED (registry.ts). */
  readonly no: number = (thisThread() === 0 ? 0 : NESTED) + nextThread++;
  readonly worker: SpawnedWorker;
  readonly link: Link;
  readonly running = new Map<number, Running>();
  /** Batches posted to the worker; compared with its count when it reports a drained loop. */
  posted = 0;
  /** Whether the worker keeps this thread's process alive (it does while it has work). */
  private refd = true;
  /** The first uncaught error of the thread: what its goroutines die of. */
  error: unknown = undefined;
  /** Whether the pool is being closed (its threads terminated). */
  private readonly closing: () => boolean;

  constructor(
    module: string,
    index: number,
    options: WorkerPoolOptions,
    onGone: (t: Thread) => void,
    closing: () => boolean,
  ) {
    this.closing = closing;
    const mc = new MessageChannel();
    const sc = new MessageChannel();
    // Slot 0 is raised when a synchronous answer is ready; 1 to 3 carry it where a port cannot.
    // Without SharedArrayBuffer (a browser page that is not cross-origin isolated) the worker's
    // synchronous operations say what they need; everything else works.
    const syncFlag =
      typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(16)) : new Int32Array(4);
    const boot: WorkerBoot = {
      __changoWorker: true,
      module,
      port: mc.port2 as unknown as MessagePort,
      syncPort: sc.port2 as unknown as MessagePort,
      syncFlag,
      index,
      thread: this.no,
    };
    this.worker = platform().spawn(
      { module, index, boot, transfer: [mc.port2, sc.port2], execArgv: options.execArgv, entry: options.entry },
      {
        onError: (e) => {
          this.error ??= e;
        },
        onExit: (code) => this.exited(module, code, onGone),
      },
    );
    const port = mc.port1 as unknown as MessagePort;
    const syncPort = sc.port1 as unknown as MessagePort;
    this.link = new Link(
      this.no,
      port,
      { port: syncPort, flag: syncFlag },
      undefined,
      (m) => this.control(m),
      () => {
        this.posted++;
        if (!this.refd) {
          this.refd = true;
          this.worker.ref();
        }
      },
    );
    // Kept once the thread is gone: a handle to one of its channels may still arrive (in a value
    // buffered here), and its operations then fail with OwnerExitedError.
    owners.set(this.no, this.link.remote);
    platform().listen(port, this.link.onMessage);
    // The link must not keep this thread alive: the pool refs the worker while it is busy.
    platform().unref(port);
    this.ports = [port, syncPort];
  }

  /** The link's two ports, closed when the worker is gone. */
  private readonly ports: readonly MessagePort[];

  private exited(module: string, code: number, onGone: (t: Thread) => void): void {
    this.link.owner.dispose();
    this.link.remote.dispose(new OwnerExitedError(code));
    for (const p of this.ports) p.close();
    onGone(this);
    for (const r of this.running.values()) {
      r.reject(
        this.error ??
          new WorkerExitedError(
            r.fn,
            code,
            this.closing() ? ': the pool was closed' : code === 0 ? `; does ${module} import 'chango/threads'?` : '',
          ),
      );
    }
    this.running.clear();
  }

  private control(m: Msg): void {
    if (m[0] === ToOwner.Done) {
      const r = this.running.get(m[1] as number);
      if (r === undefined) return;
      this.running.delete(m[1] as number);
      // A channel the goroutine created there and returned: a remote here.
      if (m[2] as boolean) r.resolve(isHandle(m[3]) ? this.link.remote.channel(m[3]) : unpack(m[3] as Packed));
      else r.reject(revive(m[3] as Described));
    } else if (m[0] === ToOwner.Asleep) {
      // Every goroutine there is blocked (or there are none): only the owner's answers can wake
      // it, and those ref it again. A stale report (an answer crossed it) is ignored, and so is
      // one read after close(): terminate() refs the worker until its exit event, and unref'ing
      // it here would let this process exit first, with close() never settled.
      if ((m[1] as number) === this.posted && !this.closing()) {
        this.refd = false;
        this.worker.unref();
      }
    }
  }
}

/**
 * A pool of worker threads that run goroutines: Go's `go worker(w, jobs, results)` where
 * `worker` is an exported function of a module and the goroutine runs on another core. Channels
 * among the arguments (at the top level or inside them) must be {@link ThreadChannel}s, or
 * {@link RemoteChannel}s of a worker's channels (the main thread relays another worker's
 * operations on them to their owner); everything else is structured-cloned.
 *
 * What happens when things go wrong, exactly:
 * - the function throws (or rejects): `go()` rejects with that error (name, message and stack
 *   kept; chango's channel errors come back as their own classes);
 * - its thread dies (`process.exit`, an uncaught error in any goroutine of that thread,
 *   `terminate`): `go()` rejects, for every goroutine of that thread, with the uncaught error or
 *   a {@link WorkerExitedError}; their parked channel operations are withdrawn (a send that had
 *   not been taken delivers nothing, a receive that had not been given a value takes nothing), so
 *   the channels stay usable by every other thread; a value already handed to the dead thread is
 *   gone with it. The next `go()` starts a fresh thread.
 *
 * Threads start on first use and are never kept alive for nothing: once every goroutine has
 * returned, or is blocked on a channel, the pool lets the process exit.
 *
 * On Web Workers (browsers, Deno) each thread is `new Worker(module, { type: 'module' })`; an
 * uncaught error ends it as above, but a worker that calls `self.close()` cannot be seen, nothing
 * reports a deadlock, and the program should `close()` the pool when done (docs/threads.md).
 *
 * @example
 * ```ts
 * const pool = new WorkerPool(new URL('./worker.js', import.meta.url), { size: 2 });
 * const jobs = new ThreadChannel<number>(100);
 * const results = new ThreadChannel<number>(100);
 * const workers = [1, 2, 3].map((w) => pool.go('worker', w, jobs, results)); // go worker(w, jobs, results)
 * for (let j = 1; j <= 5; j++) await jobs.send(j);
 * jobs.close();
 * await Promise.all(workers);
 * ```
 */
export class WorkerPool {
  /** The module whose exported functions the goroutines run. */
  readonly module: string;
  /** The number of worker threads. */
  readonly size: number;
  private readonly threads: (Thread | undefined)[];
  private readonly options: WorkerPoolOptions;
  private nextGo = 1;
  private closed = false;

  /**
   * A pool of `size` threads for the functions of `module`. No thread starts before the first `go`.
   *
   * @throws RangeError for a size that is not an integer from 1 to 1024.
   * @example
   * ```ts
   * const pool = new WorkerPool(new URL('./worker.js', import.meta.url), { size: 2 });
   * ```
   */
  constructor(module: string | URL, options: WorkerPoolOptions = {}) {
    this.module = String(module);
    const size = options.size ?? defaultSize();
    if (!Number.isInteger(size) || size < 1 || size > 1024) {
      throw new RangeError(`WorkerPool size must be an integer from 1 to 1024, got ${size}`);
    }
    this.size = size;
    this.threads = new Array<Thread | undefined>(size).fill(undefined);
    this.options = options;
  }

  /**
   * `go fn(args...)` on a worker thread: runs the exported function `fn` of the pool's module
   * with `args` (ThreadChannels, and channels of workers, arrive as channels; anything else as a structured clone) on the
   * thread that runs the fewest goroutines. Resolves with the function's return value (cloned)
   * when it returns; rejects as described on {@link WorkerPool}. `R` is the function's return
   * type, for the caller to state (the pool cannot see the module's types).
   *
   * @example
   * ```ts
   * await pool.go('worker', 1, jobs, results); // worker(1, jobs, results) on another core
   * ```
   */
  go<R = unknown>(fn: string, ...args: unknown[]): Promise<R> {
    if (this.closed) return Promise.reject(new Error('chango: go() on a closed WorkerPool'));
    if (typeof fn !== 'string')
      return Promise.reject(new TypeError(`go() takes the name of an exported function, got ${typeof fn}`));
    let t: Thread;
    try {
      t = this.pick();
    } catch (e) {
      return Promise.reject(e); // the platform could not start a worker
    }
    const goId = this.nextGo++;
    // A worker's channel goes back to its owner as the owner's own, to any other worker relayed.
    const wire = args.map((a) =>
      a instanceof ThreadChannel
        ? t.link.owner.handle(a as ThreadChannel<unknown>)
        : a instanceof RemoteChannel
          ? handOn(a as RemoteChannel<unknown>, t.link.remote)
          : a,
    );
    return new Promise<R>((resolve, reject) => {
      let id = goId;
      try {
        // Posted on its own so that an argument that cannot be cloned fails here, not later.
        t.link.outbox.postNow([ToWorker.Go, id, fn, wire], []);
      } catch (e) {
        // Arguments holding channels inside them (`go worker(cfg)` with `cfg.jobs`) go packed,
        // each such channel as a handle (held.ts); the negative id tells the worker so.
        try {
          const packed = wire.map((a) => (isHandle(a) ? a : pack(a)));
          if (!packed.some((p) => typeof p === 'object' && p !== null && (p as { h?: unknown }).h !== undefined))
            throw e;
          id = -goId;
          t.link.outbox.postNow([ToWorker.Go, id, fn, packed], []);
        } catch (e2) {
          reject(e2);
          return;
        }
      }
      t.running.set(id, { fn, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /**
   * Terminates every thread. Goroutines still running reject with {@link WorkerExitedError}. Not
   * needed for the process to exit; for a program that wants its threads gone now.
   *
   * @example
   * ```ts
   * await pool.close();
   * ```
   */
  async close(): Promise<void> {
    this.closed = true;
    // A thread slot may be empty (never started): terminate() only the ones that exist.
    // eslint-disable-next-line @typescript-eslint/await-thenable -- terminate() returns a promise; the empty slots are undefined
    await Promise.all(this.threads.map((t) => t?.worker.terminate()));
  }

  private pick(): Thread {
    let best = -1;
    let load = Infinity;
    for (let i = 0; i < this.size; i++) {
      const t = this.threads[i];
      const n = t === undefined ? 0 : t.running.size;
      if (n < load) {
        load = n;
        best = i;
      }
    }
    let t = this.threads[best];
    if (t === undefined) {
      const i = best;
      t = new Thread(
        this.module,
        i,
        this.options,
        (gone) => {
          if (this.threads[i] === gone) this.threads[i] = undefined;
        },
        () => this.closed,
      );
      this.threads[i] = t;
    }
    return t;
  }
}

function defaultSize(): number {
  return Math.max(1, Math.min(1024, platform().cores()));
}

interface Described {
  name: string;
  message: string;
  stack: string | undefined;
  value: unknown;
}

/** The error a goroutine threw, rebuilt on this thread: chango's own classes come back as such. */
function revive(d: Described): unknown {
  if (d.name === '' && d.message === '') return d.value;
  let e: Error;
  if (d.name === 'SendOnClosedChannelError') e = new SendOnClosedChannelError();
  else if (d.name === 'CloseOfClosedChannelError') e = new CloseOfClosedChannelError();
  else {
    e = new Error(d.message);
    if (d.name !== 'Error') Object.defineProperty(e, 'name', { value: d.name, configurable: true, writable: true });
  }
  if (d.stack !== undefined) e.stack = d.stack;
  return e;
}

/**
 * The worker's end: a channel of another thread, seen from this one. Every operation is a
 * request to the owner, which carries it out on the real channel; the Go rules are the owner
 * channel's. The blocking operations wait for the owner's answer; the non-blocking ones
 * (`trySend`, `tryRecv`, `close`, `length`) block this thread for the owner's answer, as Go's
 * would hold the channel lock, which is why they are for worker threads only.
 */
import type { TransferListItem } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { CloseOfClosedChannelError, SendOnClosedChannelError } from '../channel/errors.js';
import { checkSignal } from '../runtime/signal.js';
import type { RecvChannel, RecvResult, SendChannel, BlockingOptions } from '../channel/types.js';
import type { Outbox } from './outbox.js';
import { platform } from './platform.js';
import { OwnerExitedError, OwnerThreadError } from './errors.js';
import { REMOTE_CHANNEL, offered, rawHeld, unoffer } from './held.js';
import type { Mine } from './registry.js';
import { pack, unpack, type Packed } from './pack.js';
import type { ThreadSendOptions } from './threadchannel.js';
import { SyncStatus, ToOwner, ToWorker, Why, type Batch, type ChannelHandle, type Msg } from './wire.js';

/** One operation waiting for the owner's answer. */
class Op {
  resolve: (v: unknown) => void = settle;
  reject: (e: unknown) => void = settle;
  onAbort: (() => void) | undefined = undefined;
  /** Set for an operation relayed for a third thread (relay.ts): its answer, as it arrived. */
  raw: ((b: Batch, i: number) => void) | undefined = undefined;

  constructor(
    /** How to shape a receive's answer; for a select, its cases. */
    readonly shape: Shape | readonly SelectShape[],
    readonly signal: AbortSignal | undefined,
    /** The channel's zero value, for a receive that finds it closed. */
    readonly zero: unknown,
  ) {}
}

function settle(): void {}

// One executor for every Op's promise: it hands the promise's functions over through these two
// slots, read at once by the code that made the promise, instead of a closure per operation.
let nextResolve: (v: unknown) => void = settle;
let nextReject: (e: unknown) => void = settle;
function executor(resolve: (v: unknown) => void, reject: (e: unknown) => void): void {
  nextResolve = resolve;
  nextReject = reject;
}

/** What answering a select needs of each of its cases. */
export interface SelectShape {
  readonly isSend: boolean;
  readonly ch: { readonly zero: unknown };
}

const enum Shape {
  Send,
  Result,
  Value,
  Iter,
}

/** Drops a collected proxy's entry, unless a fresh proxy of the same channel has taken it since. */
const proxies = new FinalizationRegistry<{ channels: Map<number, WeakRef<object>>; id: number }>(({ channels, id }) => {
  if (channels.get(id)?.deref() === undefined) channels.delete(id);
});

/** A thread's connection to another thread that owns channels it uses. */
export class RemoteLink {
  private readonly ops = new Map<number, Op>();
  private nextId = 1;
  /**
   * The proxies of the owner's channels, by id, held weakly: the same channel arriving twice is the
   * same object while the program holds it, and a proxy the program dropped is not kept (a server
   * sent a fresh reply channel per request would keep every one). Once it is collected no one can
   * tell a fresh proxy from it. The entry goes with it (`proxies`).
   */
  private readonly channels = new Map<number, WeakRef<RemoteChannel<unknown>>>();
  /** Why every operation now fails: the owner thread is gone. */
  private gone: unknown = undefined;

  constructor(
    /** The owner thread's number (registry.ts): 0 for the main thread. */
    readonly ownerId: number,
    /** Where the requests go: the link's one outbox, shared with its answers. */
    readonly outbox: Outbox,
    /**
     * Where the owner answers synchronous requests; undefined on the main thread, which must not
     * block waiting for a worker (see {@link RemoteLink.sync}).
     */
    private readonly syncPort: MessagePort | undefined,
    private readonly syncFlag: Int32Array | undefined,
  ) {}

  /** The channel a handle stands for: one proxy per channel per thread. */
  channel(h: ChannelHandle): RemoteChannel<unknown> {
    const id = h.__changoThreadChannel;
    let ch = this.channels.get(id)?.deref();
    if (ch === undefined) {
      ch = new RemoteChannel(this, id, h.capacity, h.name, h.zero, h.home ?? 0);
      this.channels.set(id, new WeakRef(ch));
      proxies.register(ch, { channels: this.channels, id });
    }
    return ch;
  }

  /** @internal how many proxies this link has an entry for (for tests). */
  get proxyEntries(): number {
    return this.channels.size;
  }

  /**
   * The owner thread is gone: every operation waiting for it rejects with `reason`, and so does
   * every later one (its channels are gone with it).
   */
  dispose(reason: unknown): void {
    if (this.gone !== undefined) return;
    this.gone = reason;
    for (const op of this.ops.values()) {
      if (op.onAbort !== undefined) op.signal?.removeEventListener('abort', op.onAbort);
      op.reject(reason);
    }
    this.ops.clear();
  }

  /** Sends request `m` (whose id is m[1]) and returns the promise of its answer. */
  request<R>(
    m: unknown[],
    shape: Op['shape'],
    signal: AbortSignal | undefined,
    zero?: unknown,
    transfer?: readonly TransferListItem[],
    /** With a transfer list: m[3] again if posting `m` failed (a value holding channels, held.ts). */
    again?: () => unknown,
  ): Promise<R> {
    if (this.gone !== undefined) return Promise.reject(this.gone);
    const id = this.nextId++;
    m[1] = id;
    if (transfer !== undefined) {
      try {
        try {
          this.outbox.postNow(m, transfer);
        } catch (e) {
          const v = again?.();
          if (v === undefined) throw e;
          m[3] = v;
          this.outbox.postNow(m, transfer);
        }
      } catch (e) {
        return Promise.reject(e);
      }
    } else {
      this.outbox.push(m);
    }
    return this.wait(id, shape, signal, zero);
  }

  /**
   * The hot requests, a plain send (`Send`, with its packed value) or a receive (`Recv`), queued
   * field by field: the same as {@link request} without an array per operation.
   */
  op<R>(
    code: ToOwner.Send | ToOwner.Recv,
    chId: number,
    p: Packed,
    shape: Shape,
    signal: AbortSignal | undefined,
    zero: unknown,
  ): Promise<R> {
    if (this.gone !== undefined) return Promise.reject(this.gone);
    const id = this.nextId++;
    if (code === ToOwner.Send) this.outbox.push4(code, id, chId, p);
    else this.outbox.push3(code, id, chId);
    return this.wait(id, shape, signal, zero);
  }

  /** The promise of the answer to request `id`, which has been queued. */
  private wait<R>(id: number, shape: Op['shape'], signal: AbortSignal | undefined, zero: unknown): Promise<R> {
    const op = new Op(shape, signal, zero);
    const p = new Promise<unknown>(executor);
    op.resolve = nextResolve;
    op.reject = nextReject;
    // Emptied: once settled, the promise holds its value, which the slots must not keep alive.
    nextResolve = nextReject = settle;
    if (signal !== undefined) {
      // The owner decides: the operation may have completed before the abort reaches it.
      op.onAbort = () => this.outbox.push2(ToOwner.Abort, id);
      signal.addEventListener('abort', op.onAbort, { once: true });
    }
    this.ops.set(id, op);
    return p as Promise<R>;
  }

  /**
   * Sends request `m` for a third thread (relay.ts): `answered` gets the owner's answer as it
   * arrived, `gone` the reason if the owner exits first (at once if it has). Returns the request's
   * id (for an abort), or 0 if the owner is gone.
   */
  forward(m: unknown[], answered: (b: Batch, i: number) => void, gone: (reason: unknown) => void): number {
    if (this.gone !== undefined) {
      gone(this.gone);
      return 0;
    }
    const id = this.nextId++;
    m[1] = id;
    this.outbox.push(m);
    const op = new Op(Shape.Send, undefined, undefined);
    op.reject = gone;
    op.raw = answered;
    this.ops.set(id, op);
    return id;
  }

  /** Settles the operation that the answer at `b[i]` is for. */
  answer(b: Batch, i: number): void {
    const id = b[i + 1] as number;
    const op = this.ops.get(id);
    if (op === undefined) return;
    this.ops.delete(id);
    if (op.raw !== undefined) return op.raw(b, i);
    if (op.onAbort !== undefined) op.signal?.removeEventListener('abort', op.onAbort);
    switch (b[i] as ToWorker) {
      case ToWorker.Sent:
        return op.resolve(undefined);
      case ToWorker.Failed:
        return op.reject(failure(b[i + 2] as Why, b[i + 3], op.signal));
      case ToWorker.Received: {
        const ok = b[i + 2] as boolean;
        let value: unknown = op.zero;
        try {
          if (ok) value = unpack(b[i + 3] as Packed);
        } catch (e) {
          return op.reject(e); // a value holding channels this thread cannot have (nested pools)
        }
        return op.resolve(shapeRecv(op.shape as Shape, value, ok));
      }
      case ToWorker.Selected: {
        let r: unknown;
        try {
          r = this.selected(
            op.shape as readonly SelectShape[],
            b[i + 2] as number,
            b[i + 3] as boolean,
            b[i + 4] as Packed,
          );
        } catch (e) {
          return op.reject(e);
        }
        return op.resolve(r);
      }
    }
  }

  /** The record of a committed select case: `{ index }` for a send, `{ index, value, ok }` for a receive. */
  selected(
    cases: readonly SelectShape[],
    index: number,
    ok: boolean,
    p: Packed,
  ): { index: number; value?: unknown; ok?: boolean } {
    const c = cases[index] as SelectShape;
    if (c.isSend) return { index };
    return { index, value: ok ? unpack(p) : c.ch.zero, ok };
  }

  /**
   * A synchronous request: blocks this thread until the owner has answered on the sync port. Not
   * on the main thread (for a channel a worker created): blocking it could deadlock with a worker
   * blocked the same way on it, and would stall every other thread's operations meanwhile.
   */
  sync(m: Msg, what: string): Msg {
    if (this.syncPort === undefined || this.syncFlag === undefined) throw new OwnerThreadError(what);
    platform().syncCheck(m);
    this.outbox.flush();
    Atomics.store(this.syncFlag, 0, 0);
    this.outbox.postNow(m, []);
    Atomics.wait(this.syncFlag, 0, 0);
    for (;;) {
      const r = platform().syncReceive(this.syncPort, this.syncFlag);
      if (r !== undefined) return r;
      // The answer is enqueued before the notify; this is only a guard.
      Atomics.wait(this.syncFlag, 0, 1, 1);
    }
  }
}

/** The DataCloneError of a synchronous answer {@link SyncStatus.Uncloneable}. */
export function uncloneable(r: Msg): DOMException {
  return new DOMException(typeof r[1] === 'string' ? r[1] : 'a value could not be cloned', 'DataCloneError');
}

function failure(why: Why, detail: unknown, signal: AbortSignal | undefined): unknown {
  if (why === Why.Closed) return new SendOnClosedChannelError();
  if (why === Why.Uncloneable) return new DOMException(String(detail), 'DataCloneError');
  if (why === Why.OwnerExited) return new OwnerExitedError(detail as number);
  return signal?.reason;
}

function shapeRecv(shape: Shape, value: unknown, ok: boolean): unknown {
  switch (shape) {
    case Shape.Value:
      return value;
    case Shape.Iter:
      return ok ? { value, done: false } : { value: undefined, done: true };
    default:
      return { value, ok };
  }
}

/**
 * A {@link ThreadChannel} as a thread other than its owner sees it: the same operations, carried
 * out by the thread that owns the channel. Worker functions receive these in place of the
 * ThreadChannels given to `WorkerPool.go`; the main thread receives one for a ThreadChannel that a
 * worker's goroutine created and returned, and may hand it on to other workers with `go` (it
 * relays their operations to the owner). On a thread other than a worker channel's owner,
 * `trySend`, `tryRecv`, `close`, `length` and a select with `default` throw
 * {@link OwnerThreadError}. Type them as `RecvChannel<T>` / `SendChannel<T>`.
 *
 * @example
 * ```ts
 * // worker.ts, run by WorkerPool
 * export async function worker(jobs: RecvChannel<number>, results: SendChannel<number>) {
 *   for await (const j of jobs) await results.send(j * 2); // for j := range jobs { results <- j * 2 }
 * }
 * ```
 */
export class RemoteChannel<T> implements SendChannel<T>, RecvChannel<T> {
  /** @internal makes a raw `postMessage(ch)` throw, naming the right way to pass it. */
  readonly crossThread: symbol = REMOTE_CHANNEL;

  /** @internal */
  constructor(
    /** @internal */
    readonly link: RemoteLink,
    /** @internal */
    readonly threadId: number,
    readonly capacity: number,
    readonly name: string | undefined,
    /** @internal */
    readonly zero: T | undefined,
    /**
     * @internal 0 for a channel of the link's other end; else the id of the owner thread, a
     * third thread whose channel the other end relays (ChannelHandle.home).
     */
    readonly home: number = 0,
  ) {}

  /** `ch <- value`: resolves once the owner has buffered it or handed it to a receiver on any thread. */
  readonly send = (value: T, options?: ThreadSendOptions): Promise<void> => {
    const signal = signalOf(options);
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    const transfer = options?.transfer;
    if (transfer !== undefined) {
      const offer: { own?: readonly Mine[] | undefined } = {};
      const sent = this.link.request<void>(
        [ToOwner.SendRaw, 0, this.threadId, [value]],
        Shape.Send,
        signal,
        undefined,
        transfer,
        () => {
          const raw = rawHeld(value);
          offer.own = offered(raw);
          return raw;
        },
      );
      return offer.own === undefined ? sent : untaken(sent, offer.own);
    }
    let p: Packed;
    try {
      p = pack(value);
    } catch (e) {
      return Promise.reject(e);
    }
    const sent = this.link.op<void>(ToOwner.Send, this.threadId, p, Shape.Send, signal, undefined);
    const own = offered(p);
    return own === undefined ? sent : untaken(sent, own);
  };

  /** `select { case ch <- v: return true; default: return false }`, answered by the owner. */
  readonly trySend = (value: T): boolean => {
    const p = pack(value);
    const own = offered(p);
    let r: Msg;
    try {
      r = this.sync([ToOwner.TrySend, this.threadId, p], 'trySend');
    } catch (e) {
      if (own !== undefined) unoffer(own);
      throw e;
    }
    if (r[0] !== SyncStatus.Ok && own !== undefined) unoffer(own);
    if (r[0] === SyncStatus.SendOnClosed) throw new SendOnClosedChannelError();
    if (r[0] === SyncStatus.Uncloneable) throw uncloneable(r);
    return r[0] === SyncStatus.Ok;
  };

  /** `v, ok := <-ch`. */
  recv(options?: BlockingOptions): Promise<RecvResult<T>> {
    return this.recvShaped(Shape.Result, options);
  }

  /** `v := <-ch`. */
  recvValue(options?: BlockingOptions): Promise<T | undefined> {
    return this.recvShaped(Shape.Value, options);
  }

  /** A non-blocking receive, answered by the owner. */
  tryRecv(): RecvResult<T> | undefined {
    const r = this.sync([ToOwner.TryRecv, this.threadId], 'tryRecv');
    if (r[0] === SyncStatus.Uncloneable) throw uncloneable(r);
    if (r[0] !== SyncStatus.Ok) return undefined;
    const ok = r[1] as boolean;
    return (ok ? { value: unpack(r[2] as Packed), ok } : { value: this.zero, ok }) as RecvResult<T>;
  }

  /** `close(ch)`, carried out by the owner; throws here as it would there. */
  close(): void {
    const r = this.sync([ToOwner.Close, this.threadId], 'close');
    if (r[0] === SyncStatus.CloseOfClosed) throw new CloseOfClosedChannelError();
  }

  /** `len(ch)`, as the owner sees it now. */
  get length(): number {
    return this.sync([ToOwner.Len, this.threadId], 'length')[1] as number;
  }

  /** `for v := range ch`: one receive per step; leaving the loop takes nothing. */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined, undefined> {
    return {
      next: () => this.recvShaped(Shape.Iter, undefined),
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }

  /**
   * A synchronous request to the owner. Refused for a relayed channel: its owner is a worker, which
   * may itself be blocked waiting for this thread (see OwnerThreadError).
   */
  private sync(m: Msg, what: string): Msg {
    // A negative id is relayed too: by a worker, for a nested pool's thread (home is then 0).
    if (this.home !== 0 || this.threadId < 0) throw new OwnerThreadError(what);
    return this.link.sync(m, what);
  }

  private recvShaped<R>(shape: Shape, options: BlockingOptions | undefined): Promise<R> {
    const signal = signalOf(options);
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    return this.link.op(ToOwner.Recv, this.threadId, undefined, shape, signal, this.zero);
  }
}

/**
 * A send of a value holding channels of this thread (`own`): if no thread took it (it failed, or
 * was aborted), their handles are given back (registry.ts). Not when the owner exited: it may have
 * handed the value on before, with its answer lost.
 */
export function untaken<R>(p: Promise<R>, own: readonly Mine[]): Promise<R> {
  return p.catch((e: unknown) => {
    if (!(e instanceof OwnerExitedError)) unoffer(own);
    throw e;
  });
}

function signalOf(options: BlockingOptions | undefined): AbortSignal | undefined {
  if (options === undefined) return undefined;
  checkSignal(options.signal);
  return options.signal;
}

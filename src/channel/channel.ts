/**
 * Channel<T>: Go's `hchan` (runtime/chan.go). One structure, three verbs.
 *
 * - a ring buffer of up to `capacity` values (`buf`, `head`, `count`),
 * - a queue of blocked senders (`sendq`) and one of blocked receivers (`recvq`),
 * - a `closed` flag.
 *
 * The invariants are Go's: receivers wait only while the buffer is empty, senders only while it
 * is full, so at most one of the two queues is non-empty (a select may park a send and a receive
 * on the same channel; both belong to one select and the first hand-off unlinks the other).
 * Every verb first tries to complete at once and only then parks a {@link Waiter}.
 */
import { CloseOfClosedChannelError, CloseOfNilChannelError, SendOnClosedChannelError } from './errors.js';
import { completed, completedVoid, resume } from '../runtime/scheduler.js';
import { describe } from '../runtime/args.js';
import { failAtAwaiter } from '../runtime/panicsite.js';
import { shared } from '../runtime/shared.js';
import { checkOptions, checkSignal } from '../runtime/signal.js';
import type { ChannelTimer } from './timerhook.js';
import type { BlockingOptions, ChannelOptions, RecvChannel, RecvResult, SendChannel } from './types.js';
import { promiseFor, trackPark, WaitQueue, Waiter, type WaitReason } from '../runtime/waiter.js';

const MAX_CAPACITY = 2 ** 31 - 1;
/** Ring buffers start this small and double as they fill, up to the capacity. */
const INITIAL_RING = 16;

/** How a parked plain receive hands its result back (its waiter's `shape`). */
export const enum Shape {
  Result, // { value, ok }
  Value, // value or zero
  Iter, // IteratorResult
}

// Two copies of chango in one process (an application whose dependencies load both the ESM and
// the CommonJS build) run each other's channels through their own methods, so both must agree on
// the sentinels: the pair in the registry object they share.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is used
declare const emptyType: unique symbol;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is used
declare const closedType: unique symbol;
/** What {@link Channel.pollRecv} returns when a receive would block. */
export const EMPTY: typeof emptyType = shared.empty as typeof emptyType;
/** What {@link Channel.pollRecv} returns for a closed, drained channel: the receive reads `(zero, false)`. */
export const CLOSED: typeof closedType = shared.closed as typeof closedType;
/** A poll that took nothing: {@link EMPTY} or {@link CLOSED}. Never a channel's value: both are private. */
type NoValue = typeof EMPTY | typeof CLOSED;

const NOT_CLONEABLE = Symbol('a Channel cannot cross threads: use ThreadChannel');

/** What every channel's queues are until something parks: always empty, never pushed to. */
const EMPTY_QUEUE = new WaitQueue();
/** The buffer of every unbuffered channel: never written, since `count < capacity` never holds. */
const NO_BUFFER: never[] = [];
const NO_OPTIONS: ChannelOptions<never> = {};

/**
 * How the channel of a sync primitive shows in the deadlock report: the primitive's Go type as
 * its name, and the wait reason of a receive blocked on it (`'sync.WaitGroup.Wait'`). Not a public
 * option: only the sync primitives make such channels, with {@link syncChannel}.
 */
export interface SyncSite {
  readonly name: string;
  readonly recvReason: WaitReason;
}

/** What the constructor keeps: the public options, or a sync primitive's {@link SyncSite}. */
type Setup<T> = ChannelOptions<T> & { readonly recvReason?: WaitReason };

/** A queue that is never drained: the nil channel's waiters point at it to read as blocked. */
const NEVER = new WaitQueue();

/**
 * A Go channel: `make(chan T, capacity)`. Capacity 0 (the default) is unbuffered: a send
 * completes only when a receiver takes the value.
 *
 * @example
 * ```ts
 * const ch = new Channel<string>();        // ch := make(chan string)
 * void (async () => { await ch.send('ping'); })(); // go func() { ch <- "ping" }()
 * const { value, ok } = await ch.recv();   // v, ok := <-ch
 * ```
 */
export class Channel<T, out Z = T | undefined> implements SendChannel<T>, RecvChannel<T, Z> {
  /**
   * @internal Makes structured clone (`postMessage`, `structuredClone`) throw at once, naming the
   * cross-thread channel, instead of copying the channel into a dead plain object. A symbol is
   * never cloneable, and V8 puts its description in the DataCloneError. First field, so that it
   * is met before the buffer; one shared constant, so the channel pays one slot and no time.
   */
  readonly crossThread: symbol = NOT_CLONEABLE;
  /** @internal ring buffer storage; its length is a power of two no larger than needed. */
  buf: (T | undefined)[];
  /** @internal index of the oldest buffered value. */
  head = 0;
  /** @internal number of buffered values (Go's `qcount`). */
  count = 0;
  /** @internal the buffer's size: Go's `dataqsiz`. */
  readonly size: number;
  /** @internal blocked senders, oldest first (a shared empty queue until the first park). */
  sendq: WaitQueue = EMPTY_QUEUE;
  /** @internal blocked receivers, oldest first (a shared empty queue until the first park). */
  recvq: WaitQueue = EMPTY_QUEUE;
  /** @internal */
  closed = false;
  /** @internal Go 1.23's `hchan.timer`: set on the channels of `src/time`. */
  timer: ChannelTimer | null = null;
  /**
   * @internal the construction options, shared when none were given: read only off the hot path
   * (and by the deadlock report, for a sync primitive's wait reason).
   */
  readonly opts: Setup<T>;

  /**
   * `make(chan T, capacity)`.
   *
   * @param capacity buffer size; 0 for an unbuffered channel. An integer from 0 to 2^31-1.
   * @throws RangeError for a capacity that is negative, fractional, NaN, infinite or too large.
   * @example
   * ```ts
   * const jobs = new Channel<number>(100);              // make(chan int, 100)
   * const done = new Channel<void>();                   // make(chan struct{})
   * const n = new Channel<number>(0, { zero: 0 });      // reads 0, not undefined, once closed
   * ```
   */
  constructor(capacity = 0, options?: ChannelOptions<T>) {
    if (typeof capacity !== 'number') {
      throw new TypeError(`Channel capacity must be a number, got ${describe(capacity)}`);
    }
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY) {
      throw new RangeError(`makechan: size out of range (${capacity})`);
    }
    this.size = capacity + 0; // -0 is an integer in range, but cap(ch) is 0
    this.buf = capacity === 0 ? NO_BUFFER : new Array<T | undefined>(Math.min(INITIAL_RING, ringSize(capacity)));
    this.opts = options ?? NO_OPTIONS;
  }

  /** The debug name given at construction; the deadlock report shows it. */
  get name(): string | undefined {
    return this.opts.name;
  }

  /** @internal the zero value a closed, drained channel reads. */
  get zero(): T | undefined {
    return this.opts.zero;
  }

  /** @internal true only for the nil channel. */
  get isNil(): boolean {
    return (this as unknown) === NIL;
  }

  /**
   * Go's nil channel (`var ch chan T`): send and receive block forever, close throws, and a
   * select case on it is never ready, which is how Go switches a case off.
   *
   * @example
   * ```ts
   * let in1: RecvChannel<number> = a;
   * // once a is closed and drained:
   * in1 = Channel.nil<number>(); // this select case is now disabled
   * ```
   */
  static nil<T>(): Channel<T> {
    return NIL as Channel<T>;
  }

  /**
   * `cap(ch)`: the buffer's size. A timer's channel reports 0: Go 1.23 presents it as
   * unbuffered, though it keeps one value internally.
   */
  get capacity(): number {
    return this.timer === null ? this.size : 0;
  }

  /**
   * `len(ch)`: the number of buffered values. Always 0 for a timer's channel, as in Go 1.23: its
   * value passes through the buffer only within the receive that takes it.
   */
  get length(): number {
    return this.count;
  }

  /**
   * `ch <- value`. Resolves once the value is buffered or, on an unbuffered channel, taken by a
   * receiver. Rejects with {@link SendOnClosedChannelError} if the channel is closed, now or
   * while this send waits, and with `signal.reason` if aborted (the value is then never
   * delivered).
   *
   * @example
   * ```ts
   * await results.send(job * 2); // results <- job * 2
   * ```
   */
  send(value: T, options?: BlockingOptions): Promise<void> {
    if (this == null) throw unbound('send');
    const signal = signalOf(options);
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new SendOnClosedChannelError());
    if (this.sendNow(value)) return completedVoid();
    const w = new Waiter(this, true);
    w.value = value;
    return this.park(w, signal);
  }

  /**
   * A non-blocking send: Go's `select { case ch <- v: ...; default: ... }`. Returns true if the
   * value was buffered or handed to a waiting receiver, false if the send would block.
   *
   * @throws SendOnClosedChannelError if the channel is closed.
   * @example
   * ```ts
   * if (!events.trySend(e)) dropped++;
   * ```
   */
  trySend(value: T): boolean {
    if (this == null) throw unbound('trySend');
    if (this.closed) throw new SendOnClosedChannelError();
    return this.sendNow(value);
  }

  /**
   * `v, ok := <-ch`. Resolves to `{ value, ok: true }` for a sent value, or to
   * `{ value: zero, ok: false }` once the channel is closed and drained. Rejects with
   * `signal.reason` if aborted, in which case no value was consumed.
   *
   * @example
   * ```ts
   * const r = await ch.recv();
   * if (!r.ok) return; // closed
   * console.log(r.value);
   * ```
   */
  recv(options?: BlockingOptions): Promise<RecvResult<T, Z>> {
    if (this == null) throw unbound('recv');
    const signal = signalOf(options);
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    const r = this.recvNow();
    if (r !== undefined) return completed(r as RecvResult<T, Z>);
    return this.park(new Waiter(this, false), signal);
  }

  /**
   * `v := <-ch`: the one-value form. Resolves to the value, or to the zero value once the
   * channel is closed and drained. On a channel made with a `zero` value it is typed `T`, as
   * Go's `v := <-ch` is; without one, `T | undefined`.
   *
   * Being a promise's value, a value with a `then` method (a promise, or any thenable) is
   * adopted, not returned: `recvValue()` resolves to what that thenable settles to, and never if
   * it never settles. A channel that carries promises or thenables should be read with `recv()`,
   * whose `{ value, ok }` returns them intact.
   *
   * @example
   * ```ts
   * const v = await ch.recvValue(); // v := <-ch
   * ```
   */
  recvValue(options?: BlockingOptions): Promise<T | Z> {
    if (this == null) throw unbound('recvValue');
    const signal = signalOf(options);
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    const v = this.pollRecv();
    if (v !== EMPTY) return completed((v === CLOSED ? this.zero : v) as T | Z);
    const w = new Waiter(this, false);
    w.shape = Shape.Value;
    return this.park(w, signal);
  }

  /**
   * A non-blocking receive: Go's `select { case v, ok := <-ch: ...; default: ... }`. Returns
   * the result, or `undefined` if the receive would block.
   *
   * @example
   * ```ts
   * const r = ch.tryRecv() ?? (await ch.recv()); // the fastest way to drain a busy channel
   * ```
   */
  tryRecv(): RecvResult<T, Z> | undefined {
    if (this == null) throw unbound('tryRecv');
    return this.recvNow() as RecvResult<T, Z> | undefined;
  }

  /**
   * `close(ch)`. Buffered values still drain in order; after them every receiver, waiting or
   * later, reads `(zero, false)`. Every blocked sender rejects with
   * {@link SendOnClosedChannelError}, and so does every later send.
   *
   * @throws CloseOfClosedChannelError on a second close.
   * @throws CloseOfNilChannelError on the nil channel.
   * @example
   * ```ts
   * close(jobs) // Go
   * jobs.close(); // TypeScript
   * ```
   */
  close(): void {
    if (this == null) throw unbound('close');
    if (this.isNil) throw new CloseOfNilChannelError();
    if (this.closed) throw new CloseOfClosedChannelError();
    this.closed = true;
    // Receivers wait only on an empty buffer, so each of them reads (zero, false) now.
    let w: Waiter | null;
    while ((w = this.recvq.first) !== null) {
      this.unlink(w);
      completeRecv(w, this.zero, false);
    }
    while ((w = this.sendq.shift()) !== null) failSend(w, sendOnClosed);
  }

  /**
   * `for v := range ch`: yields every value until the channel is closed and drained. Breaking
   * out of the loop neither closes the channel nor loses a value: a value is only taken when the
   * loop asks for the next one.
   *
   * @example
   * ```ts
   * for await (const result of results) console.log('Result:', result);
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined, undefined> {
    if (this == null) throw unbound('[Symbol.asyncIterator]');
    return new ChannelIterator(this);
  }

  // ---- internal: the building blocks select uses -------------------------------------------

  /** @internal hands `value` to a waiting receiver or buffers it; false if it would block. The caller has checked `closed`. */
  sendNow(value: T): boolean {
    const r = this.recvq.first;
    if (r !== null) {
      this.unlink(r);
      completeRecv(r, value, true);
      return true;
    }
    if (this.count < this.size) {
      if (this.count === this.buf.length) this.grow();
      this.buf[(this.head + this.count) & (this.buf.length - 1)] = value;
      this.count++;
      return true;
    }
    return false;
  }

  /** @internal takes a value (or the closed result) if one is available at once. */
  recvNow(): RecvResult<T> | undefined {
    const v = this.pollRecv();
    if (v === EMPTY) return undefined;
    return v === CLOSED ? { value: this.zero, ok: false } : { value: v, ok: true };
  }

  /**
   * @internal the receive itself: takes and returns a value if one is available at once;
   * otherwise {@link CLOSED} if the channel is closed and drained, {@link EMPTY} if it would block.
   */
  pollRecv(): T | NoValue {
    if (this.count > 0) {
      const buf = this.buf;
      const value = buf[this.head] as T;
      buf[this.head] = undefined;
      this.head = (this.head + 1) & (buf.length - 1);
      this.count--;
      // A sender blocked on the full buffer moves its value into the slot just freed.
      const s = this.sendq.first;
      if (s !== null) {
        this.sendq.remove(s);
        buf[(this.head + this.count) & (buf.length - 1)] = s.value as T;
        this.count++;
        completeSend(s);
      }
      return value;
    }
    const s = this.sendq.first;
    if (s !== null) {
      this.sendq.remove(s);
      const value = s.value as T;
      completeSend(s);
      return value;
    }
    if (this.closed) return CLOSED;
    return this.timer !== null && this.timer.fire() ? this.pollRecv() : EMPTY;
  }

  /** @internal would a receive complete at once? */
  canRecv(): boolean {
    return this.count > 0 || this.sendq.first !== null || this.closed || (this.timer !== null && this.timer.ready());
  }

  /** @internal would a send complete at once (or panic because the channel is closed)? */
  canSend(): boolean {
    return this.closed || this.recvq.first !== null || this.count < this.size;
  }

  /** @internal links a waiter on the queue it belongs to (a select case, or via park). */
  enqueue(w: Waiter): void {
    if (w.isSend) {
      if (this.sendq === EMPTY_QUEUE) this.sendq = new WaitQueue();
      this.sendq.push(w);
    } else {
      if (this.recvq === EMPTY_QUEUE) this.recvq = new WaitQueue();
      this.recvq.push(w);
      if (this.timer !== null) this.timer.block();
    }
  }

  /** @internal unlinks a waiter from whichever queue holds it (see ChannelLike). */
  unlink(w: Waiter): void {
    if (w.queue === NEVER) {
      w.queue = null;
    } else if (w.isSend) {
      this.sendq.remove(w);
    } else {
      this.recvq.remove(w);
      if (this.timer !== null) this.timer.unblock();
    }
  }

  /** @internal parks a plain (non-select) operation. */
  park<R>(w: Waiter, signal: AbortSignal | undefined): Promise<R> {
    const p = promiseFor<R>(w);
    if (this.isNil) w.queue = NEVER;
    else this.enqueue(w);
    if (signal !== undefined) {
      w.signal = signal;
      signal.addEventListener('abort', w);
    }
    trackPark(w);
    return p;
  }

  private grow(): void {
    const old = this.buf;
    const n = old.length;
    const next = new Array<T | undefined>(Math.min(n * 2, ringSize(this.size)));
    for (let i = 0; i < n; i++) next[i] = old[(this.head + i) & (n - 1)];
    this.buf = next;
    this.head = 0;
  }
}

/** The `signal` of a blocking call's options, validated: a TypeError if it is not an AbortSignal. */
function signalOf(options: BlockingOptions | undefined): AbortSignal | undefined {
  if (options === undefined) return undefined;
  checkOptions(options);
  const signal = options.signal;
  checkSignal(signal);
  return signal;
}

/**
 * The TypeError of a method called without its channel (`const { send } = ch; send(v)`), which
 * would otherwise fail on its first field read with "Cannot read properties of undefined".
 */
function unbound(method: string): TypeError {
  return new TypeError(`Channel.${method} called without its channel: use ch.${method}()`);
}

/** The smallest power of two that holds `capacity` values. */
function ringSize(capacity: number): number {
  let n = 1;
  while (n < capacity) n *= 2;
  return n;
}

/** Completes a parked receive with a value (ok) or the zero value (closed). */
function completeRecv(w: Waiter, value: unknown, ok: boolean): void {
  w.value = value;
  w.ok = ok;
  if (w.group !== null) return w.group.commit(w);
  release(w);
  switch (w.shape as Shape) {
    case Shape.Result:
      return resume(w.resolve, { value, ok });
    case Shape.Value:
      return resume(w.resolve, value);
    case Shape.Iter:
      return resume(w.resolve, ok ? { value, done: false } : { value: undefined, done: true });
  }
}

/** Completes a parked send whose value has been taken. */
function completeSend(w: Waiter): void {
  if (w.group !== null) return w.group.commit(w);
  release(w);
  resume(w.resolve, undefined);
}

/** Fails a parked send: its channel was closed. The error is built where the sender awaits. */
function failSend(w: Waiter, error: () => Error): void {
  if (w.group !== null) return w.group.fail(w, error);
  release(w);
  failAtAwaiter(w.resolve, error);
}

function sendOnClosed(): Error {
  return new SendOnClosedChannelError();
}

function release(w: Waiter): void {
  if (w.signal !== null) {
    w.signal.removeEventListener('abort', w);
    w.signal = null;
  }
}

/** `for v := range ch`, one receive per `next()`. */
class ChannelIterator<T> implements AsyncIterator<T, undefined, undefined> {
  /** The receive a pending `next()` has parked, so that `return()` can withdraw it. */
  private pending: Waiter | null = null;
  /** Set by `return()`: the loop is over and takes nothing more. */
  private finished = false;

  constructor(private readonly ch: Channel<T, unknown>) {}

  next(): Promise<IteratorResult<T, undefined>> {
    const ch = this.ch;
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    const v = ch.pollRecv();
    if (v !== EMPTY) {
      // Built as { value, done }, V8's iterator-result shape, which promise resolution fast-paths.
      return completed(v === CLOSED ? { value: undefined, done: true } : { value: v, done: false });
    }
    const w = new Waiter(ch, false);
    w.shape = Shape.Iter;
    this.pending = w;
    return ch.park(w, undefined);
  }

  /**
   * Leaving the loop early takes nothing and closes nothing. A `next()` still waiting (a stream
   * destroyed mid-read, `Readable.from(ch)`) is withdrawn from the channel and ends with
   * `done`, so the value a sender hands over next goes to another receiver, not into the void.
   */
  return(): Promise<IteratorResult<T, undefined>> {
    this.finished = true;
    const w = this.pending;
    if (w !== null) {
      this.pending = null;
      if (w.queue !== null) {
        this.ch.unlink(w);
        w.resolve({ value: undefined, done: true });
      }
    }
    return Promise.resolve({ value: undefined, done: true });
  }
}

const NIL = new Channel<never, never>(0, { name: 'nil' });

/**
 * The constructor of {@link Channel}, as the package exports it: `make(chan T, capacity)`, with a
 * second signature so that a channel made with a `zero` value is typed `Channel<T, T>` and its
 * receives read `T`, like Go's `v := <-ch`, while one without stays `Channel<T>` (`T | undefined`).
 *
 * @example
 * ```ts
 * const n = new Channel<number>(0, { zero: 0 }); // Channel<number, number>
 * const v = await n.recvValue();                  // v: number, as v := <-n
 * ```
 */
export interface ChannelConstructor {
  /** `make(chan T, capacity)` whose closed, drained receives read `options.zero`: typed `T`. */
  new <T>(capacity: number, options: ChannelOptions<T> & { readonly zero: T }): Channel<T, T>;
  /** `make(chan T, capacity)`; receives from it once closed and drained read `undefined`. */
  new <T = unknown>(capacity?: number, options?: ChannelOptions<T>): Channel<T>;
  readonly prototype: Channel<unknown, unknown>;
  /** Go's nil channel: see {@link Channel.nil}. */
  nil<T>(): Channel<T>;
}

/** A channel a sync primitive parks its callers on; `site` says how they read in the deadlock report. */
export function syncChannel<T>(capacity: number, site: SyncSite): Channel<T> {
  return new Channel<T>(capacity, site);
}

/**
 * @internal Is `x` a channel, of this copy of chango or of another one loaded in the same
 * process (the ESM and the CommonJS build)? `instanceof` first; the other copy's channels are
 * recognised by the internal methods select calls. (Not a symbol-keyed brand: a computed class
 * member would keep bundlers from dropping the class when it is unused.)
 */
export function isChannel(x: unknown): x is Channel<unknown> {
  if (x instanceof Channel) return true;
  const c = x as Partial<Channel<unknown>> | null;
  return typeof c === 'object' && c !== null && typeof c.pollRecv === 'function' && typeof c.enqueue === 'function';
}

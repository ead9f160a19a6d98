/**
 * The public shapes of a channel: results, options and Go's directional channel types.
 */

/**
 * The result of a receive: Go's `v, ok := <-ch`. `ok` is true for a value that was sent and false
 * once the channel is closed and drained, when `value` is the channel's zero value. Checking
 * `ok` narrows `value` to `T`.
 *
 * `Z` is the type of what a closed, drained receive reads: `T | undefined` by default, `T` for a
 * channel made with a `zero` value (`new Channel<number>(0, { zero: 0 })` reads `number` either
 * way, as Go's `int` does).
 *
 * @example
 * ```ts
 * const r = await ch.recv();
 * if (r.ok) use(r.value); // r.value: T
 * ```
 */
export type RecvResult<T, Z = T | undefined> =
  | { readonly value: T; readonly ok: true }
  | { readonly value: Z; readonly ok: false };

/**
 * Options of a blocking operation: an `AbortSignal` plays the part of Go's `ctx.Done()`.
 * An aborted operation rejects with `signal.reason` and leaves no trace on the channel.
 *
 * @example
 * ```ts
 * await ch.recv({ signal: AbortSignal.timeout(100) });
 * ```
 */
export interface BlockingOptions {
  readonly signal?: AbortSignal | undefined;
}

/**
 * Construction options of a channel.
 *
 * @example
 * ```ts
 * const counts = new Channel<number>(0, { zero: 0, name: 'counts' });
 * ```
 */
export interface ChannelOptions<T> {
  /** What a receive from the closed, drained channel returns: Go's zero value. Default `undefined`. */
  readonly zero?: T;
  /** A debug name, shown by the deadlock report. */
  readonly name?: string;
}

/**
 * A receive-only channel: Go's `<-chan T`. Hand this type to code that must not send or close.
 * `Z` is the type of what its closed, drained receives read: `T | undefined` by default, `T` for
 * a channel made with a `zero` value.
 *
 * @example
 * ```ts
 * async function worker(jobs: RecvChannel<number>, results: SendChannel<number>) {
 *   for await (const j of jobs) await results.send(j * 2);
 * }
 * ```
 */
export interface RecvChannel<out T, out Z = T | undefined> extends AsyncIterable<T> {
  /** `v, ok := <-ch`. */
  recv(options?: BlockingOptions): Promise<RecvResult<T, Z>>;
  /**
   * `v := <-ch`: the value, or the zero value once the channel is closed and drained. Typed `T`
   * when the channel has a zero value, `T | undefined` otherwise. A value with a `then` method
   * is adopted like any promise resolution: use `recv()` to carry thenables.
   */
  recvValue(options?: BlockingOptions): Promise<T | Z>;
  /** `select { case v, ok := <-ch: ...; default: }`: a result, or `undefined` if it would block. */
  tryRecv(): RecvResult<T, Z> | undefined;
  /** `len(ch)`. */
  readonly length: number;
  /** `cap(ch)`. */
  readonly capacity: number;
  /** The debug name given at construction. */
  readonly name: string | undefined;
  /** `for v := range ch`. */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined, undefined>;
}

/**
 * A send-only channel: Go's `chan<- T`. It can send and close, not receive.
 *
 * @example
 * ```ts
 * async function produce(out: SendChannel<number>) {
 *   for (let i = 0; i < 3; i++) await out.send(i);
 *   out.close();
 * }
 * ```
 */
export interface SendChannel<in T> {
  // Function-typed properties rather than methods: TypeScript checks their parameters
  // contravariantly, so a Channel<number> is not accepted where a SendChannel<number | string> is.
  /** `ch <- v`. */
  readonly send: (value: T, options?: BlockingOptions) => Promise<void>;
  /** `select { case ch <- v: return true; default: return false }`. */
  readonly trySend: (value: T) => boolean;
  /** `close(ch)`. */
  close(): void;
  /** `len(ch)`. */
  readonly length: number;
  /** `cap(ch)`. */
  readonly capacity: number;
  /** The debug name given at construction. */
  readonly name: string | undefined;
}

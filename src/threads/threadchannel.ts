/**
 * ThreadChannel: a Go channel whose parties may run on other threads.
 *
 * On the thread that creates it (its owner) it *is* a {@link Channel}: the same hchan, the same
 * select, mixing freely with local channels. Handed to a worker through {@link WorkerPool.go}
 * (or, created on a worker, handed back to the main thread as a goroutine's return value, and
 * from there to other workers; or sent inside a value on a cross-thread channel, as Go's
 * `chan chan T`), it
 * arrives there as a proxy whose every operation is carried out by the owner, so every Go rule
 * holds across threads exactly as it holds on one. Create it on the thread that sends on it:
 * a send then completes on its own thread, and a value crosses once, with the receiver's next
 * request on its way back.
 */
import type { TransferListItem } from 'node:worker_threads';
import { Channel } from '../channel/channel.js';
import type { BlockingOptions, ChannelOptions } from '../channel/types.js';
import { THREAD_CHANNEL } from './held.js';
import { copy } from './pack.js';
import { drained, nextChannelId, setMakeClosed } from './registry.js';

/**
 * Options of a send on a cross-thread channel: a blocking operation's options plus a transfer
 * list (the objects, such as `ArrayBuffer`s, moved to the receiver instead of copied).
 *
 * @example
 * ```ts
 * await frames.send(buf, { transfer: [buf.buffer] }); // buf is moved, not copied
 * ```
 */
export interface ThreadSendOptions extends BlockingOptions {
  readonly transfer?: readonly TransferListItem[] | undefined;
}

/**
 * A channel that crosses worker threads: Go's `make(chan T, capacity)` for goroutines that run
 * on other cores. Values are copied as by `structuredClone` when they are sent, except the
 * cross-thread channels inside them, which arrive as the same channels (Go's `chan chan T`); a
 * value that cannot be cloned makes the send fail at once and nothing is enqueued.
 *
 * @example
 * ```ts
 * import { ThreadChannel, WorkerPool } from 'chango/threads';
 *
 * const jobs = new ThreadChannel<number>(100);     // jobs := make(chan int, 100)
 * const results = new ThreadChannel<number>(100);
 * const pool = new WorkerPool(new URL('./worker.js', import.meta.url), { size: 2 });
 * const done = pool.go('worker', jobs, results);   // go worker(jobs, results), on another thread
 * ```
 */
export class ThreadChannel<T> extends Channel<T> {
  /** @internal makes a raw `postMessage(ch)` throw, naming the right way to pass it. */
  override readonly crossThread: symbol = THREAD_CHANNEL;
  /** @internal the channel's id in the messages between threads. */
  readonly threadId: number = nextChannelId();

  /**
   * `make(chan T, capacity)` for goroutines on any thread.
   *
   * @example
   * ```ts
   * const results = new ThreadChannel<number>(16, { zero: 0 });
   * ```
   */
  constructor(capacity = 0, options?: ChannelOptions<T>) {
    super(capacity, options);
  }

  /**
   * `ch <- value`, with the value copied first (and `options.transfer` moved). Rejects with the
   * platform's `DataCloneError` if the value cannot be cloned; nothing is then enqueued.
   *
   * @example
   * ```ts
   * await jobs.send({ id: 1, n: 40 });
   * ```
   */
  override send(value: T, options?: ThreadSendOptions): Promise<void> {
    let v: T;
    try {
      v = copy(value, options?.transfer);
    } catch (e) {
      return Promise.reject(e);
    }
    return super.send(v, options);
  }

  /**
   * A non-blocking send of a copy of `value`.
   *
   * @throws SendOnClosedChannelError if the channel is closed; DataCloneError if `value` cannot be cloned.
   * @example
   * ```ts
   * if (!results.trySend(r)) await results.send(r);
   * ```
   */
  override trySend(value: T): boolean {
    if (this.closed) return super.trySend(value);
    return super.trySend(copy(value, undefined));
  }

  /**
   * `close(ch)`. A channel that went to other threads and is now closed and drained has no state
   * left, so its owner stops holding it for them (registry.ts).
   *
   * @throws CloseOfClosedChannelError on a second close.
   * @example
   * ```ts
   * const reply = new ThreadChannel<number>();
   * await reqs.send({ n: 42, reply });
   * console.log(await reply.recvValue());
   * reply.close(); // done with it: the server's thread and this one may both let it go
   * ```
   */
  override close(): void {
    super.close();
    if (this.count === 0) drained(this);
  }
}

// A handle to a channel of this thread that was forgotten and collected comes back as a closed
// channel of the same id (registry.ts, mine).
setMakeClosed((capacity, name, zero) => {
  const c = new ThreadChannel<unknown>(capacity, { name, zero } as ChannelOptions<unknown>);
  c.close();
  return c;
});

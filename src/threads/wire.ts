/**
 * The messages between a thread that owns cross-thread channels and a thread that uses them.
 * Either side of a pool's link may own channels (the main thread's, handed to the worker; the
 * worker's own, handed back), so requests ({@link ToOwner}) and answers ({@link ToWorker}) flow
 * both ways on the same port, told apart by their op codes (answers start at {@link ANSWERS}). Go's runtime needs none of this: its goroutines share one heap. Each `postMessage`
 * carries a batch, so that the many goroutines of one thread pay one message per turn of its
 * event loop, not one per operation.
 *
 * A batch is one flat array: each message's op code followed by its fields, as many as
 * {@link FIELDS} says for that op. Structured clone copies a
 * flat array of numbers about twice as fast as the same fields in one small array per message,
 * and the copy, on both threads, is most of what a message costs the owner.
 */

/** Requests to a channel's owner (and, Done and Asleep, a worker's reports to the pool). */
export const enum ToOwner {
  /** [op, id, chId, bytes]: `ch <- v` with v serialized by the sender. */
  Send,
  /** [op, id, chId, box]: a send with a transfer list, posted on its own; the value boxed (held.ts, Raw). */
  SendRaw,
  /** [op, id, chId]: `<-ch`. */
  Recv,
  /** [op, id]: the operation's AbortSignal fired; the owner withdraws it if it has not completed. */
  Abort,
  /** [op, chId, bytes]: trySend, answered on the sync port. */
  TrySend,
  /** [op, chId]: tryRecv, answered on the sync port. */
  TryRecv,
  /** [op, chId]: close, answered on the sync port. */
  Close,
  /** [op, chId]: len, answered on the sync port. */
  Len,
  /** [op, id, cases]: a select over channels of this owner; cases are [chId, bytes | null]. */
  Select,
  /** [op, 0, cases]: a select with default, answered on the sync port: [status, index, ok, bytes]. */
  TrySelect,
  /** [op, goId, ok, result]: a goroutine started with `go` has returned (ok) or thrown. */
  Done,
  /** [op, received]: the worker's event loop has drained after `received` messages from the owner. */
  Asleep,
}

/** The first answer op code: every request op code is below it. */
export const ANSWERS = 16;

/** Answers from a channel's owner (and, Go, the pool's requests to a worker). */
export const enum ToWorker {
  /** [op, id]: a send completed. */
  Sent = 16,
  /** [op, id, ok, bytes]: a receive completed; bytes is null when !ok. */
  Received,
  /** [op, id, why, detail]: an operation failed; detail is null but for {@link Why.Uncloneable} and {@link Why.OwnerExited}. */
  Failed,
  /** [op, id, index, ok, bytes]: a select committed case `index`. */
  Selected,
  /** [op, goId, fn, args]: run `fn(...args)` (Go's `go fn(args)`). */
  Go,
}

/** Why an operation failed, in {@link ToWorker.Failed}. */
export const enum Why {
  Closed,
  Aborted,
  /** The value taken cannot be cloned to this thread; the detail is the error's message. */
  Uncloneable,
  /**
   * The channel's owner is a third thread, reached through this link's peer, and it has exited;
   * the detail is its exit code.
   */
  OwnerExited,
}

/** The fields of each message, its op code included, by op code ({@link ToOwner}, then {@link ToWorker}). */
export const FIELDS: readonly number[] = [4, 4, 3, 2, 3, 2, 2, 2, 3, 3, 4, 2, 0, 0, 0, 0, 2, 4, 4, 5, 4];

/** Sync-port replies (a plain array): [ok, payload]. */
export const enum SyncStatus {
  Ok,
  WouldBlock,
  SendOnClosed,
  CloseOfClosed,
  /** [status, message]: the value taken (tryRecv, a select's receive case) could not be cloned to the worker; it is lost, as for a receive. */
  Uncloneable,
}

/** A channel handed to another thread: what a `ThreadChannel` argument becomes in transit. */
export interface ChannelHandle {
  readonly __changoThreadChannel: number;
  readonly capacity: number;
  readonly name: string | undefined;
  readonly zero: unknown;
  /**
   * Set when the channel is owned by neither end of the link: a worker's channel that the main
   * thread hands on to another worker and relays its operations to (relay.ts). The owner thread's
   * number (registry.ts), which tells one owner's channels from another's (a select takes one owner's).
   */
  readonly home?: number;
  /** Set when the channel is owned by the thread the handle goes to: it is that thread's own channel. */
  readonly own?: true;
}

export function isHandle(v: unknown): v is ChannelHandle {
  return typeof v === 'object' && v !== null && typeof (v as ChannelHandle).__changoThreadChannel === 'number';
}

/** What the pool passes a worker thread in `workerData`. */
export interface WorkerBoot {
  readonly __changoWorker: true;
  readonly module: string;
  readonly port: MessagePort;
  readonly syncPort: MessagePort;
  readonly syncFlag: Int32Array;
  readonly index: number;
  /** The thread's number (registry.ts): what names it in the handles of channels inside values. */
  readonly thread: number;
}

/** One message: its op code and fields. */
export type Msg = readonly unknown[];

/** What one `postMessage` carries: messages one after the other, flattened. */
export type Batch = unknown[];

type MessagePort = import('node:worker_threads').MessagePort;

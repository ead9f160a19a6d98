/**
 * What a trace is made of: one {@link TraceEvent} per operation, in the order they began.
 *
 * Go's execution tracer (`runtime/trace`, read with `go tool trace`) records the same things:
 * which goroutine did what, on which channel, when it blocked and when it was woken.
 */

/**
 * The kind of an operation.
 *
 * - `go`: a goroutine was started (its name is the event's `value`); `exit`: it returned or panicked.
 * - `send`, `recv`, `select`, `close`: the channel operations (`select` names the case that won).
 * - `add`, `done`, `wait`: a `sync.WaitGroup`; `lock`, `unlock`: a `sync.Mutex`.
 * A receive on a timer's channel (`sleep`, `after`, a ticker) is a `recv` on `time.Timer.C`.
 *
 * @example
 * ```ts
 * const sends = t.stop().events.filter((e) => e.kind === 'send');
 * ```
 */
export type TraceKind =
  'go' | 'exit' | 'send' | 'recv' | 'select' | 'close' | 'add' | 'done' | 'wait' | 'lock' | 'unlock';

/**
 * One operation of a traced program: Go's trace event (`runtime/trace`), one per line of
 * {@link formatTrace}.
 *
 * @example
 * ```ts
 * // worker 1 blocked on `<-jobs` from 0.2 ms until main sent 1 at 0.5 ms:
 * // { seq: 3, g: 'worker 1', kind: 'recv', ch: 'jobs', value: '1', ok: true, start: 0.2, end: 0.5, from: 4 }
 * ```
 */
export interface TraceEvent {
  /** Position in the trace: events are numbered in the order they began. */
  readonly seq: number;
  /** The goroutine that did it: the name given to {@link go}, or `main`. */
  readonly g: string;
  readonly kind: TraceKind;
  /** The channel's debug name (`chan#N` for an unnamed one), or the WaitGroup's / Mutex's. */
  readonly ch?: string;
  /** A short form of the value sent, received or added; for `go`, the new goroutine's name. */
  readonly value?: string;
  /** For a receive (or a select's receive case): false when it read the closed channel's zero value. */
  readonly ok?: boolean;
  /** For a select: the index of the case that won. */
  readonly index?: number;
  /** Milliseconds since the trace started, when the operation began. */
  readonly start: number;
  /**
   * When it completed: `start` if it did not block, later if it did, and `null` if it was still
   * blocked when the trace ended (a deadlocked or abandoned goroutine).
   */
  readonly end: number | null;
  /** For a receive: the `seq` of the send whose value it took (the hand-off arrow). */
  readonly from?: number;
  /** Go's panic message, when the operation panicked (`send on closed channel`, ...). */
  readonly panic?: string;
  /** For an operation still blocked at the end: Go's wait reason (`chan receive`, `select`, ...). */
  readonly reason?: string;
}

/**
 * A finished (or running) trace: the events, and the goroutines in the order they first appeared.
 *
 * @example
 * ```ts
 * const t = startTrace();
 * await program();
 * const { events, goroutines } = t.stop();
 * ```
 */
export interface TraceData {
  readonly events: readonly TraceEvent[];
  readonly goroutines: readonly string[];
  /** Milliseconds from the start of the trace to its end. */
  readonly duration: number;
}

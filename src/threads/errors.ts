/**
 * What happens to a goroutine whose thread dies: Go has no such thing (a goroutine cannot be
 * killed), so this is chango's own error, and it says which function was lost.
 */

/**
 * A goroutine started with {@link WorkerPool.go} did not return because its worker thread
 * exited under it (`process.exit`, `worker.terminate()`, an uncaught error in another goroutine
 * of that thread, or {@link WorkerPool.close}). Whatever value it had received and not yet passed
 * on is lost with it; the channels it used stay usable, with its parked operations withdrawn.
 *
 * @example
 * ```ts
 * try { await pool.go('worker', jobs, results); }
 * catch (e) { if (e instanceof WorkerExitedError) console.error(e.message); }
 * ```
 */
export class WorkerExitedError extends Error {
  override readonly name = 'WorkerExitedError';
  constructor(
    /** The exported function the goroutine was running. */
    readonly fn: string,
    /** The thread's exit code. */
    readonly exitCode: number,
    hint = '',
  ) {
    super(`worker thread exited with code ${exitCode} while running ${fn}()${hint}`);
  }
}

/**
 * An operation on a channel that a worker thread created, used from another thread (the main
 * thread, or a worker the main thread handed it to), that would block that thread until the
 * owner answers: `trySend`, `tryRecv`, `close`, `length` and a select with `default`. Go has no
 * such limit (one heap, one lock); here no thread may stop to wait for a worker (the worker may be
 * stopped waiting for it at the same moment, and both would hang; docs/threads.md, "Synchronous
 * operations"). Use the blocking operations (`send`, `recv`, `for await`, `select` without
 * default), close the channel on the thread that created it, or create it on the main thread.
 *
 * @example
 * ```ts
 * const pongs = await pool.go<RecvChannel<number>>('startPong', pings); // created on the worker
 * pongs.tryRecv(); // throws OwnerThreadError: use await pongs.recv()
 * ```
 */
export class OwnerThreadError extends Error {
  override readonly name = 'OwnerThreadError';
  constructor(
    /** The operation refused. */
    readonly op: string,
  ) {
    super(
      `chango: ${op} on a channel created on a worker thread cannot wait for that worker here; ` +
        `use send, recv or select without default on this thread, close it on the thread that created it, ` +
        `or create the channel on this thread`,
    );
  }
}

/**
 * The worker thread that created (owns) a channel has exited: an operation on that channel from
 * another thread, parked or new, fails with this error. The values in its buffer, and any value
 * handed to a goroutine of that thread, are gone with it; none is delivered twice, and an
 * operation that fails with this error had no effect that a live thread can see (its answer and
 * its partner's travel in the same message).
 *
 * @example
 * ```ts
 * try { await pongs.recv(); }
 * catch (e) { if (e instanceof OwnerExitedError) console.error(e.message); }
 * ```
 */
export class OwnerExitedError extends Error {
  override readonly name = 'OwnerExitedError';
  constructor(
    /** The owner thread's exit code. */
    readonly exitCode: number,
  ) {
    super(`chango: the worker thread that owns this channel exited with code ${exitCode}; the channel is gone with it`);
  }
}

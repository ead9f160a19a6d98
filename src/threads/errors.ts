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

/** Go's `func main()`: the function whose return ends the program. */
import { checkFunction } from '../sync/goroutine.js';
import { detector } from './process.js';

/**
 * Runs `main` as Go runs `func main()`: when it returns, the process exits (with
 * `process.exitCode`, 0 by default) even if goroutines are still blocked or timers still pending,
 * and while it has not returned, a drained event loop is a deadlock, reported as Go reports it.
 * An error thrown by `main` is not caught: it crashes the process like any unhandled rejection
 * (and a chango panic is reported as Go's `panic: ...`, status 2).
 *
 * Without `runMain`, a top-level `await` in the entry module plays the part of main for the
 * deadlock report, but Node keeps running after the module's code has finished, as long as
 * timers or I/O are pending: use `runMain` when the program must end where main ends.
 *
 * @throws Error if a main function is already running.
 * @example
 * ```ts
 * import { runMain } from 'chango/node';
 *
 * runMain(async () => {           // func main() {
 *   const results = new Channel<number>(10);
 *   void worker(results);         //   go worker(results)
 *   console.log(await results.recvValue());
 * });                             // } // the process exits here, whatever worker is doing
 * ```
 */
export function runMain(main: () => unknown): void {
  checkFunction(main, 'runMain');
  if (detector.mainRunning) throw new Error('runMain: a main function is already running');
  detector.install();
  detector.mainRunning = true;
  const ended = (async () => main())();
  void ended.then(
    () => {
      detector.mainRunning = false;
      process.exit();
    },
    (error: unknown) => {
      detector.mainRunning = false;
      // Re-raised unhandled: Node's crash, or Go's panic report for chango's errors.
      throw error;
    },
  );
}

/**
 * Go's deadlock detector for Node: when the event loop has nothing left to do while the main
 * function is still blocked, print `fatal error: all goroutines are asleep - deadlock!` with every
 * blocked chango operation and exit with status 2.
 *
 * Node's counterpart of "every goroutine is blocked" is "the event loop has drained": no timer,
 * no I/O, nothing that could ever settle a pending promise. Node then exits quietly (status 0, or
 * 13 for a pending top-level await). Go only reports when main itself is blocked; goroutines
 * still blocked when main returns are dropped without a word. So the detector reports only when
 * main is blocked, which Node lets it see in two ways:
 *
 * - `runMain(fn)` is still running (see runmain.ts), or
 * - the entry module's top-level `await` has not settled: Node marks that exit with code 13
 *   (documented as "Unsettled Top-Level Await"), which the detector replaces with Go's 2.
 *
 * Both are decided in the `exit` event, after `beforeExit` has seen the loop drain, so that a
 * `beforeExit` listener that schedules more work (a log flush) is not mistaken for a deadlock.
 * Nothing here touches the channels' hot path: the core only pays for the tracker being non-null.
 */
import { ParkList } from '../runtime/parklist.js';
import { formatDeadlock, formatPanic, GO_EXIT_STATUS, isChangoPanic } from '../runtime/report.js';
import { setParkTracker } from '../runtime/waiter.js';

/** Node's exit code for an entry module whose top-level await never settled. */
const UNSETTLED_TOP_LEVEL_AWAIT = 13;

/**
 * The part of `process` the detector uses; a fake one in unit tests. Go's runtime needs no such
 * thing: it owns its scheduler.
 */
export interface NodeProcess {
  on(event: 'beforeExit' | 'exit' | 'uncaughtExceptionMonitor', listener: (...args: unknown[]) => void): unknown;
  off(event: 'beforeExit' | 'exit' | 'uncaughtExceptionMonitor', listener: (...args: unknown[]) => void): unknown;
  listenerCount(event: 'uncaughtException'): number;
  exitCode?: number | string | null | undefined;
  exit(code?: number): void;
}

/**
 * Schedules an immediate that does not keep the loop alive: it runs only if the loop goes on.
 */
type Unrefed = (fn: () => void) => void;

/**
 * The detector for one process: Go's `checkdead`, which the scheduler runs when no goroutine can
 * run, and its panic printer, for the event loop. `chango/node` installs one for the real process; tests make
 * their own with a fake process.
 */
export class DeadlockDetector {
  /** Every operation that may still be blocked. */
  readonly parked = new ParkList();
  /** True while `runMain`'s function has not returned. */
  mainRunning = false;
  private installed = false;
  /** True from a drain (`beforeExit`) until the loop runs again: an `exit` now is a natural one. */
  private drained = false;
  private reported = false;

  constructor(
    private readonly proc: NodeProcess,
    private readonly write: (text: string) => void,
    private readonly unrefImmediate: Unrefed,
  ) {}

  /** Starts tracking parks and watching the process. Idempotent. */
  install(): void {
    if (this.installed) return;
    this.installed = true;
    setParkTracker(this.parked);
    this.proc.on('beforeExit', this.onBeforeExit);
    this.proc.on('exit', this.onExit);
    this.proc.on('uncaughtExceptionMonitor', this.onUncaught);
  }

  /** Stops tracking; the core is back to its one null check. */
  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    setParkTracker(null);
    this.parked.clear();
    this.proc.off('beforeExit', this.onBeforeExit);
    this.proc.off('exit', this.onExit);
    this.proc.off('uncaughtExceptionMonitor', this.onUncaught);
  }

  private readonly onBeforeExit = (): void => {
    this.drained = true;
    // If some beforeExit listener gave the loop more work, this runs and the drain is cancelled.
    this.unrefImmediate(this.onResume);
    // Node's own exit listener (the one that sets 13) was added when the entry module started,
    // possibly after ours (`--import chango/node`): move ours behind it.
    this.proc.off('exit', this.onExit);
    this.proc.on('exit', this.onExit);
  };

  private readonly onResume = (): void => {
    this.drained = false;
  };

  private readonly onExit = (): void => {
    // An explicit process.exit() is the program's choice, like Go's os.Exit: never a deadlock.
    if (!this.drained || this.reported) return;
    const mainBlocked = this.mainRunning || this.proc.exitCode === UNSETTLED_TOP_LEVEL_AWAIT;
    if (!mainBlocked) return; // Go drops goroutines left blocked after main returns.
    this.reported = true;
    const blocked = this.parked.blocked();
    this.write(formatDeadlock(blocked, blocked.length === 0));
    this.proc.exitCode = GO_EXIT_STATUS;
  };

  private readonly onUncaught = (error: unknown): void => {
    // A program with its own uncaughtException handler has decided to survive errors.
    if (!isChangoPanic(error) || this.proc.listenerCount('uncaughtException') > 0) return;
    this.reported = true;
    this.write(formatPanic(error));
    this.proc.exit(GO_EXIT_STATUS);
  };
}

/**
 * The yield policy: how chango keeps timers and I/O alive without paying for it.
 *
 * An operation that completes at once (a value buffered, a partner waiting) hands back an already
 * resolved promise, so its goroutine resumes in a microtask. Two goroutines that ping-pong over a
 * channel would then run in microtasks forever and the event loop would never reach its timers or
 * I/O: Go's scheduler preempts a goroutine after a 10 ms time slice, and the event loop has no
 * such thing.
 *
 * So every {@link CHECK_EVERY}th immediate completion reads the clock, and once a time slice of
 * {@link SLICE_MS} has passed since the event loop last got a turn, immediate completions resolve
 * from a macrotask instead (setImmediate, or a MessageChannel in browsers) until that macrotask
 * has run. The hand-off itself still happens synchronously; only the resumption is deferred, so
 * no semantics change. The cost is one decrement per operation, a clock read per 64, and one
 * macrotask per slice of busy time.
 */
import { checkSignal } from './signal.js';

/** Immediate completions between two clock reads. */
const CHECK_EVERY = 64;
/** The longest stretch of busy microtasks before the event loop gets a turn, in ms. */
const SLICE_MS = 4;

// Captured at load so that fake timers installed by tests do not stall the policy itself.
const realNow: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? performance.now.bind(performance)
    : Date.now;

const macrotask: (fn: () => void) => void = (() => {
  const si = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (typeof si === 'function') return (fn: () => void) => void si(fn);
  if (typeof MessageChannel === 'function') {
    return (fn: () => void) => {
      // A fresh channel per yield, closed at once: an idle port would keep Deno or Node alive.
      const mc = new MessageChannel();
      mc.port1.onmessage = () => {
        mc.port1.close();
        fn();
      };
      mc.port2.postMessage(null);
    };
  }
  const st = globalThis.setTimeout;
  return (fn: () => void) => void st(fn, 0);
})();

const RESOLVED: Promise<void> = Promise.resolve();

let budget = CHECK_EVERY;
let sliceStart = realNow();
let yielding: Promise<void> | null = null;

function endYield(): void {
  yielding = null;
  budget = CHECK_EVERY;
  sliceStart = realNow();
}

/** Returns the promise every immediate completion must wait for now, or null to go on at once. */
function mustYield(): Promise<void> | null {
  if (yielding !== null) {
    budget = 1; // keep every completion on this path until the macrotask has run
    return yielding;
  }
  budget = CHECK_EVERY;
  if (realNow() - sliceStart < SLICE_MS) return null;
  yielding = new Promise<void>((resolve) => {
    macrotask(() => {
      endYield();
      resolve();
    });
  });
  budget = 1;
  return yielding;
}

/** An operation that completed at once, with a value. */
export function completed<T>(value: T): Promise<T> {
  if (--budget > 0) return Promise.resolve(value);
  const y = mustYield();
  return y === null ? Promise.resolve(value) : y.then(() => value);
}

/** An operation that completed at once, without a value (a send). */
export function completedVoid(): Promise<void> {
  if (--budget > 0) return RESOLVED;
  const y = mustYield();
  return y === null ? RESOLVED : y;
}

/**
 * A blocking operation that has nothing to wait for (a `wg.Wait()` on a zero counter, a granted
 * `Acquire`, a `once.Do` already done): it still rejects with the reason of an already aborted
 * `signal`, like every blocking chango call, and otherwise resolves through the yield policy, so a
 * loop of them cannot starve the event loop.
 *
 * @throws TypeError if `signal` is given and is not an AbortSignal.
 */
export function completedUnlessAborted(signal?: unknown): Promise<void> {
  if (signal !== undefined) {
    checkSignal(signal);
    if (signal.aborted) return Promise.reject(signal.reason);
  }
  return completedVoid();
}

/** For tests: the policy's state. */
export function schedulerState(): { yielding: boolean } {
  return { yielding: yielding !== null };
}

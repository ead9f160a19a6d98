/**
 * The yield policy: how chango keeps timers and I/O alive without paying for it.
 *
 * An operation that completes at once (a value buffered, a partner waiting) hands back an already
 * resolved promise, so its goroutine resumes in a microtask. Two goroutines that ping-pong over a
 * channel would then run in microtasks forever and the event loop would never reach its timers or
 * I/O: Go's scheduler preempts a goroutine after a 10 ms time slice, and the event loop has no
 * such thing.
 *
 * The same holds when every operation parks: a blocked receive resumed by a partner's
 * synchronous send (`ch.trySend(v) || await ch.send(v)` against `ch.tryRecv() ?? await ch.recv()`,
 * two goroutines taking turns on a Mutex) resumes in a microtask too, and such a loop never
 * completes anything "at once". So the budget counts every completion: an operation that
 * completes at once ({@link completed}) and a parked operation that its partner completes
 * ({@link resume}).
 *
 * Every {@link CHECK_EVERY}th completion reads the clock, and once a time slice of
 * {@link SLICE_MS} has passed since the event loop last got a turn, completions resolve from a
 * macrotask instead (setImmediate, or a MessageChannel in browsers) until that macrotask has run.
 * The hand-off itself still happens synchronously; only the resumption is deferred, so no
 * semantics change. The cost is one decrement per completion, a clock read per 64, and one
 * macrotask per slice of busy time.
 */
import { checkSignal } from './signal.js';

/** Completions between two clock reads. */
const CHECK_EVERY = 64;
/** The longest stretch of busy microtasks before the event loop gets a turn, in ms. */
const SLICE_MS = 4;

// Captured at load so that fake timers installed by tests do not stall the policy itself. Every
// runtime chango supports has `performance.now` (time/clock.ts's real clock reads it too).
const realNow: () => number = performance.now.bind(performance);

/** Runs `fn` in a later macrotask, after the microtask queue has drained; captured at load, so fake timers do not replace it. */
export const macrotask: (fn: () => void) => void = (() => {
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
/**
 * While a yield is pending: the resumptions it holds, in the order their operations completed.
 * The turn resumes them in that order, receives and sends alike. (Holding them on one shared
 * promise resumed a send one microtask before a receive that completed earlier; every turn then
 * shifted a producer ahead of its consumer, until a pool or a buffered stream settled into the
 * flow where every send parks: bench/NOTES.md, "Two modes".)
 */
let held: Array<() => void> | null = null;

function endYield(): void {
  const h = held!;
  held = null;
  budget = CHECK_EVERY;
  sliceStart = realNow();
  for (let i = 0; i < h.length; i++) h[i]!();
}

/** True when this completion must wait for the event loop's turn. */
function mustYield(): boolean {
  if (held !== null) {
    budget = 1; // keep every completion on this path until the macrotask has run
    return true;
  }
  budget = CHECK_EVERY;
  if (realNow() - sliceStart < SLICE_MS) return false;
  held = [];
  macrotask(endYield);
  budget = 1;
  return true;
}

// The three completions below are the hot path of every channel operation: one decrement and
// compare, and nothing else. What runs once per 64 (the clock read) and while a yield is pending
// (holding the resumption) lives in functions of their own: a closure over a parameter, even on
// a branch never taken, makes V8 allocate a context for that parameter on every call, which cost
// W3 6 to 9% (bench/NOTES.md, "W3: the gap to the floor").

/** An operation that completed at once, with a value. */
export function completed<T>(value: T): Promise<T> {
  if (--budget > 0) return Promise.resolve(value);
  return completedSlow(value);
}

function completedSlow<T>(value: T): Promise<T> {
  if (!mustYield()) return Promise.resolve(value);
  return new Promise<T>((resolve) => held!.push(() => resolve(value)));
}

/** An operation that completed at once, without a value (a send). */
export function completedVoid(): Promise<void> {
  if (--budget > 0) return RESOLVED;
  return completedVoidSlow();
}

function completedVoidSlow(): Promise<void> {
  if (!mustYield()) return RESOLVED;
  return new Promise<void>((resolve) => held!.push(resolve as () => void));
}

/**
 * A parked operation completed by its partner (the value is already handed over): resumes it
 * through `resolve`, at once, or at the event loop's turn (in completion order with the others
 * held) once the time slice is spent.
 */
export function resume(resolve: (value: unknown) => void, value: unknown): void {
  if (--budget > 0) return resolve(value);
  resumeSlow(resolve, value);
}

function resumeSlow(resolve: (value: unknown) => void, value: unknown): void {
  if (!mustYield()) return resolve(value);
  held!.push(() => resolve(value));
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
  return { yielding: held !== null };
}

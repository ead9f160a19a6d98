/**
 * The clock that chango's time reads: Go's `runtime.nanotime` plus the timer heap's arm and
 * disarm, behind one replaceable object.
 *
 * Every deadline in `src/time` (and the timeout helpers of `src/context`) is computed with
 * {@link Clock.now} and armed with {@link Clock.set}, never with `performance.now()` or
 * `setTimeout` directly. By default that is the platform's clock, read live so that fake timers
 * installed by a test runner drive it. A testing bubble (`chango/synctest`) installs a virtual
 * clock; a timer keeps the clock it was created under for its whole life, so a timer made outside
 * a bubble stays real while one is running.
 */
import { shared, type Shared } from '../runtime/shared.js';

/** A source of time and a way to be woken at a time. */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /**
   * Calls `fn(arg)` once, no earlier than `ms` from now by this clock's platform (or, for a clock
   * that cannot wait that long, earlier: the caller checks {@link Clock.now} and asks again);
   * `Infinity` may never call it. Returns a handle for {@link Clock.clear}.
   */
  set<A>(fn: (arg: A) => void, ms: number, arg: A): unknown;
  /** Cancels a call that {@link Clock.set} scheduled; a handle that already ran is ignored. */
  clear(handle: unknown): void;
  /** The wall-clock time now, by this clock: what Go's `time.Now()` returns (and a time channel delivers). */
  date(): Date;
}

/** The longest delay the platform honours: `setTimeout` clamps anything above it to 1 ms. */
export const MAX_PLATFORM_DELAY = 2 ** 31 - 1;

/** The platform delay to wait for `remaining` ms: whole ms, capped so the platform honours it. */
export function platformDelay(remaining: number): number {
  return remaining <= 0 ? 0 : Math.min(Math.ceil(remaining), MAX_PLATFORM_DELAY);
}

/**
 * The platform's clock: `performance.now()` and `setTimeout`, looked up at each call. A delay
 * beyond the platform's limit (or `Infinity`) is cut to the limit: the caller (an alarm) is woken
 * early and asks again, so the clamp belongs here, not to a virtual clock, which takes any delay.
 */
export const realClock: Clock = {
  now: () => performance.now(),
  set: (fn, ms, arg) => setTimeout(fn, platformDelay(ms), arg),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  date: () => new Date(),
};

/**
 * The installed clock lives in the registry object every copy of chango shares (runtime/shared.ts),
 * not in this module: a bubble installed by one copy (its ESM or its CommonJS build) also runs the
 * other copy's timers.
 */
const slot = shared as Shared & { clock?: Clock };
slot.clock ??= realClock;

/** The clock that timers created now run on. */
export function currentClock(): Clock {
  return slot.clock as Clock;
}

/** Installs `c` as the clock for timers created from now on; returns the one it replaces. */
export function setClock(c: Clock): Clock {
  const previous = slot.clock as Clock;
  slot.clock = c;
  return previous;
}

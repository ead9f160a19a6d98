/**
 * An alarm: one deadline on a {@link Clock}, with the platform timer that wakes it. Go's runtime
 * timer as far as the platform goes (runtime/time.go keeps `when` and the heap wakes it).
 *
 * The platform's `setTimeout` is not a deadline. Node may call it up to a millisecond before its
 * delay has passed by `performance.now()` (it counts from the event loop's cached time), and every
 * platform clamps a delay above 2^31-1 ms (about 24.8 days) to 1 ms. Go guarantees at least the
 * duration, for any duration. So the alarm keeps its own deadline, asks its clock to wake it when
 * that comes (the real clock arms the platform timer for at most 2^31-1 ms: see clock.ts), and when
 * woken before its deadline (early, or one link of a long chain) asks again for what remains. Only
 * the clock decides that the deadline has come.
 */
import { type Clock, currentClock } from './clock.js';

/**
 * A deadline that calls {@link Alarm.ring} once its clock has reached it, never before. A
 * deadline of `Infinity` never rings, but an armed one still holds a platform timer (re-armed
 * every 2^31-1 ms), as a Go timer in the heap keeps the program from being declared dead.
 */
export abstract class Alarm {
  /** The deadline on the clock's `now()`, or -1 while unset. */
  when = -1;
  /** The armed platform timer, if any. */
  handle: unknown = undefined;
  /** The clock this alarm lives on, fixed at creation. */
  readonly clock: Clock = currentClock();

  /** The deadline has come (the clock reads at least {@link Alarm.when}). */
  abstract ring(): void;

  /** Starts the platform timer for the current deadline, unless it is running or unset. */
  arm(): void {
    if (this.handle !== undefined || this.when < 0) return;
    this.handle = this.clock.set(onAlarm, this.when - this.clock.now(), this);
  }

  /** Cancels the platform timer, if any. */
  disarm(): void {
    if (this.handle !== undefined) {
      this.clock.clear(this.handle);
      this.handle = undefined;
    }
  }
}

/** The platform timer's callback: ring if the deadline has come, otherwise wait for the rest. */
function onAlarm(a: Alarm): void {
  a.handle = undefined;
  if (a.when < 0) return;
  if (a.clock.now() < a.when) a.arm();
  else a.ring();
}

/**
 * The timer behind a time channel: Go 1.23's channel timers (runtime/time.go).
 *
 * It is armed (a real `setTimeout`) only while at least one receiver is parked on its channel;
 * otherwise a receive or select poll checks the clock and delivers on the spot. So a timer that
 * nobody waits on holds no `setTimeout`, keeps no process alive and is garbage as soon as its
 * channel is. Time comes from the {@link Clock} current when the timer was made (see clock.ts).
 */
import type { Channel } from '../channel/channel.js';
import type { ChannelTimer } from '../channel/timerhook.js';
import { type Clock, currentClock } from './clock.js';

/** Validates a duration in ms: any finite number; zero or negative fires at once, as in Go. */
export function checkDuration(ms: unknown, what: string): number {
  if (typeof ms !== 'number')
    throw new TypeError(`${what}: duration must be a number of milliseconds, got ${typeof ms}`);
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: duration must be finite, got ${ms}`);
  return ms;
}

export class ChanTimer implements ChannelTimer {
  /** The next deadline on the `now()` clock, or -1 while stopped. */
  when = -1;
  /** 0 for a one-shot timer, the interval for a ticker. */
  period = 0;
  /** Receivers parked on the channel. */
  private blocked = 0;
  /** The armed platform timer, if any. */
  handle: unknown = undefined;
  /** The clock this timer lives on, fixed at creation. */
  readonly clock: Clock = currentClock();

  constructor(readonly ch: Channel<Date>) {
    ch.timer = this;
  }

  private now(): number {
    return this.clock.now();
  }

  fire(): boolean {
    if (this.when < 0 || this.now() < this.when) return false;
    this.run();
    // The value may have gone straight to a parked receiver: report only what is buffered.
    return this.ch.count > 0;
  }

  block(): void {
    if (++this.blocked === 1) this.arm();
  }

  unblock(): void {
    if (--this.blocked === 0) this.disarm();
  }

  /** Stops the timer and drains an undelivered value. True if it was pending (not yet due). */
  stop(): boolean {
    const pending = this.when >= 0 && this.now() < this.when;
    this.when = -1;
    this.disarm();
    this.drain();
    return pending;
  }

  /** Sets a new deadline `ms` from now (and a new period for tickers). True if it was pending. */
  reset(ms: number, period: number): boolean {
    const pending = this.when >= 0 && this.now() < this.when;
    this.disarm();
    this.drain();
    this.period = period;
    this.when = this.now() + Math.max(0, ms);
    if (this.blocked > 0) this.arm();
    return pending;
  }

  /** Starts a new timer: `reset` without the stop that a fresh one does not need. */
  start(ms: number, period: number): void {
    this.period = period;
    this.when = this.now() + Math.max(0, ms);
  }

  /** Delivers one value and moves to the next deadline. */
  run(): void {
    const t = this.now();
    if (this.period > 0) {
      // A ticker skips the ticks a slow receiver missed, as Go's does.
      this.when += this.period * (Math.floor((t - this.when) / this.period) + 1);
    } else {
      this.when = -1;
    }
    this.disarm();
    // A full buffer means an unreceived tick: Go drops the new one.
    this.ch.sendNow(new Date());
    if (this.blocked > 0) this.arm();
  }

  private arm(): void {
    if (this.handle !== undefined || this.when < 0) return;
    this.handle = this.clock.set(onTimeout, Math.max(0, this.when - this.now()), this);
  }

  private disarm(): void {
    if (this.handle !== undefined) {
      this.clock.clear(this.handle);
      this.handle = undefined;
    }
  }

  private drain(): void {
    while (this.ch.count > 0) this.ch.recvNow();
  }
}

/** The armed timer's callback; the platform's timer decides it is due, whatever the clock reads. */
function onTimeout(t: ChanTimer): void {
  t.handle = undefined;
  if (t.when >= 0) t.run();
}

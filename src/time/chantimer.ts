/**
 * The timer behind a time channel: Go 1.23's channel timers (runtime/time.go).
 *
 * It is armed (a platform timer) only while at least one receiver is parked on its channel;
 * otherwise a receive or select poll checks the clock and delivers on the spot (Go's
 * `maybeRunChan`). So a timer that nobody waits on holds no `setTimeout`, keeps no process alive
 * and is garbage as soon as its channel is. Time comes from the {@link Clock} current when the
 * timer was made (see clock.ts); the deadline itself is kept by {@link Alarm}, which never fires
 * early and waits out any duration, however long.
 *
 * The channel has a buffer of one, as Go 1.23's has, and reports `cap == 0`, as Go 1.23's does:
 * to its users a timer channel is unbuffered. The value only passes through the buffer within
 * the receive that takes it (a select merely looks, see {@link ChanTimer.ready}), so `len` is 0
 * too, and `stop()`/`reset()` leave no stale value to receive.
 */
import type { Channel } from '../channel/channel.js';
import type { ChannelTimer } from '../channel/timerhook.js';
import { describe } from '../runtime/args.js';
import { Alarm } from './alarm.js';

/**
 * Validates a duration in ms: any number but NaN. Zero or negative fires at once, as in Go;
 * `Infinity` never fires (Go's `time.After(math.MaxInt64)`).
 */
export function checkDuration(ms: unknown, what: string): number {
  if (typeof ms !== 'number')
    throw new TypeError(`${what}: duration must be a number of milliseconds, got ${describe(ms)}`);
  if (Number.isNaN(ms)) throw new RangeError(`${what}: duration must be a number of milliseconds, got NaN`);
  return ms;
}

export class ChanTimer extends Alarm implements ChannelTimer {
  /** 0 for a one-shot timer, the interval for a ticker. */
  period = 0;
  /** Receivers parked on the channel. */
  private blocked = 0;

  /** The timer's channel: `t.C`. */
  readonly chan: Channel<Date>;

  constructor(chan: Channel<Date>) {
    super();
    this.chan = chan;
    chan.timer = this;
  }

  fire(): boolean {
    if (this.when < 0 || this.clock.now() < this.when) return false;
    this.ring();
    // The value may have gone straight to a parked receiver: report only what is buffered.
    return this.chan.count > 0;
  }

  /**
   * Due, with nobody parked to take the value first. Only looks: a select case that loses must
   * leave a due ticker un-run, so that the receive that finally takes the tick also drops the
   * ones that came due meanwhile (Go drops them while its buffer is full) instead of finding one
   * buffered and the next one due: two ticks in a row for a slow receiver.
   */
  ready(): boolean {
    return this.blocked === 0 && this.when >= 0 && this.clock.now() >= this.when;
  }

  block(): void {
    if (++this.blocked === 1) this.arm();
  }

  unblock(): void {
    if (--this.blocked === 0) this.disarm();
  }

  /**
   * Stops the timer and drains an undelivered value. True if the call stopped a timer whose value
   * nobody has received: one still running, or one whose deadline has passed but whose value is
   * unreceived (Go 1.23's `t.stop()`: the value is discarded, so the call did stop it).
   */
  stopTimer(): boolean {
    const pending = this.when >= 0;
    this.when = -1;
    this.disarm();
    return this.drain() || pending;
  }

  /** Sets a new deadline `ms` from now (and a new period for tickers). Returns what `stop` would. */
  resetTimer(ms: number, period: number): boolean {
    const stopped = this.stopTimer();
    this.startTimer(ms, period);
    if (this.blocked > 0) this.arm();
    return stopped;
  }

  /** Starts a new timer: `reset` without the stop that a fresh one does not need. */
  startTimer(ms: number, period: number): void {
    this.period = period;
    this.when = this.clock.now() + Math.max(0, ms);
  }

  /** Delivers one value and moves to the next deadline. The caller has checked that it is due. */
  ring(): void {
    const now = this.clock.now();
    const due = this.when;
    if (this.period > 0) {
      // Go's next `when` for a ticker: the first multiple of the period after now. Ticks a slow
      // receiver missed are skipped, never delivered late in a burst.
      this.when = due + this.period * (Math.floor((now - due) / this.period) + 1);
    } else {
      this.when = -1;
    }
    this.disarm();
    // Go sends the time the timer was due, not the time it ran (`sendTime`'s `Now().Add(-delay)`):
    // a lazy timer runs only when someone looks. Rounded up so that it is never before the due time.
    // A full buffer means an unreceived tick: Go drops the new one.
    this.chan.sendNow(new Date(Math.ceil(this.clock.date().getTime() - (now - due))));
    if (this.blocked > 0) this.arm();
  }

  /** Empties the buffer; true if it held a value. */
  private drain(): boolean {
    if (this.chan.count === 0) return false;
    this.chan.recvNow();
    return true;
  }
}

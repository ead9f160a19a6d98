/** Go's `time.Timer` and `time.After`. */
import { Channel } from '../channel/channel.js';
import type { RecvChannel } from '../channel/types.js';
import { ChanTimer, checkDuration } from './chantimer.js';

/**
 * A single-shot timer: Go's `time.NewTimer(d)`. Its channel `c` receives, once, the time the
 * timer was due (not the time it was received). It never fires before `ms` has passed, for any
 * duration: `Infinity` never fires. As in Go 1.23, `c` reports `length` and `capacity` 0, after
 * `stop()` or `reset()` returns no stale value is received, and a timer nobody waits on holds no
 * `setTimeout` (it is armed only while a receiver is blocked on `c`), so it needs no `stop()` to
 * be collected.
 *
 * @example
 * ```ts
 * const t = new Timer(50);      // t := time.NewTimer(50 * time.Millisecond)
 * await t.c.recv();             // <-t.C
 * t.reset(100);                 // t.Reset(100 * time.Millisecond)
 * if (t.stop()) console.log('stopped before anyone received its value');
 * ```
 */
export class Timer {
  /** `t.C`: receives the due time once the timer fires. */
  readonly c: RecvChannel<Date>;
  private readonly t: ChanTimer;

  /**
   * `time.NewTimer(ms)`; a zero or negative duration fires at once, `Infinity` never.
   * @throws RangeError for NaN; TypeError for a duration that is not a number.
   */
  constructor(ms: number) {
    this.t = timerChannel(ms, 'NewTimer');
    this.c = this.t.chan;
  }

  /**
   * `t.Stop()`: prevents the timer from firing. Returns true if the call stopped it, false if
   * its value was already received or it was already stopped. As in Go 1.23, a timer whose
   * deadline has passed but whose value nobody received counts as stopped by this call (true):
   * the value is discarded, so the Go idiom `if (!t.stop()) await t.c.recv()` never hangs on it.
   */
  stop(): boolean {
    return this.t.stopTimer();
  }

  /**
   * `t.Reset(d)`: makes the timer fire `ms` from now. Returns true if the timer was still
   * active (running, or fired with its value unreceived), false if it had been stopped or its
   * value received. A value from the previous deadline that was never received is discarded.
   */
  reset(ms: number): boolean {
    checkDuration(ms, 'Timer.Reset');
    return this.t.resetTimer(ms, 0);
  }
}

/**
 * `time.After(d)`: a channel that receives, once, the time `ms` after now. Losing a select costs
 * nothing: the timer is armed only while someone is blocked on the channel.
 *
 * @example
 * ```ts
 * await select([
 *   recv(results, (r) => console.log(r)),
 *   recv(after(1000), () => console.log('timeout')), // case <-time.After(time.Second):
 * ]);
 * ```
 */
export function after(ms: number): RecvChannel<Date> {
  // No Timer object: nothing could ever stop or reset this one.
  return timerChannel(ms, 'After').chan;
}

const TIMER_CHANNEL = { name: 'time.Timer.C' } as const;

function timerChannel(ms: number, what: string): ChanTimer {
  checkDuration(ms, what);
  const t = new ChanTimer(new Channel<Date>(1, TIMER_CHANNEL));
  t.startTimer(ms, 0);
  return t;
}

/** Go's `time.Timer` and `time.After`. */
import { Channel } from '../channel/channel.js';
import type { RecvChannel } from '../channel/types.js';
import { ChanTimer, checkDuration } from './chantimer.js';

/**
 * A single-shot timer: Go's `time.NewTimer(d)`. Its channel `c` receives the current time once
 * the duration has passed. As in Go 1.23, after `stop()` or `reset()` returns no stale value is
 * received, and a timer nobody waits on holds no `setTimeout` (it is armed only while a
 * receiver is blocked on `c`), so it needs no `stop()` to be collected.
 *
 * @example
 * ```ts
 * const t = new Timer(50);      // t := time.NewTimer(50 * time.Millisecond)
 * await t.c.recv();             // <-t.C
 * t.reset(100);                 // t.Reset(100 * time.Millisecond)
 * if (t.stop()) console.log('stopped before it fired');
 * ```
 */
export class Timer {
  /** `t.C`: receives the time once the timer fires. */
  readonly c: RecvChannel<Date>;
  private readonly t: ChanTimer;

  /** `time.NewTimer(ms)`; a zero or negative duration fires at once. */
  constructor(ms: number) {
    this.t = timerChannel(ms, 'NewTimer');
    this.c = this.t.ch;
  }

  /**
   * `t.Stop()`: prevents the timer from firing. Returns true if the call stopped it, false if
   * it had already fired or been stopped. Either way no stale value is received afterwards.
   */
  stop(): boolean {
    return this.t.stop();
  }

  /**
   * `t.Reset(d)`: makes the timer fire `ms` from now. Returns true if it was still pending.
   * A value from the previous deadline that was never received is discarded.
   */
  reset(ms: number): boolean {
    checkDuration(ms, 'Timer.Reset');
    return this.t.reset(ms, 0);
  }
}

/**
 * `time.After(d)`: a channel that receives the current time once, after `ms`. Losing a
 * select costs nothing: the timer is armed only while someone is blocked on the channel.
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
  return timerChannel(ms, 'After').ch;
}

const TIMER_CHANNEL = { name: 'time.Timer.C' } as const;

function timerChannel(ms: number, what: string): ChanTimer {
  checkDuration(ms, what);
  const t = new ChanTimer(new Channel<Date>(1, TIMER_CHANNEL));
  t.start(ms, 0);
  return t;
}

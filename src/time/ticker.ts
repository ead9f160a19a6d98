/** Go's `time.Ticker` and `time.Tick`. */
import { Channel } from '../channel/channel.js';
import type { RecvChannel } from '../channel/types.js';
import { ChanTimer, checkDuration } from './chantimer.js';

/**
 * A ticker: Go's `time.NewTicker(d)`. Its channel `c` receives a tick every `ms`: the time the
 * tick was due. At most one tick per period, never before it is due; a slow receiver gets at
 * most one pending tick and the ticks it missed are dropped, as in Go, never delivered late in a
 * burst. Like Go 1.23's tickers it holds a `setTimeout` only while someone is blocked on `c`,
 * and `c` reports `length` and `capacity` 0.
 *
 * @example
 * ```ts
 * const ticker = new Ticker(100);           // ticker := time.NewTicker(100 * time.Millisecond)
 * for (let i = 0; i < 3; i++) await ticker.c.recv();
 * ticker.stop();                            // ticker.Stop()
 * ```
 */
export class Ticker {
  /** `ticker.C`. */
  readonly c: RecvChannel<Date>;
  private readonly t: ChanTimer;

  /**
   * `time.NewTicker(ms)`. `Infinity` is a ticker that never ticks.
   * @throws RangeError for a non-positive interval (as Go panics) or NaN.
   */
  constructor(ms: number) {
    this.t = new ChanTimer(new Channel<Date>(1, { name: 'time.Ticker.C' }));
    this.t.startTimer(checkPeriod(ms, 'NewTicker'), ms);
    this.c = this.t.chan;
  }

  /** `ticker.Stop()`: no more ticks; a pending unreceived tick is discarded. */
  stop(): void {
    this.t.stopTimer();
  }

  /**
   * `ticker.Reset(d)`: stops the ticker and restarts it with period `ms`; the next tick is `ms`
   * from now, and a pending unreceived tick is discarded.
   */
  reset(ms: number): void {
    this.t.resetTimer(checkPeriod(ms, 'Ticker.Reset'), ms);
  }
}

function checkPeriod(ms: number, what: string): number {
  checkDuration(ms, what);
  if (ms <= 0) throw new RangeError(`non-positive interval for ${what}`);
  return ms;
}

/**
 * `time.Tick(d)`: the channel of a ticker that is never stopped. As in Go, a non-positive
 * interval returns the nil channel.
 *
 * @example
 * ```ts
 * for await (const t of tick(1000)) console.log('tick at', t);
 * ```
 */
export function tick(ms: number): RecvChannel<Date> {
  checkDuration(ms, 'Tick');
  return ms <= 0 ? Channel.nil<Date>() : new Ticker(ms).c;
}

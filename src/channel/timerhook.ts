/**
 * The timer a channel may carry: Go 1.23's `hchan.timer`.
 *
 * Go's time channels are not fed by a running timer. The runtime keeps the timer in its heap
 * only while some goroutine is blocked on the channel, and a receive or select first checks
 * whether the deadline has passed and, if so, delivers the value on the spot (`maybeRunChan`).
 * An `after(1000)` that loses a select is therefore never armed and becomes garbage at once.
 * chango's channel carries the same hook; `src/time` implements it.
 */
export interface ChannelTimer {
  /** Delivers the value if the deadline has passed; true when the channel now holds it. */
  fire(): boolean;
  /**
   * Would a receive take a value at once? Asked by a select before it chooses, so it must not
   * deliver: a case that loses leaves the timer as it was (see ChanTimer.ready).
   */
  ready(): boolean;
  /** A receiver has parked on the channel: arm the real timer if this is the first. */
  block(): void;
  /** A receiver has left the channel's queue: disarm once none is left. */
  unblock(): void;
}

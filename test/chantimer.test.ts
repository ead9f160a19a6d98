import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Channel } from '../src/index.js';
import { ChanTimer, checkDuration } from '../src/time/chantimer.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChanTimer: Go 1.23 channel timers', () => {
  it('delivers on the spot when a poll finds the deadline passed, with no setTimeout at all', () => {
    const ch = new Channel<Date>(1);
    const t = new ChanTimer(ch);
    t.startTimer(100, 0);
    expect(ch.timer).toBe(t);
    vi.advanceTimersByTime(100);
    expect(vi.getTimerCount()).toBe(0);
    expect(t.fire()).toBe(true);
    expect(ch.count).toBe(1); // the internal buffer, which the receive that called fire() empties at once
    expect(t.fire()).toBe(false); // one-shot
  });

  it('arms a setTimeout when the first receiver blocks and disarms when the last one leaves', () => {
    const t = new ChanTimer(new Channel<Date>(1));
    t.startTimer(100, 0);
    t.block();
    t.block();
    expect(vi.getTimerCount()).toBe(1);
    t.unblock();
    expect(vi.getTimerCount()).toBe(1);
    t.unblock();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a ticker moves its deadline past the ticks it missed', () => {
    const ch = new Channel<Date>(1);
    const t = new ChanTimer(ch);
    const start = performance.now();
    t.startTimer(10, 10);
    vi.advanceTimersByTime(35);
    expect(t.fire()).toBe(true);
    expect(t.when - start).toBe(40);
  });
});

describe('checkDuration', () => {
  it('accepts any number but NaN: zero and negative fire at once, as in Go; Infinity never fires', () => {
    expect(checkDuration(0, 'x')).toBe(0);
    expect(checkDuration(-5, 'x')).toBe(-5);
    expect(checkDuration(1.5, 'x')).toBe(1.5);
    expect(checkDuration(Number.POSITIVE_INFINITY, 'x')).toBe(Number.POSITIVE_INFINITY);
    expect(checkDuration(Number.NEGATIVE_INFINITY, 'x')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('names the caller in its errors', () => {
    expect(() => checkDuration(Number.NaN, 'NewTimer')).toThrow(
      /NewTimer: duration must be a number of milliseconds, got NaN/,
    );
    expect(() => checkDuration('5', 'After')).toThrow(TypeError);
  });
});

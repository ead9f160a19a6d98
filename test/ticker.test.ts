import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Channel, tick, Ticker } from '../src/index.js';
import { settle, track } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Ticker: time.NewTicker', () => {
  it('ticks every period for a receiver that keeps up', async () => {
    const start = Date.now();
    const t = new Ticker(100);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const got = track(t.c.recv());
      vi.advanceTimersByTime(100);
      await settle();
      expect(got.state).toBe('fulfilled');
      times.push(Date.now() - start);
    }
    expect(times).toEqual([100, 200, 300]);
    t.stop();
  });

  it('keeps at most one tick for a slow receiver and drops the ones it missed', () => {
    const t = new Ticker(100);
    vi.advanceTimersByTime(550);
    expect(t.c.tryRecv()?.ok).toBe(true);
    expect(t.c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(49);
    expect(t.c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(t.c.tryRecv()?.ok).toBe(true);
  });

  it('stop() ends the ticks and discards a pending one', () => {
    const t = new Ticker(10);
    vi.advanceTimersByTime(10);
    t.stop();
    expect(t.c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(t.c.tryRecv()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reset() restarts it with a new period', () => {
    const t = new Ticker(100);
    vi.advanceTimersByTime(50);
    t.reset(30);
    vi.advanceTimersByTime(29);
    expect(t.c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(t.c.tryRecv()?.ok).toBe(true);
    vi.advanceTimersByTime(30);
    expect(t.c.tryRecv()?.ok).toBe(true);
  });

  it('holds a setTimeout only while a receiver waits', async () => {
    const t = new Ticker(10);
    expect(vi.getTimerCount()).toBe(0);
    const got = track(t.c.recv());
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(10);
    await settle();
    expect(got.state).toBe('fulfilled');
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([0, -1])('a non-positive interval (%i) throws RangeError, as Go panics', (ms) => {
    expect(() => new Ticker(ms)).toThrow('non-positive interval for NewTicker');
    expect(() => new Ticker(10).reset(ms)).toThrow(RangeError);
  });
});

describe('tick(ms): time.Tick', () => {
  it('returns a ticking channel', () => {
    const c = tick(10);
    vi.advanceTimersByTime(10);
    expect(c.tryRecv()?.ok).toBe(true);
  });

  it('returns the nil channel for a non-positive interval, as Go does', () => {
    expect(tick(0)).toBe(Channel.nil());
    expect(tick(-1)).toBe(Channel.nil());
  });
});

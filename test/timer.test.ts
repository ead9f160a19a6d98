import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { after, Channel, recv, select, Timer, trySelect } from '../src/index.js';
import { settle, track } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('after(ms): time.After', () => {
  it('receives the current time once, after ms and not before', async () => {
    const c = after(1000);
    expect(c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(999);
    expect(c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(1);
    const r = c.tryRecv();
    expect(r?.ok).toBe(true);
    expect(r?.value).toBeInstanceOf(Date);
    expect(r?.value?.getTime()).toBe(Date.now());
    vi.advanceTimersByTime(10_000);
    expect(c.tryRecv()).toBeUndefined();
  });

  it('wakes a blocked receiver when the timer fires', async () => {
    const got = track(after(500).recv());
    vi.advanceTimersByTime(499);
    await settle();
    expect(got.state).toBe('pending');
    vi.advanceTimersByTime(1);
    await settle();
    expect(got.state).toBe('fulfilled');
  });

  it('a zero or negative duration fires at once', () => {
    expect(after(0).tryRecv()?.ok).toBe(true);
    expect(after(-5).tryRecv()?.ok).toBe(true);
  });

  it('holds no setTimeout while nobody waits on it', async () => {
    const c = after(1000);
    expect(vi.getTimerCount()).toBe(0);
    const ac = new AbortController();
    const p = c.recv({ signal: ac.signal });
    expect(vi.getTimerCount()).toBe(1);
    ac.abort();
    await expect(p).rejects.toBeDefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a select that wins on another case leaves no timer pending', async () => {
    const ready = new Channel<number>(1000);
    for (let i = 0; i < 1000; i++) ready.trySend(i);
    for (let i = 0; i < 1000; i++) {
      const r = await select([recv(ready), recv(after(1000), () => 'timeout' as const)]);
      expect(r).toEqual({ index: 0, value: i, ok: true });
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a parked select that wins on another case disarms its timer at the hand-off', async () => {
    const c = new Channel<number>();
    const p = select([recv(c), recv(after(1000), () => 'timeout' as const)]);
    expect(vi.getTimerCount()).toBe(1);
    c.trySend(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(await p).toEqual({ index: 0, value: 1, ok: true });
  });

  it('a parked select times out when nothing else arrives', async () => {
    const c = new Channel<number>();
    const p = track(select([recv(c), recv(after(1000), () => 'timeout' as const)]));
    vi.advanceTimersByTime(1000);
    await settle();
    expect(p.current).toEqual({ state: 'fulfilled', value: 'timeout' });
    expect(c.recvq.first).toBeNull();
  });

  it('rejects duration NaN with RangeError', () => {
    expect(() => after(Number.NaN)).toThrow(RangeError);
  });

  it('rejects a duration that is not a number with TypeError', () => {
    expect(() => after('1' as unknown as number)).toThrow(TypeError);
  });
});

describe('Timer: time.NewTimer', () => {
  it('stop() before it fires returns true, and no value ever arrives', () => {
    const t = new Timer(100);
    expect(t.stop()).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(t.c.tryRecv()).toBeUndefined();
    expect(t.stop()).toBe(false);
  });

  it('stop() after the deadline returns true and discards the unreceived value (Go 1.23)', () => {
    const t = new Timer(100);
    vi.advanceTimersByTime(100);
    expect(t.stop()).toBe(true);
    expect(t.c.tryRecv()).toBeUndefined();
    expect(t.stop()).toBe(false);
  });

  it('stop() of a fired timer that a select looked at and passed over returns true (Go 1.23)', () => {
    const t = new Timer(100);
    const ready = new Channel<number>(1);
    ready.trySend(1);
    vi.advanceTimersByTime(100);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      // Both cases are ready; the select looks at the timer and takes the other one.
      expect(trySelect([recv(ready), recv(t.c)])).toMatchObject({ index: 0 });
    } finally {
      vi.mocked(Math.random).mockRestore();
    }
    expect(t.stop()).toBe(true);
    expect(t.c.tryRecv()).toBeUndefined();
  });

  it("Go's `if !t.Stop() { <-t.C }` does not hang on a fired, unreceived timer", async () => {
    const t = new Timer(100);
    vi.advanceTimersByTime(500);
    const drained = track(
      (async () => {
        if (!t.stop()) await t.c.recv();
        return 'stopped';
      })(),
    );
    await settle();
    expect(drained.current).toEqual({ state: 'fulfilled', value: 'stopped' });
  });

  it('stop() after the value was received returns false', () => {
    const t = new Timer(100);
    vi.advanceTimersByTime(100);
    expect(t.c.tryRecv()?.ok).toBe(true);
    expect(t.stop()).toBe(false);
  });

  it('stop() disarms the timer of a blocked receiver, which then waits for a reset', async () => {
    const t = new Timer(100);
    const got = track(t.c.recv());
    expect(vi.getTimerCount()).toBe(1);
    t.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    await settle();
    expect(got.state).toBe('pending');
    expect(t.reset(50)).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(50);
    await settle();
    expect(got.state).toBe('fulfilled');
  });

  it('reset() of a pending timer returns true and moves the deadline', () => {
    const t = new Timer(100);
    vi.advanceTimersByTime(60);
    expect(t.reset(100)).toBe(true);
    vi.advanceTimersByTime(99);
    expect(t.c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(t.c.tryRecv()?.ok).toBe(true);
  });

  it('reset() after it fired, value unreceived, returns true, discards the stale value and fires again (Go 1.23)', () => {
    const t = new Timer(10);
    vi.advanceTimersByTime(10);
    expect(t.reset(20)).toBe(true);
    expect(t.c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(19);
    expect(t.c.tryRecv()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(t.c.tryRecv()?.ok).toBe(true);
  });

  it('reset() after the value was received returns false', () => {
    const t = new Timer(10);
    vi.advanceTimersByTime(10);
    expect(t.c.tryRecv()?.ok).toBe(true);
    expect(t.reset(20)).toBe(false);
  });

  it('reset() after stop() returns false', () => {
    const t = new Timer(10);
    expect(t.stop()).toBe(true);
    expect(t.reset(20)).toBe(false);
  });

  it('serves several blocked receivers one value, first come first served', async () => {
    const t = new Timer(10);
    const first = track(t.c.recv());
    const second = track(t.c.recv());
    vi.advanceTimersByTime(10);
    await settle();
    expect(first.state).toBe('fulfilled');
    expect(second.state).toBe('pending');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects bad durations', () => {
    expect(() => new Timer(Number.NaN)).toThrow(RangeError);
    expect(() => new Timer(1).reset(Number.NaN)).toThrow(RangeError);
    expect(() => new Timer(1).reset('5' as unknown as number)).toThrow(TypeError);
  });
});

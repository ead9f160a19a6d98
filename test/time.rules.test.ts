/**
 * Go 1.23's time rules on fake timers and on a hand-driven clock: no early fire, one tick per
 * period, long and infinite durations, the due time as the value, cap and len 0. The same rules
 * against the real platform are in time.platform.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { after, Channel, recv, select, sleep, tick, Ticker, Timer, trySelect } from '../src/index.js';
import { type Clock, setClock } from '../src/time/clock.js';
import { settle, track } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A clock whose platform timers are called by the test, at any time it likes: the way to play a
 * platform that wakes a timer early, which is what Node does.
 */
class HandClock implements Clock {
  t = 0;
  readonly pending = new Map<number, { fn: (arg: unknown) => void; arg: unknown; at: number }>();
  private next = 1;
  now(): number {
    return this.t;
  }
  set<A>(fn: (arg: A) => void, ms: number, arg: A): unknown {
    const h = this.next++;
    this.pending.set(h, { fn: fn as (arg: unknown) => void, arg, at: this.t + ms });
    return h;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  date(): Date {
    return new Date(this.t);
  }
  /** Calls every pending platform timer now, whatever its delay: an early wake-up. */
  wakeAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const p of due) p.fn(p.arg);
  }
  /** The delays of the pending platform timers, from now. */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.at - this.t);
  }
}

describe('no early fire: a platform timer woken before the deadline re-arms for the rest', () => {
  let clock: HandClock;
  let previous: Clock;
  beforeEach(() => {
    clock = new HandClock();
    previous = setClock(clock);
  });
  afterEach(() => {
    setClock(previous);
  });

  it('a blocked receive of after(10) woken 0.5 ms early stays blocked and waits the remainder', async () => {
    const got = track(after(10).recv());
    expect(clock.delays()).toEqual([10]);
    clock.t = 9.5;
    clock.wakeAll();
    await settle();
    expect(got.current.state).toBe('pending');
    expect(clock.delays()).toEqual([0.5]); // 0.5 ms left (the real clock rounds it up to a whole platform ms: platformDelay)
    clock.t = 10;
    clock.wakeAll();
    await settle();
    expect(got.current.state).toBe('fulfilled');
    expect(clock.pending.size).toBe(0);
  });

  it('sleep() woken early does not return early', async () => {
    const p = track(sleep(14));
    clock.t = 13.2;
    clock.wakeAll();
    await settle();
    expect(p.current.state).toBe('pending');
    clock.t = 14;
    clock.wakeAll();
    await settle();
    expect(p.current.state).toBe('fulfilled');
  });

  it('a ticker woken early delivers one tick per deadline, never two (the 1 ms pairs)', async () => {
    const t = new Ticker(100);
    const ticks: number[] = [];
    void (async () => {
      for (;;) {
        const r = await t.c.recv();
        if (!r.ok) return;
        ticks.push(clock.t);
      }
    })();
    await settle();
    for (let k = 1; k <= 5; k++) {
      // The platform calls the timer 1 ms early, then on time.
      clock.t = k * 100 - 1;
      clock.wakeAll();
      await settle();
      clock.t = k * 100;
      clock.wakeAll();
      await settle();
    }
    expect(ticks).toEqual([100, 200, 300, 400, 500]);
    t.stop();
  });

  it('a timer stopped while its platform timer is queued delivers nothing when it runs', async () => {
    const t = new Timer(10);
    const got = track(t.c.recv());
    const queued = [...clock.pending.values()];
    expect(t.stop()).toBe(true);
    clock.t = 20;
    for (const p of queued) p.fn(p.arg); // the callback the platform had already picked
    await settle();
    expect(got.current.state).toBe('pending');
  });
});

describe('on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('long durations: the platform clamps a delay above 2^31-1 ms to 1 ms; chango waits it out', () => {
    it('after(2^31) fires after 2^31 ms and not after 1', async () => {
      const got = track(after(2 ** 31).recv());
      vi.advanceTimersByTime(10);
      await settle();
      expect(got.current.state).toBe('pending');
      vi.advanceTimersByTime(2 ** 31 - 11);
      await settle();
      expect(got.current.state).toBe('pending');
      vi.advanceTimersByTime(1);
      await settle();
      expect(got.current.state).toBe('fulfilled');
    });

    it('sleep(30 days) sleeps 30 days', async () => {
      const p = track(sleep(30 * DAY));
      vi.advanceTimersByTime(30 * DAY - 1);
      await settle();
      expect(p.current.state).toBe('pending');
      vi.advanceTimersByTime(1);
      await settle();
      expect(p.current.state).toBe('fulfilled');
    });

    it('after(30 days) loses a select to after(5)', async () => {
      const p = track(
        select([recv(after(30 * DAY), () => 'month' as const), recv(after(5), () => 'short' as const)]),
      );
      vi.advanceTimersByTime(5);
      await settle();
      expect(p.current).toEqual({ state: 'fulfilled', value: 'short' });
      expect(vi.getTimerCount()).toBe(0);
    });

    it('a 30-day Ticker ticks once in 30 days, then again 30 days later', async () => {
      const t = new Ticker(30 * DAY);
      const first = track(t.c.recv());
      vi.advanceTimersByTime(30 * DAY - 1);
      await settle();
      expect(first.current.state).toBe('pending');
      vi.advanceTimersByTime(1);
      await settle();
      expect(first.current.state).toBe('fulfilled');
      const second = track(t.c.recv());
      vi.advanceTimersByTime(29 * DAY);
      await settle();
      expect(second.current.state).toBe('pending');
      vi.advanceTimersByTime(DAY);
      await settle();
      expect(second.current.state).toBe('fulfilled');
      t.stop();
    });

    it("Go's TestOverflowSleep: a huge duration never fires, a hugely negative one at once", async () => {
      const big = track(select([recv(after(Number.MAX_VALUE), () => 'big'), recv(after(25), () => 'ok')]));
      vi.advanceTimersByTime(25);
      await settle();
      expect(big.current).toEqual({ state: 'fulfilled', value: 'ok' });
      const neg = track(select([recv(after(-Number.MAX_VALUE), () => 'ok'), recv(after(1000), () => 'late')]));
      await settle();
      expect(neg.current).toEqual({ state: 'fulfilled', value: 'ok' });
    });
  });

  describe('Infinity: a deadline that never comes (Go: time.After(math.MaxInt64))', () => {
    it('after(Infinity) never fires, and a receiver blocked on it holds a platform timer', async () => {
      const c = after(Number.POSITIVE_INFINITY);
      expect(vi.getTimerCount()).toBe(0);
      const ac = new AbortController();
      const got = track(c.recv({ signal: ac.signal }));
      expect(vi.getTimerCount()).toBe(1); // keeps the process alive, as Go's pending timer does
      vi.advanceTimersByTime(100 * 365 * DAY);
      await settle();
      expect(got.current.state).toBe('pending');
      expect(vi.getTimerCount()).toBe(1);
      ac.abort('done');
      await settle();
      expect(got.current).toEqual({ state: 'rejected', reason: 'done' });
      expect(vi.getTimerCount()).toBe(0);
    });

    it('new Timer(Infinity) is pending until stopped; reset(Infinity) makes a timer never fire', () => {
      const t = new Timer(Number.POSITIVE_INFINITY);
      vi.advanceTimersByTime(10 * 365 * DAY);
      expect(t.c.tryRecv()).toBeUndefined();
      expect(t.reset(10)).toBe(true);
      expect(t.reset(Number.POSITIVE_INFINITY)).toBe(true);
      vi.advanceTimersByTime(20);
      expect(t.c.tryRecv()).toBeUndefined();
      expect(t.stop()).toBe(true);
    });

    it('new Ticker(Infinity) never ticks; -Infinity fires at once like any negative duration', () => {
      const t = new Ticker(Number.POSITIVE_INFINITY);
      vi.advanceTimersByTime(10 * 365 * DAY);
      expect(t.c.tryRecv()).toBeUndefined();
      expect(after(Number.NEGATIVE_INFINITY).tryRecv()?.ok).toBe(true);
      expect(() => new Ticker(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
    });
  });

  describe('the value sent is the due time (Go: sendTime sends Now().Add(-delay))', () => {
    it("after(10) received 500 ms later carries start + 10 (Go's TestAfterTimes)", async () => {
      const start = Date.now();
      const c = after(10);
      vi.advanceTimersByTime(500);
      const r = await c.recv();
      expect(r.value?.getTime()).toBe(start + 10);
    });

    it('a blocked receiver gets the due time', async () => {
      const start = Date.now();
      const got = track(new Timer(30).c.recvValue());
      vi.advanceTimersByTime(30);
      await settle();
      expect(got.current).toEqual({ state: 'fulfilled', value: new Date(start + 30) });
    });

    it("tick(10) read 500 ms later carries start + 10, the tick it holds (Go's TestTickTimes)", () => {
      const start = Date.now();
      const c = tick(10);
      vi.advanceTimersByTime(500);
      expect(c.tryRecv()?.value?.getTime()).toBe(start + 10);
      // The ticks it missed are dropped; the next one is due on the period's grid.
      vi.advanceTimersByTime(10);
      expect(c.tryRecv()?.value?.getTime()).toBe(start + 510);
    });

    it('a reset timer carries its new due time', () => {
      const start = Date.now();
      const t = new Timer(100);
      vi.advanceTimersByTime(40);
      t.reset(100);
      vi.advanceTimersByTime(300);
      expect(t.c.tryRecv()?.value?.getTime()).toBe(start + 140);
    });
  });

  describe('a ticker delivers at most one value per period', () => {
    it('a receiver that keeps up gets exactly one tick per period, on the grid', async () => {
      const start = Date.now();
      const t = new Ticker(100);
      const seen: number[] = [];
      void (async () => {
        for (let i = 0; i < 20; i++) seen.push((await t.c.recvValue())!.getTime() - start);
      })();
      for (let i = 0; i < 40; i++) {
        vi.advanceTimersByTime(50);
        await settle();
      }
      expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 100));
      t.stop();
    });

    it('a slow receiver drops ticks; it never gets two in a row without a period between them', async () => {
      const t = new Ticker(10);
      const got: number[] = [];
      for (let i = 0; i < 5; i++) {
        vi.advanceTimersByTime(35); // a receiver that takes 35 ms per tick
        got.push(t.c.tryRecv()!.value!.getTime());
        expect(t.c.tryRecv()).toBeUndefined();
      }
      for (let i = 1; i < got.length; i++) expect(got[i]! - got[i - 1]!).toBeGreaterThanOrEqual(10);
      t.stop();
    });
  });

  describe('timer channels are unbuffered to their users: cap == 0, len == 0 (Go 1.23)', () => {
    it('for after, Timer, Ticker and tick, before, after and while they fire', async () => {
      const chans = [after(10), new Timer(10).c, new Ticker(10).c, tick(10)];
      for (const c of chans) expect([c.capacity, c.length]).toEqual([0, 0]);
      vi.advanceTimersByTime(10);
      for (const c of chans) {
        expect([c.capacity, c.length]).toEqual([0, 0]);
        // The value passes through the internal buffer of one inside the receive.
        const got = await select([recv(c, (d) => [c.capacity, c.length, d instanceof Date])]);
        expect(got).toEqual([0, 0, true]);
      }
    });

    it('a select that looks at a due ticker and takes another case leaves the tick where it was: a late receive gets one tick, not two in a row', () => {
      const start = Date.now();
      const t = new Ticker(10);
      vi.advanceTimersByTime(15);
      const other = new Channel<number>(1);
      other.trySend(0);
      vi.spyOn(Math, 'random').mockReturnValue(0);
      try {
        expect(trySelect([recv(other), recv(t.c)])).toMatchObject({ index: 0 });
      } finally {
        vi.mocked(Math.random).mockRestore();
      }
      vi.advanceTimersByTime(20); // now 35: the ticks due at 20 and 30 were missed
      expect(t.c.tryRecv()?.value?.getTime()).toBe(start + 10);
      expect(t.c.tryRecv()).toBeUndefined(); // Go drops them; the next one is due at 40
      vi.advanceTimersByTime(5);
      expect(t.c.tryRecv()?.value?.getTime()).toBe(start + 40);
      t.stop();
    });

    it('a plain channel still reports its own capacity and length', () => {
      const ch = new Channel<number>(3);
      ch.trySend(1);
      expect([ch.capacity, ch.length]).toEqual([3, 1]);
    });
  });
});

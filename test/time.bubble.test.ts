/**
 * chango's timers and tickers on a synctest bubble: the cases of Go's time/sleep_test.go and
 * tick_test.go that are about *when* things happen, checked to the millisecond on virtual time
 * instead of with fake timers or real sleeps. (Where the platform's own timers are the point, the
 * tests stay on real or fake timers: timer.test.ts, ticker.test.ts, sleep.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { after, Channel, done, now, recv, select, sleep, tick, Ticker, Timer, withDeadline, withTimeout } from '../src/index.js';
import * as synctest from '../src/synctest/index.js';

/** Virtual ms since the bubble started. */
const elapsed = (): number => now().getTime() - synctest.BUBBLE_EPOCH;

describe('time on the bubble', () => {
  it('Sleep sleeps exactly its duration (TestSleep); zero and negative return at once (TestSleepZeroDeadlock)', () =>
    synctest.test(async () => {
      await sleep(2500);
      expect(elapsed()).toBe(2500);
      await sleep(0);
      await sleep(-5);
      expect(elapsed()).toBe(2500);
    }));

  it('After values arrive in order of their durations, not of their creation (TestAfterQueuing)', () =>
    synctest.test(async () => {
      const slots = [5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0];
      const result = new Channel<{ slot: number; at: number }>(slots.length);
      for (const slot of slots) {
        void (async () => {
          await after(slot * 1000).recv();
          await result.send({ slot, at: elapsed() });
        })();
      }
      const got: number[] = [];
      for (let i = 0; i < slots.length; i++) {
        const r = (await result.recvValue()) as { slot: number; at: number };
        expect(r.at).toBe(r.slot * 1000);
        got.push(r.slot);
      }
      expect(got).toEqual([...slots].sort((a, b) => a - b));
    }));

  it('a Ticker ticks every period; a slow receiver gets one pending tick and the missed ones are dropped (TestTicker)', () =>
    synctest.test(async () => {
      const ticker = new Ticker(100);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await ticker.c.recvValue())!.getTime() - synctest.BUBBLE_EPOCH);
      expect(times).toEqual([100, 200, 300]);
      await sleep(1050); // misses ten ticks; one is kept
      expect(ticker.c.tryRecv()?.ok).toBe(true);
      expect(ticker.c.tryRecv()).toBeUndefined();
      await ticker.c.recv(); // the next one is on the original grid
      expect(elapsed()).toBe(1400);
      ticker.stop();
    }));

  it('Ticker.Reset changes the period from now (TestTickerResetLtZeroDuration aside)', () =>
    synctest.test(async () => {
      const ticker = new Ticker(1000);
      await sleep(500);
      ticker.reset(300);
      await ticker.c.recv();
      expect(elapsed()).toBe(800);
      await ticker.c.recv();
      expect(elapsed()).toBe(1100);
      ticker.stop();
      expect(() => ticker.reset(0)).toThrow(RangeError);
    }));

  it('a stopped Ticker never ticks again; waiting on it is a deadlock, not a hang', async () => {
    await expect(
      synctest.test(async () => {
        const ticker = new Ticker(1000);
        await ticker.c.recv();
        ticker.stop();
        await ticker.c.recv();
      }),
    ).rejects.toThrow(/all goroutines in bubble are blocked\n\ngoroutine \[chan receive\]: receive from channel "time.Ticker.C"/);
  });

  it('Timer.Stop reports whether it stopped a pending timer; Reset whether it was pending (TestReset, TestAfterStop)', () =>
    synctest.test(async () => {
      const t = new Timer(1000);
      await sleep(500);
      expect(t.stop()).toBe(true);
      expect(t.stop()).toBe(false);
      expect(t.reset(1000)).toBe(false);
      await sleep(999);
      expect(t.c.tryRecv()).toBeUndefined();
      await sleep(1);
      expect(t.reset(50)).toBe(true); // Go 1.23: its value was still unreceived, and is discarded
      expect(t.c.tryRecv()).toBeUndefined();
      await t.c.recv();
      expect(elapsed()).toBe(1550);
    }));

  it('a Timer modified earlier fires at the earlier time (TestTimerModifiedEarlier)', () =>
    synctest.test(async () => {
      const t = new Timer(10_000);
      t.reset(500);
      await t.c.recv();
      expect(elapsed()).toBe(500);
    }));

  it('a select with a 1 s timeout inside a loop: each iteration waits exactly 1 s (TestAfterTick)', () =>
    synctest.test(async () => {
      const never = new Channel<number>();
      for (let i = 0; i < 10; i++) {
        const r = await select([recv(never), recv(after(1000), () => 'timeout' as const)]);
        expect(r).toBe('timeout');
      }
      expect(elapsed()).toBe(10_000);
    }));

  it('tick with a non-positive interval is the nil channel (TestTick)', async () => {
    await expect(
      synctest.test(async () => {
        await tick(0).recv();
      }),
    ).rejects.toThrow('goroutine [chan receive (nil chan)]');
  });

  it('long durations: a year of virtual time, beyond setTimeout’s 2^31-1 ms limit', () =>
    synctest.test(async () => {
      const year = 365 * 24 * 3600 * 1000;
      await sleep(year);
      expect(elapsed()).toBe(year);
      expect(now().toISOString()).toBe('2000-12-31T00:00:00.000Z');
    }));
});

describe('context and Infinity on the bubble', () => {
  it("withTimeout: not done 1 ms before the deadline, done at it (Go's synctest doc example, ContextWithTimeout)", () =>
    synctest.test(async () => {
      const timeout = 5000;
      using ctx = withTimeout(undefined, timeout);
      await synctest.sleep(timeout - 1);
      expect(ctx.signal.aborted).toBe(false);
      await synctest.sleep(1);
      expect(ctx.signal.aborted).toBe(true);
      expect((ctx.signal.reason as Error).message).toBe('context deadline exceeded');
    }));

  it("withDeadline reads the deadline on the bubble's clock", () =>
    synctest.test(async () => {
      using ctx = withDeadline(undefined, new Date(now().getTime() + 60_000));
      const r = await select([recv(done(ctx.signal), () => 'deadline' as const), recv(after(120_000), () => 'late' as const)]);
      expect(r).toBe('deadline');
      expect(elapsed()).toBe(60_000);
    }));

  it('a context timer nobody cancels does not keep the bubble from ending (Go: an AfterFunc timer is not a goroutine)', () =>
    synctest.test(() => {
      withTimeout(undefined, 1000);
    }));

  it('after(Infinity) never fires: waiting on it alone is a deadlock, not an endless advance of time', async () => {
    await expect(
      synctest.test(async () => {
        await after(Infinity).recv();
      }),
    ).rejects.toThrow(/all goroutines in bubble are blocked\n\ngoroutine \[chan receive\]: receive from channel "time.Timer.C"/);
  });

  it('a timer beyond the platform limit (2^31 ms) fires at its exact virtual time', () =>
    synctest.test(async () => {
      await sleep(2 ** 31 + 5);
      expect(elapsed()).toBe(2 ** 31 + 5);
    }));
});

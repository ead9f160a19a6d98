/**
 * Go's `TestChan` (time/tick_test.go, Go 1.23, `asynctimerchan=0`): the same sequence of stops,
 * resets and blocked receivers, step for step, for a Timer and for a Ticker, in a synctest
 * bubble: Go's `Sleep(sched)` is `await pass(sched)`, that is `synctest.Sleep` (virtual time
 * passes, then everything that can run has run); its retry loops are unnecessary, since virtual
 * time is exact. The two checks about platform timers (none held) stay on vitest's fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { after, Channel, now, recv, type RecvChannel, select, Ticker, Timer } from '../src/index.js';
import * as synctest from '../src/synctest/index.js';
import { settle } from './helpers.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const sched = 10;

/** Go's `Sleep(d)` in a test: virtual time passes and every goroutine that can run does. */
async function pass(ms: number): Promise<void> {
  await synctest.sleep(ms);
}

/** A test body run in a bubble. */
const bubble = (fn: () => Promise<void>) => (): Promise<void> => synctest.test(fn);

interface GoTimer {
  stop(): boolean;
  reset(ms: number): boolean;
  readonly c: RecvChannel<Date>;
}

/** Go's `tickerTimer`: a Ticker with Timer-like `Stop`/`Reset` results. */
function tickerTimer(t: Ticker): GoTimer {
  let stopped = false;
  return {
    c: t.c,
    stop() {
      const pending = !stopped;
      stopped = true;
      t.stop();
      return pending;
    },
    reset(ms: number) {
      const pending = !stopped;
      stopped = false;
      t.reset(ms);
      return pending;
    },
  };
}

function ready(ch: RecvChannel<unknown>): boolean {
  return ch.tryRecv() !== undefined;
}

async function testTimerChan(tim: GoTimer, isTicker: boolean): Promise<void> {
  const C = tim.c;
  const noTick = (): void => expect(C.tryRecv(), 'extra tick').toBeUndefined();
  const assertTick = (): void => expect(C.tryRecv()?.ok, 'missing tick').toBe(true);
  const notDone = (done: Channel<boolean>): void => expect(ready(done), 'early done').toBe(false);
  const waitDone = async (done: Channel<boolean>): Promise<void> => {
    await pass(sched);
    expect(ready(done), 'never got done').toBe(true);
  };

  // Test simple stop; timer never in heap.
  tim.stop();
  noTick();

  // Test modify of timer not in heap.
  tim.reset(10000 * SECOND);
  noTick();

  // Test modify of timer in heap.
  tim.reset(1);
  await pass(sched);
  expect([C.length, C.capacity]).toEqual([0, 0]);
  assertTick();

  // Sleep long enough that a second tick must happen if this is a ticker.
  // Test that Reset does not lose the tick that should have happened.
  await pass(sched);
  tim.reset(10000 * SECOND);
  noTick();

  // Reset timer in heap (already reset above, but just in case).
  tim.reset(10000 * SECOND);

  // Test stop while timer in heap (because goroutine is blocked on <-C).
  let done = new Channel<boolean>();
  notDone(done);
  void (async () => {
    await C.recv();
    done.close();
  })();
  await pass(sched);
  notDone(done);

  // Test reset far away while timer in heap.
  tim.reset(20000 * SECOND);
  await pass(sched);
  notDone(done);

  // Test imminent reset while in heap.
  tim.reset(1);
  await waitDone(done);

  // If this is a ticker, another tick should have come in already. If a timer, it should have stopped.
  if (isTicker) assertTick();
  else noTick();

  tim.stop();
  noTick();

  // Again using select and with two goroutines waiting.
  tim.reset(10000 * SECOND);
  done = new Channel<boolean>(2);
  const done1 = new Channel<boolean>();
  const done2 = new Channel<boolean>();
  let stop = new Channel<boolean>();
  for (const d of [done1, done2]) {
    const s = stop;
    void (async () => {
      await select([recv(C, () => done.send(true)), recv(s)]);
      d.close();
    })();
  }
  await pass(sched);
  notDone(done);
  tim.reset(sched / 2);
  await pass(sched);
  await waitDone(done);
  tim.stop();
  stop.close();
  await waitDone(done1);
  await waitDone(done2);
  if (isTicker) {
    // An extra tick may have gone to the second goroutine, and one more may sit in C.
    done.tryRecv();
    C.tryRecv();
  }
  notDone(done);

  // Test enqueueTimerChan when timer is stopped.
  stop = new Channel<boolean>();
  done = new Channel<boolean>(2);
  let unexpected = false;
  for (let i = 0; i < 2; i++) {
    const s = stop;
    void (async () => {
      await select([
        recv(C, () => {
          unexpected = true;
        }),
        recv(s),
      ]);
      await done.send(true);
    })();
  }
  await pass(sched);
  stop.close();
  await waitDone(done);
  await waitDone(done);
  expect(unexpected, 'unexpected data').toBe(false);

  // Test that Stop and Reset block old values from being received (go.dev/issue/37196).
  tim.reset(1);
  await pass(10);
  expect(tim.stop(), 'tim.Stop() of a fired, unreceived timer').toBe(true);
  noTick();

  tim.reset(HOUR);
  noTick();
  expect(tim.reset(1), 'tim.Reset() of a pending timer').toBe(true);
  await pass(1);
  assertTick();
  await pass(10);
  if (isTicker) {
    assertTick();
    await pass(10);
  } else {
    noTick();
  }
  expect(tim.reset(HOUR), 'tim.Reset() after the value was received').toBe(isTicker);
  noTick();
}

describe("Go's TestChan (Go 1.23 synchronous timer channels)", () => {
  it(
    'Timer',
    bubble(async () => {
      await testTimerChan(new Timer(10000 * SECOND), false);
    }),
  );

  it(
    'Ticker',
    bubble(async () => {
      const t = new Ticker(10000 * SECOND);
      await testTimerChan(tickerTimer(t), true);
      t.stop();
    }),
  );

  it(
    "testReset: a reset pending timer returns true and fires at its new deadline; a received one returns false",
    bubble(async () => {
      const d = 25;
      const t0 = new Timer(2 * d);
      await pass(d);
      expect(t0.reset(3 * d), 'resetting unfired timer returned false').toBe(true);
      await pass(2 * d);
      expect(t0.c.tryRecv(), 'timer fired early').toBeUndefined();
      await pass(2 * d);
      expect(t0.c.tryRecv()?.ok, 'reset timer did not fire').toBe(true);
      expect(t0.reset(50), 'resetting expired timer returned true').toBe(false);
    }),
  );

  it(
    'TestAfterStop: stopped timers never deliver, and a second Stop returns false',
    bubble(async () => {
      const t0 = new Timer(50);
      const c2 = after(200);
      expect(t0.stop(), 'failed to stop event 0').toBe(true);
      await pass(200);
      expect(c2.tryRecv()?.ok).toBe(true);
      expect(t0.c.tryRecv(), 'event 0 was not stopped').toBeUndefined();
      expect(t0.stop(), 'Stop returned true twice').toBe(false);
    }),
  );

  it(
    'TestTimerModifiedEarlier: `if !t.Stop() { <-t.C }; t.Reset(past)` ten times, then it fires at once',
    bubble(async () => {
      const timer = new Timer(HOUR);
      for (let j = 0; j < 10; j++) {
        if (!timer.stop()) await timer.c.recv();
        timer.reset(-now().getTime());
      }
      expect(timer.c.tryRecv()?.ok).toBe(true);
    }),
  );

  it(
    'TestAdjustTimers: timers moved earlier and later keep their Stop/Reset results',
    bubble(async () => {
      const timers = Array.from({ length: 20 }, () => new Timer(0));
      for (const t of timers) await t.c.recv(); // now idle
      for (const [i, t] of timers.entries()) {
        expect(t.reset((1 + (i % 3)) * 60 * SECOND), "shouldn't be active").toBe(false);
        expect(t.stop()).toBe(true);
      }
      for (const t of timers) expect(t.reset(0), 'timer.Reset returned true').toBe(false);
      for (const t of timers) expect(t.c.tryRecv()?.ok).toBe(true);
    }),
  );

  it(
    'TestAfterQueuing: timers fire in the order of their deadlines, each at its due time',
    bubble(async () => {
      const slots = [5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0];
      const delta = 20;
      const start = now().getTime();
      const result = new Channel<{ slot: number; t: number }>(slots.length);
      for (const slot of slots) {
        const c = after(slot * delta);
        void (async () => {
          const t = (await c.recvValue())!.getTime();
          await result.send({ slot, t });
        })();
      }
      for (let i = 0; i < 10; i++) await pass(delta);
      const got: { slot: number; t: number }[] = [];
      for (let i = 0; i < slots.length; i++) got.push(result.tryRecv()!.value!);
      expect(got.map((r) => r.slot)).toEqual([...slots].sort((a, b) => a - b));
      for (const r of got) expect(r.t - start).toBe(r.slot * delta);
    }),
  );

});

describe('Go 1.23 timers hold no platform timer (fake timers: the platform is the point)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Fake time passes and every goroutine that can run does. */
  async function passFake(ms: number): Promise<void> {
    vi.advanceTimersByTime(ms);
    await settle();
  }

  it('TestZeroTimer: NewTimer(0) is ready at once, a thousand times over', async () => {
    for (let i = 0; i < 1000; i++) {
      const ti = new Timer(0);
      expect((await ti.c.recv()).ok).toBe(true);
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it('TestTimerStopStress-like: 100 timers of 2 s stopped after 1 s never deliver', async () => {
    const timers = Array.from({ length: 100 }, () => new Timer(2 * SECOND));
    const fired: number[] = [];
    timers.forEach((t, i) => {
      void t.c.recv().then(() => fired.push(i));
    });
    await passFake(SECOND);
    for (const t of timers) expect(t.stop()).toBe(true);
    await passFake(2 * SECOND);
    expect(fired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reasonOf } from '../src/runtime/parked.js';
import { setParkTracker, type Parked } from '../src/runtime/waiter.js';
import { Once } from '../src/sync/once.js';
import { fcParams, gate, settle, track } from './helpers.js';

describe('Once.do', () => {
  it('calls a synchronous fn once, synchronously, and later calls do not call theirs', async () => {
    const once = new Once();
    let calls = 0;
    const first = once.do(() => {
      calls++;
    });
    expect(calls).toBe(1);
    await first;
    await once.do(() => {
      calls += 10;
    });
    expect(calls).toBe(1);
  });

  it('concurrent callers wait until the async fn has finished', async () => {
    const once = new Once();
    const g = gate();
    let initialized = false;
    let calls = 0;
    const first = track(
      once.do(async () => {
        calls++;
        await g.p;
        initialized = true;
      }),
    );
    const second = track(once.do(() => void calls++));
    const third = track(once.do(() => void calls++));
    await settle();
    expect([first.settled, second.settled, third.settled]).toEqual([false, false, false]);
    g.open();
    await settle();
    expect([first.fulfilled, second.fulfilled, third.fulfilled]).toEqual([true, true, true]);
    expect(initialized).toBe(true);
    expect(calls).toBe(1);
  });

  it('fn returning an object whose then getter throws: that is fn panicking, and the Once is done', async () => {
    const once = new Once();
    const boom = new Error('then getter');
    let reads = 0;
    const weird = {
      get then(): unknown {
        reads++;
        throw boom;
      },
    };
    const first = track(once.do(() => weird));
    await settle();
    expect(first.settled).toBe(true);
    expect(first.reason).toBe(boom);
    expect(reads).toBe(1);
    // Every later do settles at once and runs nothing.
    let calls = 0;
    const later = track(once.do(() => void calls++));
    await settle();
    expect(later.fulfilled).toBe(true);
    expect(calls).toBe(0);
  });

  it('fn returning a thenable whose then throws, or that rejects: the caller gets the error, later calls settle', async () => {
    for (const thenable of [
      {
        then(): void {
          throw new Error('then threw');
        },
      },
      {
        then(_ok: () => void, fail: (e: unknown) => void): void {
          fail(new Error('then threw'));
        },
      },
    ]) {
      const once = new Once();
      const first = track(once.do(() => thenable));
      const waiting = track(once.do(() => undefined));
      await settle();
      expect((first.reason as Error).message).toBe('then threw');
      expect(waiting.fulfilled).toBe(true);
      const later = track(once.do(() => undefined));
      await settle();
      expect(later.fulfilled).toBe(true);
    }
  });

  it('a throwing fn: its caller gets the error, the Once is done, nobody retries (Go semantics)', async () => {
    const once = new Once();
    const boom = new Error('init failed');
    await expect(
      once.do(() => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    let called = false;
    await once.do(() => {
      called = true;
    });
    expect(called).toBe(false);
  });

  it('a rejecting fn: only the caller that ran it rejects; the waiters resolve', async () => {
    const once = new Once();
    const g = gate();
    const first = track(once.do(() => g.p));
    const waiter = track(once.do(() => undefined));
    const boom = new Error('async init failed');
    g.fail(boom);
    await settle();
    expect(first.reason).toBe(boom);
    expect(waiter.fulfilled).toBe(true);
    let called = false;
    await once.do(() => void (called = true));
    expect(called).toBe(false);
  });

  it('a non-function is a TypeError and does not use up the Once', async () => {
    const once = new Once();
    expect(() => once.do(null as unknown as () => void)).toThrow(TypeError);
    let called = false;
    await once.do(() => void (called = true));
    expect(called).toBe(true);
    expect(() => once.do('f' as unknown as () => void)).toThrow(TypeError);
  });

  it('a waiter blocked on a running Once reads as sync.Mutex.Lock in the deadlock report', async () => {
    const parked: Parked[] = [];
    setParkTracker({ park: (p) => parked.push(p) });
    try {
      const once = new Once();
      const g = gate();
      void once.do(() => g.p);
      const w = track(once.do(() => undefined));
      expect(parked.map(reasonOf)).toEqual(['sync.Mutex.Lock']);
      g.open();
      await settle();
      expect(w.fulfilled).toBe(true);
    } finally {
      setParkTracker(null);
    }
  });
});

describe('Once properties', () => {
  it('fn runs exactly once and no caller resolves before it has finished, under any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        async (s, n, steps) => {
          const once = new Once();
          let calls = 0;
          let finished = false;
          const callers = Array.from({ length: n }, async (_, i) => {
            await s.schedule(Promise.resolve(), `caller ${i}`);
            await once.do(async () => {
              calls++;
              for (let k = 0; k < steps; k++) await s.schedule(Promise.resolve(), `fn step ${k}`);
              finished = true;
            });
            expect(finished).toBe(true);
          });
          await s.waitFor(Promise.all(callers));
          expect(calls).toBe(1);
        },
      ),
      fcParams(200),
    );
  });
});

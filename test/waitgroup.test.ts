import { afterEach, describe, expect, it } from 'vitest';
import { isBlocked, reasonOf } from '../src/runtime/parked.js';
import { setParkTracker, type Parked } from '../src/runtime/waiter.js';
import { NegativeWaitGroupCounterError } from '../src/sync/errors.js';
import { WaitGroup } from '../src/sync/waitgroup.js';
import { gate, settle, track } from './helpers.js';

/**
 * Takes over process-level unhandled-rejection reporting for one test, so that a rejection chango
 * deliberately leaves unhandled can be observed instead of failing the run.
 */
function captureUnhandled(): { next: () => Promise<unknown>; restore: () => void } {
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const seen: unknown[] = [];
  let wake: (() => void) | null = null;
  process.on('unhandledRejection', (reason) => {
    seen.push(reason);
    wake?.();
  });
  return {
    async next() {
      while (seen.length === 0) await new Promise<void>((r) => (wake = r));
      return seen.shift();
    },
    restore() {
      process.removeAllListeners('unhandledRejection');
      for (const l of saved) process.on('unhandledRejection', l);
    },
  };
}

describe('WaitGroup: add, done, wait', () => {
  it('wait on a zero counter resolves at once', async () => {
    const wg = new WaitGroup();
    const t = track(wg.wait());
    await settle();
    expect(t.fulfilled).toBe(true);
  });

  it('wait resolves exactly when the counter reaches zero', async () => {
    const wg = new WaitGroup();
    wg.add(2);
    const t = track(wg.wait());
    await settle();
    expect(t.settled).toBe(false);
    wg.done();
    await settle();
    expect(t.settled).toBe(false);
    wg.done();
    await settle();
    expect(t.fulfilled).toBe(true);
  });

  it('add defaults to 1 and accepts a negative delta', async () => {
    const wg = new WaitGroup();
    wg.add();
    wg.add(3);
    const t = track(wg.wait());
    wg.add(-3);
    await settle();
    expect(t.settled).toBe(false);
    wg.add(-1);
    await settle();
    expect(t.fulfilled).toBe(true);
  });

  it('add(0) on a zero counter releases nothing and blocks nothing', async () => {
    const wg = new WaitGroup();
    wg.add(0);
    const t = track(wg.wait());
    await settle();
    expect(t.fulfilled).toBe(true);
  });

  it('releases every waiter of a round with the same decrement', async () => {
    const wg = new WaitGroup();
    wg.add(1);
    const ts = [track(wg.wait()), track(wg.wait()), track(wg.wait())];
    await settle();
    expect(ts.map((t) => t.settled)).toEqual([false, false, false]);
    wg.done();
    await settle();
    expect(ts.map((t) => t.fulfilled)).toEqual([true, true, true]);
  });

  it('can be reused once the counter is back at zero', async () => {
    const wg = new WaitGroup();
    wg.add(1);
    const first = track(wg.wait());
    wg.done();
    wg.add(1); // a new round starts before the first round's waiters have even resumed
    const second = track(wg.wait());
    await settle();
    expect(first.fulfilled).toBe(true);
    expect(second.settled).toBe(false);
    wg.done();
    await settle();
    expect(second.fulfilled).toBe(true);
  });
});

describe('WaitGroup: misuse and bad input', () => {
  it("done on a zero counter throws Go's panic and changes nothing", async () => {
    const wg = new WaitGroup();
    let err: unknown;
    try {
      wg.done();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NegativeWaitGroupCounterError);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('sync: negative WaitGroup counter');
    expect((err as Error).name).toBe('NegativeWaitGroupCounterError');
    const t = track(wg.wait());
    await settle();
    expect(t.fulfilled).toBe(true);
  });

  it('leaves the counter unchanged after a negative-counter error: wait still waits for outstanding work', async () => {
    const wg = new WaitGroup();
    wg.add(2);
    expect(() => wg.add(-3)).toThrow('sync: negative WaitGroup counter');
    const t = track(wg.wait());
    wg.done();
    await settle();
    expect(t.settled).toBe(false); // one goroutine is still outstanding
    wg.done();
    await settle();
    expect(t.fulfilled).toBe(true);
    expect(() => wg.done()).toThrow(NegativeWaitGroupCounterError);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, -0.5])(
    'add(%s) throws RangeError and changes nothing',
    async (delta) => {
      const wg = new WaitGroup();
      wg.add(1);
      expect(() => wg.add(delta)).toThrow(RangeError);
      const t = track(wg.wait());
      wg.done(); // the counter was 1, so this releases
      await settle();
      expect(t.fulfilled).toBe(true);
    },
  );

  it.each(['1', null, 1n, {}])('add(%s) throws TypeError', (delta) => {
    const wg = new WaitGroup();
    expect(() => wg.add(delta as unknown as number)).toThrow(TypeError);
    expect(() => wg.done()).toThrow(NegativeWaitGroupCounterError);
  });

  it("refuses to overflow Go's int32 counter", async () => {
    const wg = new WaitGroup();
    wg.add(2 ** 31 - 1);
    expect(() => wg.add(1)).toThrow(RangeError);
    const t = track(wg.wait());
    wg.add(-(2 ** 31 - 1));
    await settle();
    expect(t.fulfilled).toBe(true);
  });
});

describe('WaitGroup: wait with a signal', () => {
  it('an aborted wait rejects with the reason and leaves the round to the other waiters', async () => {
    const wg = new WaitGroup();
    wg.add(1);
    const ac = new AbortController();
    const aborted = track(wg.wait({ signal: ac.signal }));
    const other = track(wg.wait());
    const reason = new Error('gave up');
    ac.abort(reason);
    await settle();
    expect(aborted.settled).toBe(true);
    expect(aborted.reason).toBe(reason);
    expect(other.settled).toBe(false);
    wg.done();
    await settle();
    expect(other.fulfilled).toBe(true);
  });

  it('an already aborted signal rejects, even on a zero counter', async () => {
    const wg = new WaitGroup();
    const signal = AbortSignal.abort('stop');
    await expect(wg.wait({ signal })).rejects.toBe('stop');
    wg.add(1);
    await expect(wg.wait({ signal })).rejects.toBe('stop');
    wg.done();
  });

  it('a signal that is not an AbortSignal is a TypeError', () => {
    const wg = new WaitGroup();
    expect(() => wg.wait({ signal: {} as AbortSignal })).toThrow(TypeError);
  });

  it('a wait that completes removes its abort listener', async () => {
    const wg = new WaitGroup();
    wg.add(1);
    const ac = new AbortController();
    const t = track(wg.wait({ signal: ac.signal }));
    wg.done();
    await settle();
    ac.abort(new Error('late'));
    await settle();
    expect(t.fulfilled).toBe(true);
  });
});

describe('WaitGroup: go(fn)', () => {
  it('adds one before fn starts, runs fn synchronously, and calls done when it settles', async () => {
    const wg = new WaitGroup();
    const log: string[] = [];
    const g = gate();
    wg.go(async () => {
      log.push('start');
      await g.p;
      log.push('end');
    });
    log.push('after go');
    expect(() => wg.add(-1)).not.toThrow(); // the counter is 1 ...
    wg.add(1); // ... put it back
    const t = track(wg.wait());
    await settle();
    expect(t.settled).toBe(false);
    g.open();
    await settle();
    expect(t.fulfilled).toBe(true);
    expect(log).toEqual(['start', 'after go', 'end']);
  });

  it('a synchronous fn is done when it returns', async () => {
    const wg = new WaitGroup();
    let ran = false;
    wg.go(() => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(() => wg.done()).toThrow(NegativeWaitGroupCounterError);
  });

  it('accepts any thenable', async () => {
    const wg = new WaitGroup();
    let resolveIt!: () => void;
    const thenable: PromiseLike<void> = {
      then(onFulfilled) {
        resolveIt = () => onFulfilled?.();
        return this as unknown as PromiseLike<never>;
      },
    };
    wg.go(() => thenable);
    const t = track(wg.wait());
    await settle();
    expect(t.settled).toBe(false);
    resolveIt();
    await settle();
    expect(t.fulfilled).toBe(true);
  });

  it('fans out and in: the seed program', async () => {
    const wg = new WaitGroup();
    const results: number[] = [];
    const gates = [gate(), gate(), gate()];
    for (let w = 0; w < 3; w++) {
      wg.go(async () => {
        await gates[w]!.p;
        results.push(w);
      });
    }
    const t = track(wg.wait());
    gates[2]!.open();
    gates[0]!.open();
    await settle();
    expect(t.settled).toBe(false);
    gates[1]!.open();
    await settle();
    expect(t.fulfilled).toBe(true);
    expect(results).toEqual([2, 0, 1]);
  });

  it('a non-function is a TypeError and the counter is unchanged', () => {
    const wg = new WaitGroup();
    expect(() => wg.go(undefined as unknown as () => void)).toThrow(TypeError);
    expect(() => wg.go(Promise.resolve() as unknown as () => void)).toThrow(TypeError);
    expect(() => wg.done()).toThrow(NegativeWaitGroupCounterError);
  });

  describe('a panicking goroutine (as in Go: no Done, the panic is not recovered)', () => {
    let restore: (() => void) | null = null;
    afterEach(() => {
      restore?.();
      restore = null;
    });

    it('a rejection surfaces as an unhandled rejection and done is not called', async () => {
      const cap = captureUnhandled();
      restore = cap.restore;
      const wg = new WaitGroup();
      const boom = new Error('boom');
      wg.go(async () => {
        await null;
        throw boom;
      });
      const t = track(wg.wait());
      expect(await cap.next()).toBe(boom);
      await settle();
      expect(t.settled).toBe(false); // wait does not report success for work that panicked
      wg.done(); // only the goroutine's own count is left
      await settle();
      expect(t.fulfilled).toBe(true);
    });

    it('a synchronous throw never unwinds into the caller of go; it surfaces the same way', async () => {
      const cap = captureUnhandled();
      restore = cap.restore;
      const wg = new WaitGroup();
      const boom = new Error('sync boom');
      expect(() =>
        wg.go(() => {
          throw boom;
        }),
      ).not.toThrow();
      expect(await cap.next()).toBe(boom);
      const t = track(wg.wait());
      await settle();
      expect(t.settled).toBe(false);
      wg.done();
    });
  });
});

describe('WaitGroup: deadlock report', () => {
  afterEach(() => setParkTracker(null));

  it('a blocked wait reads as sync.WaitGroup.Wait', async () => {
    const parked: Parked[] = [];
    setParkTracker({ park: (p) => parked.push(p) });
    const wg = new WaitGroup();
    wg.add(1);
    const t = track(wg.wait());
    expect(parked.map(reasonOf)).toEqual(['sync.WaitGroup.Wait']);
    expect(isBlocked(parked[0]!)).toBe(true);
    wg.done();
    await settle();
    expect(t.fulfilled).toBe(true);
    expect(isBlocked(parked[0]!)).toBe(false);
  });
});

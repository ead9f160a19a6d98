import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { channelNameOf, reasonOf } from '../src/runtime/parked.js';
import { setParkTracker, type Parked } from '../src/runtime/waiter.js';
import { UnlockOfUnlockedMutexError } from '../src/sync/errors.js';
import { Mutex, MutexGuard } from '../src/sync/mutex.js';
import { fcParams, settle, track, type Tracked } from './helpers.js';

describe('Mutex: lock, unlock, tryLock', () => {
  it('lock on a free mutex resolves with a guard, and the mutex is then held', async () => {
    const mu = new Mutex();
    const g = await mu.lock();
    expect(g).toBeInstanceOf(MutexGuard);
    expect(mu.tryLock()).toBeUndefined();
    mu.unlock();
    const g2 = mu.tryLock();
    expect(g2).toBeInstanceOf(MutexGuard);
    expect(g2).not.toBe(g); // a fresh guard per lock
    expect(mu.tryLock()).toBeUndefined();
  });

  it('lock waits while the mutex is held', async () => {
    const mu = new Mutex();
    expect(mu.tryLock()).toBeDefined();
    const t = track(mu.lock());
    await settle();
    expect(t.settled).toBe(false);
    mu.unlock();
    await settle();
    expect(t.value).toBeInstanceOf(MutexGuard);
    expect(mu.tryLock()).toBeUndefined();
  });

  it('hands the lock to waiters in FIFO order, with no barging by tryLock', async () => {
    const mu = new Mutex();
    await mu.lock();
    const order: number[] = [];
    const ts = [0, 1, 2].map((i) => {
      const p = mu.lock().then((g) => {
        order.push(i);
        return g;
      });
      return track(p);
    });
    mu.unlock();
    // Ownership passed to waiter 0 synchronously, before it even resumed.
    expect(mu.tryLock()).toBeUndefined();
    await settle();
    expect(order).toEqual([0]);
    mu.unlock();
    await settle();
    mu.unlock();
    await settle();
    expect(order).toEqual([0, 1, 2]);
    expect(ts.every((t) => t.value instanceof MutexGuard)).toBe(true);
    mu.unlock();
    expect(mu.tryLock()).toBeDefined();
  });

  it("unlock of an unlocked mutex throws Go's fatal error and changes nothing", () => {
    const mu = new Mutex();
    let err: unknown;
    try {
      mu.unlock();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnlockOfUnlockedMutexError);
    expect((err as Error).message).toBe('sync: unlock of unlocked mutex');
    expect((err as Error).name).toBe('UnlockOfUnlockedMutexError');
    // Still exactly one token: one tryLock succeeds, the second fails.
    expect(mu.tryLock()).toBeDefined();
    expect(mu.tryLock()).toBeUndefined();
    mu.unlock();
    expect(() => mu.unlock()).toThrow(UnlockOfUnlockedMutexError);
  });

  it('is not tied to a goroutine: any code may unlock', async () => {
    const mu = new Mutex();
    await mu.lock();
    const other = async (): Promise<void> => {
      await null;
      mu.unlock();
    };
    await other();
    expect(mu.tryLock()).toBeDefined();
  });
});

describe('Mutex: using', () => {
  it('a using block unlocks on normal exit', async () => {
    const mu = new Mutex();
    {
      using _ = await mu.lock();
      expect(mu.tryLock()).toBeUndefined();
    }
    expect(mu.tryLock()).toBeDefined();
  });

  it('a using block unlocks when the block throws', async () => {
    const mu = new Mutex();
    const critical = async (): Promise<void> => {
      using _ = await mu.lock();
      throw new Error('inside');
    };
    await expect(critical()).rejects.toThrow('inside');
    expect(mu.tryLock()).toBeDefined();
  });

  it('using with tryLock: held inside, released after; a failed tryLock disposes nothing', () => {
    const mu = new Mutex();
    {
      using g = mu.tryLock();
      expect(g).toBeDefined();
      {
        using g2 = mu.tryLock();
        expect(g2).toBeUndefined();
      }
      expect(mu.tryLock()).toBeUndefined(); // the inner block did not unlock the outer lock
    }
    expect(mu.tryLock()).toBeDefined();
  });

  it('an early unlock inside a using block is safe: the stale guard does not unlock the next holder', async () => {
    const mu = new Mutex();
    let next: Tracked<MutexGuard> | undefined;
    {
      using _ = await mu.lock();
      next = track(mu.lock());
      mu.unlock(); // hands the lock to the waiting locker
    } // this dispose must not release the waiter's lock
    await settle();
    expect(next.value).toBeInstanceOf(MutexGuard);
    expect(mu.tryLock()).toBeUndefined();
    expect(() => mu.unlock()).not.toThrow(); // the waiter's lock, released once
    expect(() => mu.unlock()).toThrow(UnlockOfUnlockedMutexError);
  });

  it('disposing a guard twice unlocks once', async () => {
    const mu = new Mutex();
    const g = await mu.lock();
    g[Symbol.dispose]();
    const g2 = mu.tryLock();
    expect(g2).toBeDefined();
    g[Symbol.dispose](); // stale: g2's lock stays held
    expect(mu.tryLock()).toBeUndefined();
    g2![Symbol.dispose]();
    expect(mu.tryLock()).toBeDefined();
  });
});

describe('Mutex: lock with a signal', () => {
  it('an aborted lock rejects with the reason, holds nothing, and the next waiter gets the lock', async () => {
    const mu = new Mutex();
    await mu.lock();
    const ac = new AbortController();
    const aborted = track(mu.lock({ signal: ac.signal }));
    const next = track(mu.lock());
    ac.abort('cancelled');
    await settle();
    expect(aborted.reason).toBe('cancelled');
    mu.unlock();
    await settle();
    expect(next.value).toBeInstanceOf(MutexGuard);
    mu.unlock();
    expect(mu.tryLock()).toBeDefined();
  });

  it('an already aborted signal rejects even on a free mutex, which stays free', async () => {
    const mu = new Mutex();
    await expect(mu.lock({ signal: AbortSignal.abort('no') })).rejects.toBe('no');
    expect(mu.tryLock()).toBeDefined();
  });

  it('a signal that is not an AbortSignal is a TypeError', () => {
    const mu = new Mutex();
    expect(() => mu.lock({ signal: 'x' as unknown as AbortSignal })).toThrow(TypeError);
    expect(mu.tryLock()).toBeDefined();
  });
});

describe('Mutex: deadlock report', () => {
  afterEach(() => setParkTracker(null));

  it('a blocked lock reads as sync.Mutex.Lock', async () => {
    const parked: Parked[] = [];
    const mu = new Mutex();
    await mu.lock();
    setParkTracker({ park: (p) => parked.push(p) });
    void mu.lock();
    expect(parked.map((p) => [reasonOf(p), channelNameOf(p)])).toEqual([['sync.Mutex.Lock', 'sync.Mutex']]);
  });
});

describe('Mutex properties', () => {
  it('mutual exclusion and FIFO hand-off under any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
        async (s, work) => {
          const mu = new Mutex();
          let inside = 0;
          let maxInside = 0;
          const asked: number[] = [];
          const got: number[] = [];
          const goroutines = work.map(async (steps, i) => {
            await s.schedule(Promise.resolve(), `g${i} start`);
            asked.push(i);
            using _ = await mu.lock();
            got.push(i);
            inside++;
            maxInside = Math.max(maxInside, inside);
            for (let k = 0; k < steps; k++) await s.schedule(Promise.resolve(), `g${i} step ${k}`);
            inside--;
          });
          await s.waitFor(Promise.all(goroutines));
          expect(maxInside).toBe(1);
          expect(got).toEqual(asked);
          expect(mu.tryLock()).toBeDefined();
        },
      ),
      fcParams(200),
    );
  });
});

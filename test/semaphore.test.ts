import { afterEach, describe, expect, it } from 'vitest';
import { reasonOf } from '../src/runtime/parked.js';
import { setParkTracker, type Parked } from '../src/runtime/waiter.js';
import { ReleasedMoreThanHeldError } from '../src/sync/errors.js';
import { Semaphore } from '../src/sync/semaphore.js';
import { settle, track } from './helpers.js';

/** The weight currently free, read through the public API (and left as it was). */
function free(sem: Semaphore): number {
  for (let n = sem.size; n > 0; n--) {
    if (sem.tryAcquire(n)) {
      sem.release(n);
      return n;
    }
  }
  return 0;
}

describe('Semaphore: acquire, tryAcquire, release', () => {
  it('acquires at once while the weight is free, and waits when it is not', async () => {
    const sem = new Semaphore(3);
    expect(sem.size).toBe(3);
    await sem.acquire(2);
    await sem.acquire(); // weight 1 by default
    expect(free(sem)).toBe(0);
    const t = track(sem.acquire(2));
    await settle();
    expect(t.settled).toBe(false);
    sem.release(1);
    await settle();
    expect(t.settled).toBe(false); // 1 free, 2 wanted
    sem.release(2);
    await settle();
    expect(t.fulfilled).toBe(true);
    expect(free(sem)).toBe(1);
  });

  it('tryAcquire takes the weight only if it is free now', () => {
    const sem = new Semaphore(2);
    expect(sem.tryAcquire(3)).toBe(false);
    expect(sem.tryAcquire(2)).toBe(true);
    expect(sem.tryAcquire()).toBe(false);
    sem.release(2);
    expect(sem.tryAcquire()).toBe(true);
    expect(free(sem)).toBe(1);
  });

  it('is FIFO: a large request is not starved by later small ones', async () => {
    const sem = new Semaphore(4);
    await sem.acquire(3);
    const big = track(sem.acquire(4));
    expect(sem.tryAcquire(1)).toBe(false); // 1 is free, but the big request is first in line
    const small = track(sem.acquire(1));
    await settle();
    expect([big.settled, small.settled]).toEqual([false, false]);
    sem.release(3);
    await settle();
    expect([big.fulfilled, small.settled]).toEqual([true, false]);
    sem.release(4);
    await settle();
    expect(small.fulfilled).toBe(true);
  });

  it('one release grants every waiter at the front that fits, in order', async () => {
    const sem = new Semaphore(3);
    await sem.acquire(3);
    const order: number[] = [];
    const ps = [1, 1, 1, 1].map((n, i) => sem.acquire(n).then(() => order.push(i)));
    sem.release(3);
    await settle();
    expect(order).toEqual([0, 1, 2]);
    sem.release(1);
    await Promise.all(ps);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('acquire(0) succeeds at once, unless others are waiting', async () => {
    const sem = new Semaphore(1);
    await sem.acquire(0);
    expect(sem.tryAcquire(0)).toBe(true);
    await sem.acquire(1);
    const one = track(sem.acquire(1));
    const zero = track(sem.acquire(0));
    await settle();
    expect(zero.settled).toBe(false); // queued behind the waiter, FIFO
    sem.release(1);
    await settle();
    expect([one.fulfilled, zero.fulfilled]).toEqual([true, true]);
  });

  it('a semaphore of size 0 only grants weight 0', async () => {
    const sem = new Semaphore(0);
    expect(sem.tryAcquire(0)).toBe(true);
    expect(sem.tryAcquire(1)).toBe(false);
  });
});

describe('Semaphore: misuse and bad input', () => {
  it("releasing more than held throws Go's panic and changes nothing", async () => {
    const sem = new Semaphore(3);
    await sem.acquire(2);
    let err: unknown;
    try {
      sem.release(3);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReleasedMoreThanHeldError);
    expect((err as Error).message).toBe('semaphore: released more than held');
    expect((err as Error).name).toBe('ReleasedMoreThanHeldError');
    expect(free(sem)).toBe(1); // still 2 held
    sem.release(2);
    expect(() => sem.release()).toThrow(ReleasedMoreThanHeldError);
    expect(free(sem)).toBe(3);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('new Semaphore(%s) is a RangeError', (size) => {
    expect(() => new Semaphore(size)).toThrow(RangeError);
  });

  it.each(['3', undefined, null])('new Semaphore(%s) is a TypeError', (size) => {
    expect(() => new Semaphore(size as unknown as number)).toThrow(TypeError);
  });

  it.each([-1, 0.5, Number.NaN, Number.NEGATIVE_INFINITY])(
    'weight %s is a RangeError everywhere, and changes nothing',
    async (n) => {
      const sem = new Semaphore(2);
      await sem.acquire(1);
      expect(() => sem.acquire(n)).toThrow(RangeError);
      expect(() => sem.tryAcquire(n)).toThrow(RangeError);
      expect(() => sem.release(n)).toThrow(RangeError);
      expect(free(sem)).toBe(1);
    },
  );

  it('a weight that is not a number is a TypeError', () => {
    const sem = new Semaphore(2);
    expect(() => sem.acquire('1' as unknown as number)).toThrow(TypeError);
    expect(() => sem.tryAcquire(null as unknown as number)).toThrow(TypeError);
    expect(() => sem.release('1' as unknown as number)).toThrow(TypeError);
    expect(free(sem)).toBe(2);
  });

  it('a signal that is not an AbortSignal is a TypeError, and nothing is acquired', () => {
    const sem = new Semaphore(2);
    expect(() => sem.acquire(1, { signal: {} as AbortSignal })).toThrow(TypeError);
    expect(free(sem)).toBe(2);
  });
});

describe('Semaphore: acquire with a signal', () => {
  it('an aborted waiter rejects with the reason and holds nothing', async () => {
    const sem = new Semaphore(2);
    await sem.acquire(2);
    const ac = new AbortController();
    const t = track(sem.acquire(1, { signal: ac.signal }));
    ac.abort('timeout');
    await settle();
    expect(t.reason).toBe('timeout');
    sem.release(2);
    expect(free(sem)).toBe(2);
  });

  it('aborting the front waiter lets the waiters behind it through if they fit', async () => {
    const sem = new Semaphore(2);
    await sem.acquire(1);
    const ac = new AbortController();
    const big = track(sem.acquire(2, { signal: ac.signal }));
    const small = track(sem.acquire(1));
    await settle();
    expect(small.settled).toBe(false);
    ac.abort(new Error('cancel'));
    await settle();
    expect(big.settled).toBe(true);
    expect(small.fulfilled).toBe(true);
    expect(free(sem)).toBe(0);
  });

  it('a release right after the abort grants the next waiter, not the aborted one', async () => {
    const sem = new Semaphore(1);
    await sem.acquire(1);
    const ac = new AbortController();
    const t = track(sem.acquire(1, { signal: ac.signal }));
    const next = track(sem.acquire(1));
    ac.abort('late');
    // Same tick. Go may grant the aborted waiter, which then puts the weight back; here the abort
    // has already left the line. Either way the weight goes to the next waiter.
    sem.release(1);
    await settle();
    expect(t.reason).toBe('late');
    expect(next.fulfilled).toBe(true); // the weight went on to the next waiter
    sem.release(1);
    expect(free(sem)).toBe(1);
  });

  it('a grant that wins the race with the abort succeeds', async () => {
    const sem = new Semaphore(1);
    await sem.acquire(1);
    const ac = new AbortController();
    const t = track(sem.acquire(1, { signal: ac.signal }));
    sem.release(1);
    ac.abort('too late');
    await settle();
    expect(t.fulfilled).toBe(true);
    expect(free(sem)).toBe(0);
  });

  it('an already aborted signal rejects even when the weight is free, and acquires nothing', async () => {
    const sem = new Semaphore(1);
    await expect(sem.acquire(1, { signal: AbortSignal.abort('done') })).rejects.toBe('done');
    expect(free(sem)).toBe(1);
  });

  it('more than size waits only for its signal, without blocking others (Go)', async () => {
    const sem = new Semaphore(2);
    const ac = new AbortController();
    const doomed = track(sem.acquire(3, { signal: ac.signal }));
    await sem.acquire(2); // not queued behind the doomed request
    sem.release(2);
    await settle();
    expect(doomed.settled).toBe(false);
    ac.abort('never');
    await settle();
    expect(doomed.reason).toBe('never');
    expect(free(sem)).toBe(2);
  });
});

describe('Semaphore: deadlock report', () => {
  afterEach(() => setParkTracker(null));

  it('a blocked acquire reads as semacquire', async () => {
    const parked: Parked[] = [];
    const sem = new Semaphore(1);
    await sem.acquire(1);
    setParkTracker({ park: (p) => parked.push(p) });
    const t = track(sem.acquire(1));
    expect(parked.map(reasonOf)).toEqual(['semacquire']);
    sem.release(1);
    await settle();
    expect(t.fulfilled).toBe(true);
  });
});

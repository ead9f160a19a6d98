import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { done, ErrGroup, recv, select, sleep, withCancel, withDeadline, withTimeout } from '../src/index.js';
import { settle, track } from './helpers.js';

/**
 * What a parent signal keeps for the signals derived from it: its abort listeners, plus any other
 * collection Node keeps on the signal (Node 20 keeps a WeakRef per `AbortSignal.any` dependant in
 * a set there, `kDependantSignals`, and never removes it: nodejs/node#55351).
 */
function heldBy(parent: AbortSignal): number {
  let n = getEventListeners(parent, 'abort').length;
  for (const sym of Object.getOwnPropertySymbols(parent)) {
    if (/kEvents|kHandlers/.test(String(sym))) continue; // the listeners, counted above
    const size = ((parent as unknown as Record<symbol, unknown>)[sym] as { size?: unknown } | null)?.size;
    if (typeof size === 'number') n += size;
  }
  return n;
}

describe('withCancel(parent): context.WithCancel', () => {
  it('cancel() aborts the signal with a `context canceled` AbortError; a second cancel changes nothing', () => {
    const ctx = withCancel(undefined);
    expect(ctx.signal.aborted).toBe(false);
    ctx.cancel();
    expect(ctx.signal.aborted).toBe(true);
    const reason = ctx.signal.reason as DOMException;
    expect([reason.name, reason.message]).toEqual(['AbortError', 'context canceled']);
    ctx.cancel('later');
    expect(ctx.signal.reason).toBe(reason);
  });

  it('cancel(reason) is WithCancelCause: the signal aborts with that reason', () => {
    const { signal, cancel } = withCancel(undefined); // works detached
    const cause = new Error('shutting down');
    cancel(cause);
    expect(signal.reason).toBe(cause);
  });

  it('the parent aborting aborts the child with the parent’s reason; the child aborting leaves the parent alone', () => {
    const parent = new AbortController();
    const a = withCancel(parent.signal);
    const b = withCancel(a.signal);
    b.cancel();
    expect(a.signal.aborted).toBe(false);
    parent.abort('stop');
    expect(a.signal.reason).toBe('stop');
    const c = withCancel(b.signal);
    expect(c.signal.reason).toBe(b.signal.reason); // an aborted parent gives an aborted child at once
  });

  it('a grandchild aborts when the grandparent does', () => {
    const root = new AbortController();
    const leaf = withCancel(withCancel(root.signal).signal);
    root.abort('root');
    expect(leaf.signal.reason).toBe('root');
  });

  it('is disposable: `using` cancels at the end of the block', () => {
    let sig: AbortSignal;
    {
      using ctx = withCancel(undefined);
      sig = ctx.signal;
      expect(sig.aborted).toBe(false);
    }
    expect(sig.aborted).toBe(true);
  });

  it('a long-lived parent holds nothing for a child once it is cancelled or done (no AbortSignal.any leak)', () => {
    const parent = new AbortController().signal;
    const live = Array.from({ length: 100 }, () => withCancel(parent));
    expect(heldBy(parent)).toBe(100);
    for (const c of live) c.cancel();
    expect(heldBy(parent)).toBe(0);
  });

  it('bad parents get a TypeError that says what was wrong', () => {
    expect(() => withCancel(null as unknown as AbortSignal)).toThrow(
      new TypeError('WithCancel: parent must be an AbortSignal, got null'),
    );
    expect(() => withTimeout({} as AbortSignal, 1)).toThrow(TypeError);
    expect(() => withDeadline(5 as unknown as AbortSignal, new Date())).toThrow(TypeError);
  });
});

describe('withTimeout / withDeadline on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('withTimeout aborts with `context deadline exceeded` (a TimeoutError) after ms, not before, and lets go of its timer', () => {
    const ctx = withTimeout(undefined, 100);
    expect(vi.getTimerCount()).toBe(1); // a timer that keeps the process alive, as Go's does
    vi.advanceTimersByTime(99);
    expect(ctx.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    const reason = ctx.signal.reason as DOMException;
    expect([reason.name, reason.message]).toEqual(['TimeoutError', 'context deadline exceeded']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancel() releases the timer at once and aborts with `context canceled`', () => {
    const ctx = withTimeout(undefined, 1000);
    ctx.cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect((ctx.signal.reason as DOMException).name).toBe('AbortError');
    vi.advanceTimersByTime(2000);
    expect((ctx.signal.reason as DOMException).name).toBe('AbortError');
  });

  it('the parent aborting first releases the timer and the parent', () => {
    const parent = new AbortController();
    const ctx = withTimeout(parent.signal, 1000);
    parent.abort('parent');
    expect(ctx.signal.reason).toBe('parent');
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('the deadline passing first detaches from the parent', () => {
    const parent = new AbortController();
    const ctx = withTimeout(parent.signal, 10);
    vi.advanceTimersByTime(10);
    expect(ctx.signal.aborted).toBe(true);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('a zero or negative timeout, or a past deadline, is already exceeded on return, with no timer (Go: dur <= 0)', () => {
    for (const ctx of [withTimeout(undefined, 0), withTimeout(undefined, -5), withDeadline(undefined, new Date(0))]) {
      expect((ctx.signal.reason as DOMException).name).toBe('TimeoutError');
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted parent wins over an exceeded deadline (Go: propagateCancel comes first)', () => {
    const parent = AbortSignal.abort('parent');
    expect(withTimeout(parent, 0).signal.reason).toBe('parent');
    expect(withTimeout(parent, 100).signal.reason).toBe('parent');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('withDeadline aborts at the wall-clock deadline', () => {
    const ctx = withDeadline(undefined, new Date(Date.now() + 250));
    vi.advanceTimersByTime(249);
    expect(ctx.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect((ctx.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('a timeout beyond 2^31-1 ms waits its full length; Infinity never expires but holds its timer until cancelled', () => {
    const month = withTimeout(undefined, 30 * 24 * 3600 * 1000);
    const never = withTimeout(undefined, Number.POSITIVE_INFINITY);
    vi.advanceTimersByTime(30 * 24 * 3600 * 1000 - 1);
    expect(month.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(month.signal.aborted).toBe(true);
    vi.advanceTimersByTime(365 * 24 * 3600 * 1000);
    expect(never.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    never.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('bad durations and deadlines', () => {
    expect(() => withTimeout(undefined, Number.NaN)).toThrow(RangeError);
    expect(() => withTimeout(undefined, '5' as unknown as number)).toThrow(TypeError);
    expect(() => withDeadline(undefined, 5 as unknown as Date)).toThrow(TypeError);
    expect(() => withDeadline(undefined, new Date(Number.NaN))).toThrow(RangeError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("Go's pattern: select on a result and ctx.Done(), the timeout wins", async () => {
    using ctx = withTimeout(undefined, 50);
    const slow = sleep(1000).then(() => 'result');
    void slow;
    const r = track(select([recv(done(ctx.signal), () => (ctx.signal.reason as DOMException).message)]));
    vi.advanceTimersByTime(50);
    await settle();
    expect(r.current).toEqual({ state: 'fulfilled', value: 'context deadline exceeded' });
  });
});

describe('ErrGroup.withContext derives with withCancel', () => {
  it('one group per request on a long-lived parent leaves nothing on the parent', async () => {
    const parent = new AbortController().signal;
    for (let i = 0; i < 200; i++) {
      const { group } = ErrGroup.withContext(parent);
      void group.go(() => undefined);
      await group.wait();
    }
    expect(heldBy(parent)).toBe(0);
  });

  it('a group still running holds one listener, released when it is done', async () => {
    const parent = new AbortController().signal;
    const { group, signal } = ErrGroup.withContext(parent);
    let release!: () => void;
    void group.go(() => new Promise<void>((r) => (release = r)));
    expect(heldBy(parent)).toBe(1);
    release();
    await group.wait();
    expect(signal.aborted).toBe(true);
    expect(heldBy(parent)).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../src/index.js';
import { settle, track } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sleep(ms): time.Sleep', () => {
  it('resolves after ms and not before', async () => {
    const p = track(sleep(100));
    vi.advanceTimersByTime(99);
    await settle();
    expect(p.state).toBe('pending');
    vi.advanceTimersByTime(1);
    await settle();
    expect(p.state).toBe('fulfilled');
  });

  it('an aborted sleep rejects with the reason and disarms its timer', async () => {
    const ac = new AbortController();
    const p = sleep(1000, { signal: ac.signal });
    expect(vi.getTimerCount()).toBe(1);
    ac.abort('woken');
    await expect(p).rejects.toBe('woken');
    expect(vi.getTimerCount()).toBe(0);
  });
});

/**
 * The time rules against the real platform, where the platform's own behaviour is the point:
 * Node wakes a `setTimeout` callback up to a millisecond before its delay by `performance.now()`,
 * and clamps any delay above 2^31-1 ms to 1 ms. Every assertion is a lower bound (never early) or
 * an ordering (still pending when a short real timer fires), so a slow or busy machine can make
 * these tests slower but never make them fail.
 */
import { describe, expect, it } from 'vitest';
import { after, recv, select, sleep, Ticker, Timer } from '../src/index.js';

const realTimeout = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));

describe('no early fire on the real platform', () => {
  it('sleep(d) for d = 5..14, three times over, never returns before d has passed', async () => {
    const short: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let d = 5; d <= 14; d++) {
        const start = performance.now();
        await sleep(d);
        const elapsed = performance.now() - start;
        if (elapsed < d) short.push(`sleep(${d}) took ${elapsed.toFixed(3)} ms`);
      }
    }
    expect(short).toEqual([]);
  });

  it('a blocked receive of after(d) and of a Timer never completes before d, and carries a due time no earlier than start + d', async () => {
    const short: string[] = [];
    for (let d = 5; d <= 14; d++) {
      const startDate = Date.now();
      const start = performance.now();
      const due = (await (d % 2 === 0 ? after(d) : new Timer(d).c).recvValue())!;
      const elapsed = performance.now() - start;
      if (elapsed < d) short.push(`after(${d}) took ${elapsed.toFixed(3)} ms`);
      if (due.getTime() < startDate + d) short.push(`after(${d}) carried ${due.getTime() - startDate} ms`);
    }
    expect(short).toEqual([]);
  });

  it('a Ticker delivers its k-th tick no earlier than k periods after it started (never two for one deadline)', async () => {
    const period = 7;
    // Read the clock before the ticker reads it, so that the bound is never too strict.
    const start = performance.now();
    const t = new Ticker(period);
    const early: string[] = [];
    for (let k = 1; k <= 20; k++) {
      await t.c.recv();
      const elapsed = performance.now() - start;
      if (elapsed < k * period) early.push(`tick ${k} at ${elapsed.toFixed(3)} ms`);
    }
    t.stop();
    expect(early).toEqual([]);
  });
});

describe('durations beyond the platform limit on the real platform', () => {
  it('sleep(2^31) is still pending when a 20 ms timer fires, and emits no TimeoutOverflowWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    const ac = new AbortController();
    try {
      const first = await Promise.race([
        sleep(2 ** 31, { signal: ac.signal }).then(() => 'sleep' as const),
        realTimeout(20),
      ]);
      expect(first).toBe('timeout');
      // A warning is emitted on a later tick: let it arrive before looking.
      await realTimeout(5);
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      ac.abort();
      process.off('warning', onWarning);
    }
  });

  it('after(30 days) and after(Infinity) lose a select to a 20 ms timer', async () => {
    const month = 30 * 24 * 60 * 60 * 1000;
    for (const d of [month, Number.POSITIVE_INFINITY]) {
      const r = await select([recv(after(d), () => 'long' as const), recv(after(20), () => 'short' as const)]);
      expect(r).toBe('short');
    }
  });
});

/**
 * The bubble's virtual time against vitest's fake timers (issue 14's performance bar).
 *
 * 1. 3,600 sequential `sleep(1000)`s: an hour of virtual time. vitest's fake timers need to be told
 *    how far to go (`runAllTimersAsync`); the bubble advances by itself.
 * 2. A Ticker-driven loop of 10,000 ticks that ends when its own logic stops it. vitest's
 *    `runAllTimersAsync` gives up on it after 10,000 timers ("Aborting after running 10000 timers,
 *    assuming an infinite loop!"), so only the bubble has a row.
 *
 * Each row runs ROUNDS times, interleaved, after a warm-up; the table shows the median wall time.
 * It runs under vitest (fake timers need its runner) but asserts nothing about time: it only
 * prints. Run: `npm run bench:synctest` (a few seconds).
 */
import { it, vi } from 'vitest';
import { sleep, Ticker } from '../src/index.js';
import * as synctest from '../src/synctest/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const SLEEPS = 3600;
const TICKS = 10_000;

async function sleepsWithFakeTimers(): Promise<void> {
  vi.useFakeTimers();
  try {
    const done = (async () => {
      for (let i = 0; i < SLEEPS; i++) await sleep(1000);
    })();
    await vi.runAllTimersAsync();
    await done;
  } finally {
    vi.useRealTimers();
  }
}

async function sleepsInBubble(): Promise<void> {
  await synctest.test(async () => {
    for (let i = 0; i < SLEEPS; i++) await sleep(1000);
  });
}

async function sleepsInBubbleWithoutCallSites(): Promise<void> {
  await synctest.test(
    async () => {
      for (let i = 0; i < SLEEPS; i++) await sleep(1000);
    },
    { callSites: false },
  );
}

async function tickerWithFakeTimers(): Promise<string> {
  vi.useFakeTimers();
  try {
    const ticker = new Ticker(1000);
    let n = 0;
    const done = (async () => {
      for await (const _ of ticker.c) if (++n === TICKS) break;
      ticker.stop();
    })();
    await vi.runAllTimersAsync();
    await done;
    return `${n} ticks`;
  } catch (e) {
    // vitest 4.1's guard even fails while building its own error ("Cannot read properties of null").
    return `runAllTimersAsync throws at its 10,000-timer infinite-loop guard (${(e as Error).message.split('\n')[0]})`;
  } finally {
    vi.useRealTimers();
  }
}

async function tickerInBubble(callSites = true): Promise<void> {
  await synctest.test(
    async () => {
      const ticker = new Ticker(1000);
      let n = 0;
      for await (const _ of ticker.c) if (++n === TICKS) break;
      ticker.stop();
    },
    { callSites },
  );
}

const rows: [string, () => Promise<unknown>][] = [
  [`${SLEEPS} x sleep(1000), vitest fake timers + runAllTimersAsync`, sleepsWithFakeTimers],
  [`${SLEEPS} x sleep(1000), synctest.test`, sleepsInBubble],
  [`${SLEEPS} x sleep(1000), synctest.test, callSites: false`, sleepsInBubbleWithoutCallSites],
  [`Ticker loop of ${TICKS} ticks, synctest.test`, () => tickerInBubble()],
  [`Ticker loop of ${TICKS} ticks, synctest.test, callSites: false`, () => tickerInBubble(false)],
];

it('bubble vs fake timers', { timeout: 600_000 }, async () => {
    console.log(`Ticker loop of ${TICKS} ticks, vitest fake timers: ${await tickerWithFakeTimers()}`);
    const samples = rows.map(() => [] as number[]);
    for (const [, run] of rows) await run(); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < rows.length; k++) {
        const i = (k + r) % rows.length;
        const t0 = performance.now();
        await (rows[i] as [string, () => Promise<unknown>])[1]();
        (samples[i] as number[]).push(performance.now() - t0);
      }
    }
    for (let i = 0; i < rows.length; i++) {
      const s = (samples[i] as number[]).sort((a, b) => a - b);
      const median = s[Math.floor(s.length / 2)] as number;
      console.log(`${(rows[i] as [string, () => Promise<unknown>])[0].padEnd(64)} median ${median.toFixed(1)} ms (min ${(s[0] as number).toFixed(1)}, max ${(s[s.length - 1] as number).toFixed(1)})`);
    }
});

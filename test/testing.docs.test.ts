/**
 * docs/testing.md, as tests: every TypeScript block of that page is a verbatim excerpt of this file
 * (the last test checks it), so the page shows only code that runs and passes.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  after,
  Channel,
  now,
  recv,
  type RecvChannel,
  select,
  type SendChannel,
  sleep,
  tick,
  WaitGroup,
} from '../src/index.js';
import * as synctest from '../src/synctest/index.js';

// ---- 1. A timeout that fires ----------------------------------------------------------------

class TimeoutError extends Error {}

/** Receives from `ch`, or gives up after `ms`. */
async function recvWithTimeout(ch: RecvChannel<string>, ms: number): Promise<string | undefined> {
  const r = await select([recv(ch, (v) => ({ v })), recv(after(ms), () => null)]);
  if (r === null) throw new TimeoutError(`no value after ${ms} ms`);
  return r.v;
}

describe('1. a timeout that fires', () => {
  it('gives up after exactly 30 virtual seconds', () =>
    synctest.test(async () => {
      const start = now().getTime();
      const never = new Channel<string>(); // nobody ever sends
      await expect(recvWithTimeout(never, 30_000)).rejects.toThrow(TimeoutError);
      expect(now().getTime() - start).toBe(30_000);
    }));

  it('returns the value when it comes first', () =>
    synctest.test(async () => {
      const ch = new Channel<string>();
      void (async () => {
        await sleep(10_000);
        await ch.send('on time');
      })();
      expect(await recvWithTimeout(ch, 30_000)).toBe('on time');
      expect(now().getTime() - synctest.BUBBLE_EPOCH).toBe(10_000);
    }));
});

// ---- 2. A retry with back-off over virtual hours ---------------------------------------------

/** Calls `op` until it succeeds, sleeping 1 s, 2 s, 4 s, ... (at most an hour) between tries. */
async function retry<T>(op: () => Promise<T>, tries: number): Promise<T> {
  let delay = 1000;
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (e) {
      if (i === tries) throw e;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 3_600_000);
  }
}

describe('2. a retry with back-off over virtual hours', () => {
  it('tries at 0 s, 1 s, 3 s, 7 s, ... and succeeds on the 16th try, four virtual hours later', () =>
    synctest.test(async () => {
      const tries: number[] = [];
      const flaky = async (): Promise<string> => {
        tries.push((now().getTime() - synctest.BUBBLE_EPOCH) / 1000);
        if (tries.length < 16) throw new Error('unavailable');
        return 'ok';
      };
      expect(await retry(flaky, 20)).toBe('ok');
      // Tries 1 to 13 after 1 + 2 + ... + 2048 s = 4095 s; then the delay is capped at an hour.
      expect(tries.slice(0, 5)).toEqual([0, 1, 3, 7, 15]);
      expect(tries.at(-1)).toBe(4095 + 3 * 3600);
    }));
});

// ---- 3. A Ticker-driven rate limiter ---------------------------------------------------------

/** Handles each request no sooner than one tick (200 ms) after the previous one. */
async function serve(requests: RecvChannel<number>, handled: (req: number, at: Date) => void): Promise<void> {
  const limiter = tick(200); // limiter := time.Tick(200 * time.Millisecond)
  for await (const req of requests) {
    await limiter.recv(); // <-limiter
    handled(req, now());
  }
}

describe('3. a Ticker-driven rate limiter', () => {
  it('handles five queued requests 200 ms apart', () =>
    synctest.test(async () => {
      const requests = new Channel<number>(5);
      for (let i = 1; i <= 5; i++) await requests.send(i);
      requests.close();
      const log: string[] = [];
      await serve(requests, (req, at) => log.push(`request ${req} at ${at.getTime() - synctest.BUBBLE_EPOCH} ms`));
      expect(log).toEqual([
        'request 1 at 200 ms',
        'request 2 at 400 ms',
        'request 3 at 600 ms',
        'request 4 at 800 ms',
        'request 5 at 1000 ms',
      ]);
    }));
});

// ---- 4. The seed's worker pool: every result arrives exactly once, under any interleaving ----

/** The seed's worker (examples/seed/01-waitgroup), with a scheduling point and some work time. */
async function worker(
  jobs: RecvChannel<number>,
  results: SendChannel<number>,
  work: (job: number) => Promise<void>,
): Promise<void> {
  for await (const job of jobs) {
    await work(job);
    await results.send(job * 2);
  }
}

/** The seed's main: fan out to `numWorkers` workers, fan in with a WaitGroup. */
async function pool(numJobs: number, numWorkers: number, work: (job: number) => Promise<void>): Promise<number[]> {
  const jobs = new Channel<number>(numJobs);
  const results = new Channel<number>(numJobs);
  for (let w = 1; w <= numWorkers; w++) void worker(jobs, results, work);
  for (let j = 1; j <= numJobs; j++) await jobs.send(j);
  jobs.close();
  const wg = new WaitGroup();
  wg.add(numJobs);
  void (async () => {
    await wg.wait();
    results.close();
  })();
  const got: number[] = [];
  for await (const result of results) {
    got.push(result);
    wg.done();
  }
  return got;
}

describe("4. the seed's worker pool, as a property", () => {
  it("every job's result arrives exactly once, whatever the interleaving and the work times", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 12 }), // numJobs
        fc.integer({ min: 1, max: 5 }), // numWorkers
        fc.array(fc.nat(10_000), { minLength: 12, maxLength: 12 }), // each job's work time, in ms
        async (s, numJobs, numWorkers, workTimes) => {
          let got: number[] = [];
          const work = async (job: number): Promise<void> => {
            await s.schedule(Promise.resolve(job)); // fast-check decides who goes next
            await sleep(workTimes[job - 1] ?? 0); // the bubble moves time
          };
          await synctest.test(
            async () => {
              got = await pool(numJobs, numWorkers, work);
            },
            { scheduler: s },
          );
          const want = Array.from({ length: numJobs }, (_, i) => 2 * (i + 1));
          expect([...got].sort((a, b) => a - b)).toEqual(want);
        },
      ),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 100) },
    );
  });

  it('catches the seed\'s "close results too early" bug (approach 2) as a counterexample', async () => {
    const broken = async (numJobs: number, work: (job: number) => Promise<void>): Promise<number[]> => {
      const jobs = new Channel<number>(numJobs);
      const results = new Channel<number>(numJobs);
      for (let w = 1; w <= 3; w++) void worker(jobs, results, work).catch(() => {});
      for (let j = 1; j <= numJobs; j++) await jobs.send(j);
      jobs.close();
      results.close(); // too early: workers still sending
      const got: number[] = [];
      for await (const result of results) got.push(result);
      return got;
    };
    const property = fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 6 }), async (s, numJobs) => {
      let got: number[] = [];
      await synctest.test(
        async () => {
          got = await broken(numJobs, async (job) => {
            await s.schedule(Promise.resolve(job));
          });
        },
        { scheduler: s },
      );
      expect(got).toHaveLength(numJobs);
    });
    await expect(fc.assert(property, { numRuns: 50 })).rejects.toThrow(/Property failed/);
  });
});

// ---- 5. A test that catches a goroutine leak ---------------------------------------------------

/** Asks every replica and returns the first answer. */
async function first(replicas: (() => Promise<string>)[], room: number): Promise<string> {
  const answers = new Channel<string>(room);
  for (const ask of replicas) {
    void (async () => {
      await answers.send(await ask()); // answers <- ask()
    })();
  }
  return (await answers.recvValue()) as string;
}

/** A replica that answers `name` after `ms`. */
function replica(name: string, ms: number): () => Promise<string> {
  return async () => {
    await sleep(ms);
    return name;
  };
}

describe('5. a test that catches a goroutine leak', () => {
  it('an unbuffered answers channel leaves the slower replicas blocked in send', async () => {
    const leaky = synctest.test(async () => {
      const replicas = [replica('a', 10), replica('b', 20), replica('c', 30)];
      expect(await first(replicas, 0)).toBe('a');
      await sleep(1000); // the program goes on; b and c have answered by now, to nobody
    });
    await expect(leaky).rejects.toThrow(
      /^deadlock: main bubble goroutine has exited but blocked goroutines remain\n\ngoroutine \[chan send\]: send on an unnamed channel\n/,
    );
  });

  it('with room for every answer, nothing is left behind', () =>
    synctest.test(async () => {
      const replicas = [replica('a', 10), replica('b', 20), replica('c', 30)];
      expect(await first(replicas, replicas.length)).toBe('a');
      await sleep(1000);
    }));
});

// ---- the page ------------------------------------------------------------------------------------

describe('docs/testing.md', () => {
  it('shows only code from this file', () => {
    const page = readFileSync(new URL('../docs/testing.md', import.meta.url), 'utf8');
    const self = readFileSync(new URL(import.meta.url), 'utf8');
    const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    for (const block of blocks) {
      // Import lines name the package ('chango', 'chango/synctest'); this file imports from src/.
      const code = block
        .split('\n')
        .filter((l) => !l.startsWith('import '))
        .join('\n');
      expect(flat(self)).toContain(flat(code));
    }
  });
});

/**
 * chango/synctest: the cases of Go's internal/synctest/synctest_test.go that apply to chango, and
 * the rules the bubble adds for JavaScript (foreign promises, one bubble at a time).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { after, Channel, Mutex, now, recv, select, sleep, tick, Ticker, Timer, WaitGroup } from '../src/index.js';
import * as synctest from '../src/synctest/index.js';
import { BubbleDeadlockError, BubbleError } from '../src/synctest/index.js';
import { currentClock, realClock } from '../src/time/clock.js';
import { reasonOf } from '../src/runtime/parked.js';
import { type Parked, setParkTracker } from '../src/runtime/waiter.js';

const START = Date.UTC(2000, 0, 1);

describe('the bubble clock (Go: TestNow, TestTimer*)', () => {
  it('starts at midnight UTC 2000-01-01 and moves only with sleeps', () =>
    synctest.test(async () => {
      expect(now().getTime()).toBe(START);
      void (async () => {
        // New goroutines see the same clock.
        expect(now().getTime()).toBe(START);
      })();
      await sleep(1000);
      expect(now().getTime()).toBe(START + 1000);
    }));

  it('an empty bubble ends (TestRunEmpty)', () => synctest.test(() => {}));

  it('a goroutine sleeping 1s runs before main wakes from 2s (the synctest doc example)', () =>
    synctest.test(async () => {
      const log: number[] = [];
      void (async () => {
        await sleep(1000);
        log.push(now().getTime() - START);
      })();
      await sleep(2000);
      log.push(now().getTime() - START);
      expect(log).toEqual([1000, 2000]);
    }));

  it('a Timer read before its deadline waits exactly its duration (TestTimerReadBeforeDeadline)', () =>
    synctest.test(async () => {
      const start = now().getTime();
      const tm = new Timer(5000);
      await tm.c.recv();
      expect(now().getTime() - start).toBe(5000);
    }));

  it('a Timer read after its deadline delivers the due time, not the read time (TestTimerReadAfterDeadline, TestTimerRanInPast)', () =>
    synctest.test(async () => {
      const tm = new Timer(1000);
      await sleep(2000);
      expect((await tm.c.recvValue())?.getTime()).toBe(START + 1000);
      const tm2 = new Timer(1000);
      await sleep(2000);
      expect(tm2.c.tryRecv()?.value?.getTime()).toBe(START + 3000);
    }));

  it('Reset moves the deadline (TestTimerReset)', () =>
    synctest.test(async () => {
      const tm = new Timer(1000);
      expect((await tm.c.recvValue())?.getTime()).toBe(START + 1000);
      tm.reset(2000);
      expect((await tm.c.recvValue())?.getTime()).toBe(START + 3000);
      tm.reset(3000);
      await sleep(1000);
      tm.reset(3000);
      expect((await tm.c.recvValue())?.getTime()).toBe(START + 7000);
    }));

  it('a zero-duration timer is readable at once, without the bubble blocking (TestTimerRunsImmediately)', () =>
    synctest.test(() => {
      const r = new Timer(0).c.tryRecv();
      expect(r?.ok).toBe(true);
      expect(r?.value?.getTime()).toBe(START);
    }));

  it('a timer made outside the bubble stays real, and the bubble waits for it (TestTimerFromOutsideBubble)', async () => {
    const tm = new Timer(5);
    await synctest.test(async () => {
      await tm.c.recv();
    });
    expect(tm.stop()).toBe(false);
  });

  it('time stops when the bubble ends and its timers never fire (TestTimerAfterBubbleExit)', async () => {
    let t: Timer | undefined;
    await synctest.test(() => {
      t = new Timer(1000);
    });
    expect(currentClock()).toBe(realClock);
    // Its virtual clock is stopped: the timer is neither due nor will it ever be.
    expect(t?.c.tryRecv()).toBeUndefined();
  });

  it('the ticker delivers every period and the loop ends when the test logic says so', () =>
    synctest.test(async () => {
      const ticker = new Ticker(1000);
      let n = 0;
      for await (const t of ticker.c) {
        n++;
        expect(t.getTime()).toBe(START + n * 1000);
        if (n === 10_000) break;
      }
      ticker.stop();
      expect(now().getTime()).toBe(START + 10_000_000);
    }));

  it('timers due at the same instant all fire at it, in the order they were set', () =>
    synctest.test(async () => {
      const order: number[] = [];
      const sleeper = (id: number, ms: number) => async () => {
        await sleep(ms);
        order.push(id);
        expect(now().getTime()).toBe(START + ms);
      };
      void sleeper(1, 2000)();
      void sleeper(2, 1000)();
      void sleeper(3, 1000)();
      await sleep(3000);
      expect(order).toEqual([2, 3, 1]);
    }));

  it('a WaitGroup waited on in the bubble is durably blocking (TestWaitGroupInBubble)', () =>
    synctest.test(async () => {
      const wg = new WaitGroup();
      wg.add(1);
      void (async () => {
        await sleep(1000);
        wg.done();
      })();
      const start = now().getTime();
      await wg.wait();
      expect(now().getTime() - start).toBe(1000);
    }));

  it('a Mutex made in the bubble is durably blocking, unlike Go (chango has no outside to unlock it)', () =>
    synctest.test(async () => {
      const mu = new Mutex();
      await mu.lock();
      void (async () => {
        await sleep(500);
        mu.unlock();
      })();
      await mu.lock();
      expect(now().getTime()).toBe(START + 500);
    }));
});

describe('wait (Go: TestSimpleWait, TestGoroutineWait, TestWait)', () => {
  it('returns at once with nothing else running', () => synctest.test(() => synctest.wait()));

  it('waits for a goroutine that finishes', () =>
    synctest.test(async () => {
      let done = false;
      void (async () => {
        done = true;
      })();
      await synctest.wait();
      expect(done).toBe(true);
    }));

  it('waits for a chain of 100 goroutines handing a count down a channel', () =>
    synctest.test(async () => {
      let done = false;
      const ch = new Channel<number>();
      const f = async (): Promise<void> => {
        const count = (await ch.recvValue()) as number;
        if (count === 0) done = true;
        else {
          void f();
          await ch.send(count - 1);
        }
      };
      void f();
      await ch.send(100);
      await synctest.wait();
      expect(done).toBe(true);
    }));

  it('does not advance time: a sleeping goroutine stays asleep', () =>
    synctest.test(async () => {
      let woke = false;
      void (async () => {
        await sleep(1000);
        woke = true;
      })();
      await synctest.wait();
      expect(woke).toBe(false);
      expect(now().getTime()).toBe(START);
      await synctest.sleep(1000); // synctest.Sleep: time.Sleep then Wait
      expect(woke).toBe(true);
    }));

  it('waits through busy goroutines that chango defers to a macrotask (the yield policy)', () =>
    synctest.test(async () => {
      const ch = new Channel<number>(1);
      let total = 0;
      void (async () => {
        for (let i = 0; i < 20_000; i++) await ch.send(i);
        ch.close();
      })();
      void (async () => {
        for await (const v of ch) total += v;
      })();
      await synctest.wait();
      expect(total).toBe((20_000 * 19_999) / 2);
    }));

  it('rejects outside a bubble, and while another wait is pending', async () => {
    await expect(synctest.wait()).rejects.toThrow(new BubbleError('goroutine is not in a bubble'));
    await synctest.test(async () => {
      const first = synctest.wait();
      await expect(synctest.wait()).rejects.toThrow('wait already in progress');
      await first;
    });
  });
});

describe('deadlock inside the bubble (Go: TestDeadlockRoot, TestDeadlockChild, TestDeadlockTicker)', () => {
  it('select {} in main: all goroutines in bubble are blocked', async () => {
    const p = synctest.test(() => select([]));
    await expect(p).rejects.toBeInstanceOf(BubbleDeadlockError);
    await expect(p).rejects.toThrow(
      /^deadlock: all goroutines in bubble are blocked\n\ngoroutine \[select \(no cases\)\]/,
    );
  });

  it('lists every blocked operation with its channel and call site', async () => {
    const e = await synctest
      .test(async () => {
        const results = new Channel<number>(0, { name: 'results' });
        void (async () => {
          await results.send(1);
          await results.send(2); // nobody receives the second
        })();
        await results.recv();
        await new Channel<number>(0, { name: 'quit' }).recv();
      })
      .then(
        () => undefined,
        (x: unknown) => x as BubbleDeadlockError,
      );
    expect(e).toBeInstanceOf(BubbleDeadlockError);
    if (e === undefined) return;
    expect(e.reason).toBe('deadlock: all goroutines in bubble are blocked');
    expect(e.message).toContain('goroutine [chan send]: send on channel "results"');
    expect(e.message).toContain('goroutine [chan receive]: receive from channel "quit"');
    expect(e.message).toContain('test/synctest.test.ts:');
    expect(currentClock()).toBe(realClock);
  });

  it('a goroutine left blocked when main returns', async () => {
    await expect(
      synctest.test(() => {
        void select([]);
      }),
    ).rejects.toThrow('deadlock: main bubble goroutine has exited but blocked goroutines remain');
  });

  it('a goroutine ranging over a ticker when main returns: time stops, so it is blocked', async () => {
    let ran = false;
    await expect(
      synctest.test(() => {
        void (async () => {
          for await (const _ of tick(1000)) {
            ran = true;
            return;
          }
        })();
      }),
    ).rejects.toThrow('deadlock: main bubble goroutine has exited but blocked goroutines remain');
    expect(ran).toBe(false);
  });

  it('main awaiting a promise chango cannot see, with nothing pending, is reported as such', async () => {
    await expect(synctest.test(() => new Promise(() => {}))).rejects.toThrow(
      /all goroutines in bubble are blocked\n\ngoroutine \[main\]: .*not a chango operation/,
    );
  });

  it('a timer that loses a select does not keep time moving', async () => {
    await expect(
      synctest.test(async () => {
        const ready = new Channel<number>(1);
        ready.trySend(1);
        await select([recv(ready), recv(after(1000))]);
        await new Channel<number>().recv();
      }),
    ).rejects.toThrow('all goroutines in bubble are blocked');
  });
});

describe('one bubble at a time, and what is outside', () => {
  it('a bubble inside a bubble is rejected with Go’s message', () =>
    synctest.test(async () => {
      expect(synctest.inBubble()).toBe(true);
      await expect(synctest.test(() => {})).rejects.toThrow(
        new BubbleError('synctest.Run called from within a synctest bubble'),
      );
    }));

  it('the clock and tracker are restored after a failing test', async () => {
    await expect(
      synctest.test(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(synctest.inBubble()).toBe(false);
    expect(currentClock()).toBe(realClock);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000); // real time again
  });

  it('rejects a non-function', async () => {
    await expect(synctest.test(42 as unknown as () => void)).rejects.toThrow(TypeError);
  });

  it('external(): the bubble waits for a foreign promise instead of jumping time', () =>
    synctest.test(async () => {
      let tickedAt = -1;
      void (async () => {
        await sleep(60_000);
        tickedAt = now().getTime() - START;
      })();
      const real = await synctest.external(new Promise<string>((resolve) => setTimeout(() => resolve('io'), 5)));
      expect(real).toBe('io');
      expect(tickedAt).toBe(-1); // no virtual time passed while the real timer ran
      await synctest.sleep(60_000);
      expect(tickedAt).toBe(60_000);
    }));

  it('external() passes values through outside a bubble', async () => {
    await expect(synctest.external(Promise.resolve(3))).resolves.toBe(3);
    await expect(synctest.external(Promise.reject(new Error('x')))).rejects.toThrow('x');
  });
});

describe('test runners', () => {
  it("runs under node's test runner, each test in its own bubble", () => {
    const file = fileURLToPath(new URL('./fixtures/synctest-node-test.mts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stdout).toMatch(/# pass 3\n# fail 0/);
    expect(r.status).toBe(0);
  });
});

describe('callSites: false', () => {
  it('reports the blocked operations without where they were called', async () => {
    const p = synctest.test(() => new Channel<number>(0, { name: 'jobs' }).send(1), { callSites: false });
    await expect(p).rejects.toThrow(
      'deadlock: all goroutines in bubble are blocked\n\ngoroutine [chan send]: send on channel "jobs"\n\t(no call site: the stack trace was empty)\n',
    );
  });
});

describe('{ scheduler }: fast-check picks the interleaving', () => {
  it('different schedules give different orders, and a held-back task is never taken for a deadlock', async () => {
    const orders = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const out = new Channel<number>(3);
        await synctest.test(
          async () => {
            for (let i = 0; i < 3; i++) {
              void (async () => {
                await s.schedule(Promise.resolve(i));
                await out.send(i);
              })();
            }
            const got = [];
            for (let i = 0; i < 3; i++) got.push(await out.recvValue());
            orders.add(got.join(''));
          },
          { scheduler: s },
        );
      }),
      { numRuns: 60, seed: 42 },
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('without the option, a task fast-check holds back looks like a deadlock', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        await expect(synctest.test(() => s.schedule(Promise.resolve(1)))).rejects.toThrow(
          /all goroutines in bubble are blocked/,
        );
      }),
      { numRuns: 1 },
    );
  });
});

describe('with chango/node’s park tracker installed', () => {
  it('passes every park on to it, and puts it back afterwards', async () => {
    const seen: string[] = [];
    const outer = { park: (p: Parked) => seen.push(reasonOf(p)) };
    const before = setParkTracker(outer);
    try {
      await synctest.test(async () => {
        await sleep(10);
      });
      expect(seen).toEqual(['chan receive']);
      expect(setParkTracker(outer)).toBe(outer); // the bubble put it back
    } finally {
      setParkTracker(before);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Channel, ErrGroup, Mutex, Once, recv, select, Semaphore, send, trySelect, WaitGroup } from '../src/index.js';
import { schedulerState } from '../src/runtime/scheduler.js';

/**
 * The yield policy: a goroutine pair that ping-pongs forever must not starve timers. If the
 * policy were broken, the setTimeout(0) below would never run; the loops are bounded so that
 * such a failure ends in an assertion instead of a hung worker.
 */
const MAX_ROUNDS = 1_000_000;

async function pingPongUntilTimer(
  pingOnce: () => Promise<unknown>,
  pongOnce: () => Promise<unknown>,
): Promise<{ timerFired: boolean; rounds: number }> {
  let timerFired = false;
  let rounds = 0;
  setTimeout(() => {
    timerFired = true;
  }, 0);
  const ping = (async () => {
    while (!timerFired && rounds < MAX_ROUNDS) {
      await pingOnce();
      rounds++;
    }
  })();
  const pong = (async () => {
    for (;;) {
      const more = await pongOnce();
      if (more === false) return;
    }
  })();
  await ping;
  void pong;
  return { timerFired, rounds };
}

describe('the yield policy never starves the event loop', () => {
  it('a setTimeout(0) fires while two goroutines ping-pong on unbuffered channels', async () => {
    const ping = new Channel<number>();
    const pong = new Channel<number>();
    let stop = false;
    const { timerFired, rounds } = await pingPongUntilTimer(
      async () => {
        await ping.send(1);
        await pong.recv();
      },
      async () => {
        if (stop) return false;
        const r = await ping.recv();
        if (!r.ok) return false;
        await pong.send(2);
        return true;
      },
    );
    stop = true;
    ping.close();
    expect(timerFired).toBe(true);
    expect(rounds).toBeGreaterThan(0);
  });

  it('a setTimeout(0) fires while a producer and a consumer stream through a buffer', async () => {
    const ch = new Channel<number>(16);
    let consumed = 0;
    const { timerFired } = await pingPongUntilTimer(
      () => ch.send(1),
      async () => {
        const r = await ch.recv();
        if (r.ok) consumed++;
        return r.ok;
      },
    );
    ch.close();
    expect(timerFired).toBe(true);
    expect(consumed).toBeGreaterThan(0);
  });

  it('a setTimeout(0) fires while two goroutines ping-pong through select', async () => {
    const a = new Channel<number>();
    const b = new Channel<number>();
    const quit = new Channel<void>();
    const { timerFired } = await pingPongUntilTimer(
      async () => {
        await select([send(a, 1)]);
        await select([recv(b)]);
      },
      () =>
        select([
          recv(a, async () => {
            await select([send(b, 2)]);
            return true;
          }),
          recv(quit, () => false),
        ]),
    );
    quit.close();
    expect(timerFired).toBe(true);
  });

  // The sync primitives' calls that need not wait resolve through the same policy
  // (completedUnlessAborted), so a loop of them cannot starve the event loop either.
  it.each([
    [
      'wg.wait() on a zero counter',
      () => {
        const wg = new WaitGroup();
        return () => wg.wait();
      },
    ],
    [
      'wg.wait({ signal }) on a zero counter',
      () => {
        const wg = new WaitGroup();
        const { signal } = new AbortController();
        return () => wg.wait({ signal });
      },
    ],
    [
      'once.do() after the first call',
      () => {
        const once = new Once();
        void once.do(() => {});
        return () => once.do(() => {});
      },
    ],
    [
      'sem.acquire() granted at once',
      () => {
        const sem = new Semaphore(1);
        return async () => {
          await sem.acquire();
          sem.release();
        };
      },
    ],
    [
      'g.go() with no limit',
      () => {
        const g = new ErrGroup();
        return () => g.go(() => {});
      },
    ],
  ] as const)('a setTimeout(0) fires during a loop of %s', async (_, make) => {
    const { timerFired, rounds } = await pingPongUntilTimer(make(), async () => false);
    expect(timerFired).toBe(true);
    expect(rounds).toBeGreaterThan(0);
  });
});

/**
 * Every loop shape, whatever its mix of immediate and parked completions: the goroutine pair
 * runs until a real setTimeout(0) fires, bounded so that a starving loop ends in a failed
 * assertion. Each of these starved the event loop when only immediate completions counted
 * against the budget (each await parked and was resumed synchronously by its partner).
 */
const SHAPE_ROUNDS = 200_000;

/** A real setTimeout(0), armed now: `fired` turns true once the event loop has had a turn. */
function realTimer(): { fired: boolean } {
  const t = { fired: false };
  setTimeout(() => {
    t.fired = true;
  }, 0);
  return t;
}

async function loopUntilTimer(
  round: () => Promise<unknown>,
  partner: (stopped: () => boolean) => Promise<unknown>,
): Promise<{ timerFired: boolean; rounds: number }> {
  let timerFired = false;
  let rounds = 0;
  let stop = false;
  setTimeout(() => {
    timerFired = true;
  }, 0);
  const other = partner(() => stop);
  while (!timerFired && rounds < SHAPE_ROUNDS) {
    await round();
    rounds++;
  }
  stop = true;
  void other;
  return { timerFired, rounds };
}

describe('the yield policy holds for every loop shape', () => {
  it('the try-first idiom: ch.trySend(v) || await ch.send(v) against ch.tryRecv() ?? await ch.recv()', async () => {
    const ch = new Channel<number>();
    const { timerFired } = await loopUntilTimer(
      async () => {
        if (!ch.trySend(1)) await ch.send(1);
      },
      async (stopped) => {
        while (!stopped()) {
          const r = ch.tryRecv() ?? (await ch.recv());
          if (!r.ok) return;
        }
      },
    );
    ch.close();
    expect(timerFired).toBe(true);
  });

  it('the one-value try-first idiom (README): r = ch.tryRecv(); v = r ? r.value : await ch.recvValue()', async () => {
    const ch = new Channel<number>();
    const { timerFired } = await loopUntilTimer(
      async () => {
        if (!ch.trySend(1)) await ch.send(1);
      },
      async (stopped) => {
        while (!stopped()) {
          const r = ch.tryRecv();
          const v = r ? r.value : await ch.recvValue();
          if (v === undefined) return; // closed
        }
      },
    );
    ch.close();
    expect(timerFired).toBe(true);
  });

  it('trySelect(cases) ?? await select(cases) on both sides', async () => {
    const ch = new Channel<number>();
    const quit = new Channel<void>();
    const sendCases = [send(ch, 1)] as const;
    const recvCases = [recv(ch), recv(quit)] as const;
    const { timerFired } = await loopUntilTimer(
      async () => trySelect(sendCases) ?? (await select(sendCases)),
      async (stopped) => {
        while (!stopped()) {
          const r = trySelect(recvCases) ?? (await select(recvCases));
          if (r.index === 1) return;
        }
      },
    );
    quit.close();
    expect(timerFired).toBe(true);
  });

  it('two goroutines looping await mu.lock(); mu.unlock()', async () => {
    const mu = new Mutex();
    const timer = realTimer();
    let stop = false;
    void (async () => {
      while (!stop) {
        await mu.lock();
        mu.unlock();
      }
    })();
    let rounds = 0;
    while (!timer.fired && rounds++ < SHAPE_ROUNDS) {
      await mu.lock();
      mu.unlock();
    }
    stop = true;
    expect(timer.fired).toBe(true);
  });

  it('two goroutines looping on a Semaphore(1)', async () => {
    const sem = new Semaphore(1);
    const timer = realTimer();
    let stop = false;
    void (async () => {
      while (!stop) {
        await sem.acquire(1);
        sem.release(1);
      }
    })();
    let rounds = 0;
    while (!timer.fired && rounds++ < SHAPE_ROUNDS) {
      await sem.acquire(1);
      sem.release(1);
    }
    stop = true;
    expect(timer.fired).toBe(true);
  });

  it('a WaitGroup reused round after round, each wait parked until a goroutine calls done', async () => {
    const wg = new WaitGroup();
    const { timerFired } = await loopUntilTimer(
      async () => {
        wg.add(1);
        void (async () => {
          await null;
          wg.done();
        })();
        await wg.wait();
      },
      async () => undefined,
    );
    expect(timerFired).toBe(true);
  });
});

describe('a yield keeps the order of the completions it holds', () => {
  /**
   * Calls immediate operations synchronously (none awaited) until the policy starts a yield:
   * about one time slice of real time, bounded so that a broken policy fails instead of hanging.
   */
  function busyUntilYield(ch: Channel<number>): void {
    for (let i = 0; i < 50_000_000 && !schedulerState().yielding; i++) {
      void ch.send(i);
      void ch.recv();
    }
    expect(schedulerState().yielding).toBe(true);
  }

  // With one shared promise for the whole yield, a send resumed a microtask before a receive
  // that had completed earlier, and every yield moved a producer one step ahead of its consumer.
  it('a receive held before a send resumes before it', async () => {
    const ch = new Channel<number>(4);
    busyUntilYield(ch);
    const order: string[] = [];
    ch.trySend(7);
    const r = ch.recv().then((x) => order.push(`recv ${x.value}`));
    const s = ch.send(8).then(() => order.push('send'));
    await Promise.all([r, s]);
    expect(order).toEqual(['recv 7', 'send']);
  });

  it('a send held before a receive resumes before it', async () => {
    const ch = new Channel<number>(4);
    busyUntilYield(ch);
    const order: string[] = [];
    const s = ch.send(8).then(() => order.push('send'));
    const r = ch.recvValue().then((v) => order.push(`recv ${v}`));
    await Promise.all([r, s]);
    expect(order).toEqual(['send', 'recv 8']);
  });

  it('a producer and a consumer streaming through a buffer never fill it across yields', async () => {
    // The drift the shared promise caused: each yield let the producer gain a step, and once
    // the buffer was full every send parked (bench/NOTES.md, "Two modes per process").
    const cap = 4;
    const ch = new Channel<number>(cap);
    let turns = 0;
    let on = true;
    const turn = () => {
      if (!on) return;
      turns++;
      setTimeout(turn, 0);
    };
    setTimeout(turn, 0);
    let full = 0;
    let sent = 0;
    const producer = (async () => {
      while (turns < 20 && sent < 50_000_000) {
        if (ch.length === cap) full++;
        await ch.send(sent++);
      }
      ch.close();
    })();
    let received = 0;
    for await (const v of ch) {
      expect(v).toBe(received++);
    }
    await producer;
    on = false;
    expect(turns).toBeGreaterThanOrEqual(20);
    expect(received).toBe(sent);
    expect(full).toBe(0);
  });
});

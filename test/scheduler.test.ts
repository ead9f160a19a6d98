import { describe, expect, it } from 'vitest';
import { Channel, ErrGroup, Once, recv, select, Semaphore, send, WaitGroup } from '../src/index.js';

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

/**
 * P-timer: a Timer or a Ticker driven by any sequence of time passing, stops, resets, polls,
 * blocked receives and aborts behaves as Go 1.23's model of it says, on fake timers.
 *
 * The model is Go 1.23's synchronous timer channel reduced to its observable state: a deadline
 * (or none) and a period. A value is there to take once the clock reads the deadline and stays
 * there until someone takes it or a stop/reset discards it; taking it moves a ticker's deadline
 * to the first point of its grid after now. Blocked receivers take values at their deadlines,
 * first come first served.
 *
 * It fails on the timers of commit c16b4d6 (stop/reset results, due times, cap/len).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Channel, recv, Ticker, Timer, trySelect } from '../../src/index.js';
import type { RecvChannel } from '../../src/index.js';
import { fcParams, settle, timeoutFor, track } from '../helpers.js';

type Op =
  | { kind: 'advance'; ms: number }
  | { kind: 'stop' }
  | { kind: 'reset'; ms: number }
  | { kind: 'poll' }
  | { kind: 'park' }
  | { kind: 'abort' }
  | { kind: 'select'; timerFirst: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('stop' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reset' as const), ms: fc.integer({ min: -5, max: 30 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('poll' as const) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('park' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('abort' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('select' as const), timerFirst: fc.boolean() }), weight: 3 },
);

/** Go 1.23's timer, as its users can see it. Times are offsets from the start. */
class TimerModel {
  now = 0;
  deadline: number | null;
  /** Each parked receiver: the due time it got, or undefined while it waits. */
  readonly parked: { got: number | undefined; aborted: boolean }[] = [];
  constructor(
    ms: number,
    public period: number,
  ) {
    this.deadline = Math.max(0, ms);
  }

  private take(): number {
    const due = this.deadline!;
    // A ticker's next deadline is the first point of its grid after now.
    this.deadline = this.period > 0 ? due + this.period * (Math.floor((this.now - due) / this.period) + 1) : null;
    return due;
  }

  private waiting(): { got: number | undefined; aborted: boolean }[] {
    return this.parked.filter((p) => p.got === undefined && !p.aborted);
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const first = this.waiting()[0];
      if (first === undefined || this.deadline === null || this.deadline > end) break;
      this.now = this.deadline; // the armed timer rings at the deadline
      first.got = this.take();
    }
    this.now = end;
  }

  /** Go 1.23: stop and reset report whether the timer was active, a fired, unreceived one included. */
  stop(): boolean {
    const active = this.deadline !== null;
    this.deadline = null;
    return active;
  }

  reset(ms: number, period: number): boolean {
    const active = this.deadline !== null;
    this.deadline = this.now + Math.max(0, ms);
    this.period = period;
    return active;
  }

  /**
   * Someone looks at a due timer: a receiver already waiting gets the value first. (Go's timer is
   * in the heap then and delivers it to that receiver a moment later; chango does it at once.)
   */
  private look(): void {
    const first = this.waiting()[0];
    if (first !== undefined && this.deadline !== null && this.now >= this.deadline) first.got = this.take();
  }

  poll(): number | undefined {
    this.look();
    return this.deadline !== null && this.now >= this.deadline ? this.take() : undefined;
  }

  /**
   * A select between the timer and a ready channel: it only looks at the timer, and takes its
   * value if the timer is ready (due, nobody waiting first) and chosen.
   */
  select(timerChosenIfReady: boolean): number | undefined {
    const ready = this.waiting().length === 0 && this.deadline !== null && this.now >= this.deadline;
    return ready && timerChosenIfReady ? this.take() : undefined;
  }

  park(): void {
    this.look();
    const p = { got: undefined as number | undefined, aborted: false };
    this.parked.push(p);
    if (this.deadline !== null && this.now >= this.deadline) p.got = this.take();
  }

  abort(): void {
    const p = this.waiting()[0];
    if (p !== undefined) p.aborted = true;
  }

  /** One platform timer while someone waits on a running timer, none otherwise. */
  armed(): number {
    return this.waiting().length > 0 && this.deadline !== null ? 1 : 0;
  }
}

interface Real {
  c: RecvChannel<Date>;
  stop(): boolean | undefined;
  reset(ms: number): boolean | undefined;
}

async function check(kind: 'timer' | 'ticker', first: number, ops: Op[]): Promise<void> {
  const start = Date.now();
  const model = new TimerModel(first, kind === 'ticker' ? first : 0);
  let real: Real;
  if (kind === 'timer') {
    const t = new Timer(first);
    real = { c: t.c, stop: () => t.stop(), reset: (ms) => t.reset(ms) };
  } else {
    const t = new Ticker(first);
    real = { c: t.c, stop: () => (t.stop(), undefined), reset: (ms) => (t.reset(ms), undefined) };
  }
  const parked: {
    got: ReturnType<typeof track<{ value: Date | undefined; ok: boolean }>>;
    ac: AbortController;
    aborted: boolean;
  }[] = [];
  try {
    for (const op of ops) {
      switch (op.kind) {
        case 'advance':
          model.advance(op.ms);
          vi.advanceTimersByTime(op.ms);
          break;
        case 'stop': {
          const want = model.stop();
          const got = real.stop();
          if (kind === 'timer') expect(got, 'stop()').toBe(want);
          break;
        }
        case 'reset': {
          // A ticker's period must be positive, as Go's Ticker.Reset panics otherwise.
          const ms = kind === 'ticker' ? Math.max(1, op.ms) : op.ms;
          const want = model.reset(ms, kind === 'ticker' ? ms : 0);
          const got = real.reset(ms);
          if (kind === 'timer') expect(got, 'reset()').toBe(want);
          break;
        }
        case 'poll': {
          const want = model.poll();
          const got = real.c.tryRecv();
          expect(got === undefined ? undefined : got.value!.getTime() - start, 'tryRecv()').toBe(want);
          break;
        }
        case 'park': {
          model.park();
          const ac = new AbortController();
          parked.push({ got: track(real.c.recv({ signal: ac.signal })), ac, aborted: false });
          break;
        }
        case 'select': {
          const want = model.select(op.timerFirst);
          const other = new Channel<Date>(1);
          other.trySend(new Date(0));
          // Of two ready cases, select takes ready[floor(random * 2)]: pin the choice.
          const random = vi.spyOn(Math, 'random').mockReturnValue(op.timerFirst ? 0.999 : 0);
          let r;
          try {
            r = trySelect([recv(other), recv(real.c)]);
          } finally {
            random.mockRestore();
          }
          expect(r?.index === 1 ? r.value!.getTime() - start : undefined, 'select').toBe(want);
          break;
        }
        case 'abort': {
          model.abort();
          const p = parked.find((x) => !x.aborted && x.got.current.state === 'pending');
          if (p !== undefined) {
            p.aborted = true;
            p.ac.abort('abort');
          }
          break;
        }
      }
      await settle();
      expect([real.c.capacity, real.c.length], 'cap, len').toEqual([0, 0]);
      expect(vi.getTimerCount(), 'platform timers').toBe(model.armed());
      model.parked.forEach((m, i) => {
        const r = parked[i]!;
        const cur = r.got.current;
        if (m.got !== undefined) {
          expect(cur.state, `receiver ${i}`).toBe('fulfilled');
          if (cur.state === 'fulfilled')
            expect(cur.value.value!.getTime() - start, `receiver ${i}'s value`).toBe(m.got);
        } else if (m.aborted) {
          expect(cur, `receiver ${i}`).toEqual({ state: 'rejected', reason: 'abort' });
        } else {
          expect(cur.state, `receiver ${i}`).toBe('pending');
        }
      });
    }
  } finally {
    for (const p of parked) p.ac.abort('end');
    real.stop();
  }
}

describe('P-timer: Timer and Ticker against the Go 1.23 model', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it(
    'a Timer: every stop/reset result, polled value (its due time), blocked receive, abort, cap/len 0 and armed platform timer is the model’s',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: -5, max: 30 }), fc.array(opArb, { maxLength: 30 }), (first, ops) =>
          check('timer', first, ops),
        ),
        fcParams(300),
      );
    },
    timeoutFor(300, 200),
  );

  it(
    'a Ticker: at most one tick per period on its grid, missed ticks dropped, each value its due time, as the model says',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.array(opArb, { maxLength: 30 }), (first, ops) =>
          check('ticker', first, ops),
        ),
        fcParams(300),
      );
    },
    timeoutFor(300, 200),
  );
});

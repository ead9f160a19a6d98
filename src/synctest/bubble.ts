/**
 * The bubble: Go's `synctest.Run` loop (runtime/synctest.go) for the event loop.
 *
 * Go's scheduler knows when every goroutine of a bubble is blocked. JavaScript has no such hook,
 * but it has an equivalent moment: the start of a macrotask, when the microtask queue has drained.
 * Every goroutine (un-awaited async function) is then suspended on some promise. The bubble checks
 * at that moment whether each of them is *durably* blocked, that is, blocked on something only
 * the bubble itself can end:
 *
 * - a chango operation (send, receive, select, and the sync primitives built on them: they all
 *   park through the channel core, which reports every park to the installed tracker, this
 *   bubble), except a receive on a time channel whose timer runs on another clock (a timer made
 *   before the bubble: the real clock will end that wait, so the bubble waits for it in real time);
 * - a timer of the bubble (sleep, after, Timer, Ticker, tick: their channels are chango channels).
 *
 * What chango cannot see does not count: a goroutine awaiting a foreign promise (real I/O, a real
 * `setTimeout`, a promise from another library) looks blocked to the bubble, which may then advance
 * time or report a deadlock. {@link external} wraps such a promise so that the bubble waits for it.
 * Immediate completions never suspend for long: chango's yield policy (scheduler.ts) only defers
 * them to a macrotask, and the bubble sees that deferral and checks again later.
 *
 * When the bubble is idle: a pending {@link wait} returns; otherwise, if the main function has not
 * returned, the clock jumps to the next timer; otherwise it is a deadlock. Once main has returned
 * and the bubble is idle, the bubble ends: with Go's deadlock panic if operations are still blocked.
 */
import { macrotask, schedulerState } from '../runtime/scheduler.js';
import { Channel } from '../channel/channel.js';
import { type Parked, type ParkTracker, setParkTracker, Waiter } from '../runtime/waiter.js';
import { formatGoroutines } from '../runtime/report.js';
import { captureSite, ParkList } from '../runtime/parklist.js';
import { SelectGroup } from '../select/group.js';
import { ChanTimer } from '../time/chantimer.js';
import { type Clock, setClock } from '../time/clock.js';
import { BubbleDeadlockError, BubbleError } from './errors.js';
import { VirtualClock } from './clock.js';

/** Captured at load: a test's fake timers must not stop the bubble from polling real time. */
const realSetTimeout = globalThis.setTimeout;

/**
 * What the bubble needs of fast-check's `fc.scheduler()` (or any scheduler of the same shape) to
 * let it choose interleavings: tasks it holds back count as runnable goroutines, and the bubble
 * releases one, chosen by the scheduler, whenever it would otherwise be idle.
 *
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(fc.scheduler(), (s) => synctest.test(body(s), { scheduler: s })));
 * ```
 */
export interface InterleavingScheduler {
  /** Tasks scheduled and not yet released. */
  count(): number;
  /** Releases one of them, of the scheduler's choosing. */
  waitOne(): Promise<unknown>;
}

/**
 * Options of {@link test}.
 *
 * @example
 * ```ts
 * await synctest.test(body, { scheduler: s }); // s from fc.scheduler()
 * ```
 */
export interface TestOptions {
  /** Lets fast-check's scheduler pick the order in which held-back tasks run (see {@link InterleavingScheduler}). */
  readonly scheduler?: InterleavingScheduler | undefined;
  /**
   * Record where each operation blocked, for the deadlock report (default true). Capturing a
   * stack trace is most of what a park costs in a bubble: `false` makes time-heavy tests several
   * times faster, and a deadlock report then names the operations and channels without call sites.
   */
  readonly callSites?: boolean | undefined;
}

const BUBBLE = Symbol.for('chango.bubble');

/**
 * The bubble running now: one at a time, since JavaScript has no portable async context. One slot
 * per process, so that a second copy of chango (ESM beside CommonJS) sees it too.
 */
const bubbleSlot: { bubble: Bubble | null } = ((globalThis as { [BUBBLE]?: { bubble: Bubble | null } })[BUBBLE] ??= {
  bubble: null,
});

class Bubble implements ParkTracker {
  readonly clock = new VirtualClock();
  /** Every operation parked while the bubble runs. */
  readonly parked = new ParkList(false);
  /** Capture each park's call site (the bubble does it, for itself and for chango/node). */
  readonly callSites: boolean;
  /** Promises wrapped by {@link external} that have not settled. */
  externals = 0;
  /** A pending {@link wait}'s resolve. */
  waiter: (() => void) | null = null;
  private mainDone = false;
  private scheduled = false;
  private ended = false;
  private readonly previousClock: Clock;
  private readonly previousTracker: ParkTracker | null;

  constructor(
    private readonly options: TestOptions,
    private readonly resolve: () => void,
    private readonly reject: (e: unknown) => void,
  ) {
    this.callSites = options.callSites !== false;
    this.previousClock = setClock(this.clock);
    this.previousTracker = setParkTracker(this);
  }

  park(p: Parked): void {
    if (this.callSites) captureSite(p);
    this.parked.park(p, true);
    // chango/node's detector, if installed, still hears of every park.
    this.previousTracker?.park(p, true);
  }

  start(fn: () => unknown): void {
    void (async () => fn())().then(
      () => {
        this.mainDone = true;
        this.poke();
      },
      (e: unknown) => this.end(e),
    );
    this.poke();
  }

  /** Checks again at the start of the next macrotask. */
  poke(): void {
    if (this.scheduled || this.ended) return;
    this.scheduled = true;
    macrotask(this.check);
  }

  private readonly check = (): void => {
    this.scheduled = false;
    if (this.ended) return;
    // Some goroutine is runnable: chango deferred its resumption to a macrotask (the yield policy).
    if (schedulerState().yielding) return this.poke();
    // Waiting for the world: external() pokes when its promise settles.
    if (this.externals > 0) return;
    const blocked = this.parked.blocked();
    if (blocked.some(this.waitsOnRealTime)) {
      this.scheduled = true;
      realSetTimeout(this.check, 1);
      return;
    }
    // Idle: every goroutine of the bubble is durably blocked.
    const s = this.options.scheduler;
    if (s !== undefined && s.count() > 0) {
      // A held-back task is a runnable goroutine: fast-check picks which one runs now.
      s.waitOne().catch(ignore);
      return this.poke();
    }
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w();
      return this.poke();
    }
    if (!this.mainDone) {
      if (this.clock.advance()) return this.poke();
      return this.end(deadlock('deadlock: all goroutines in bubble are blocked', blocked, true));
    }
    if (blocked.length > 0) {
      return this.end(
        deadlock('deadlock: main bubble goroutine has exited but blocked goroutines remain', blocked, false),
      );
    }
    this.end(undefined);
  };

  /** A receive on a time channel of another clock: real time, not the bubble, will end it. */
  private readonly waitsOnRealTime = (p: Parked): boolean => {
    if (p instanceof Waiter) return this.foreignTimer(p.ch);
    if (p instanceof SelectGroup) return p.waiters.some((w) => this.foreignTimer(w.ch));
    return false;
  };

  private foreignTimer(ch: unknown): boolean {
    const t = ch instanceof Channel ? ch.timer : null;
    return t instanceof ChanTimer && t.clock !== this.clock;
  }

  /** Ends the bubble: time stops, its timers never run, the clock and tracker it replaced return. */
  end(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.clock.stop();
    setClock(this.previousClock);
    setParkTracker(this.previousTracker);
    this.parked.clear();
    bubbleSlot.bubble = null;
    if (error === undefined) this.resolve();
    else this.reject(error);
  }
}

function deadlock(reason: string, blocked: readonly Parked[], mainRunning: boolean): BubbleDeadlockError {
  let report = formatGoroutines(blocked);
  if (mainRunning && blocked.length === 0) {
    report +=
      "\ngoroutine [main]: the bubble's main function awaits a promise that is not a chango operation;" +
      ' wrap a promise that real I/O or a real timer settles in external(), so that the bubble waits for it\n';
  }
  return new BubbleDeadlockError(reason, report);
}

function ignore(): void {}

/**
 * Go's `synctest.Test`: runs `fn` in a bubble and resolves once `fn` has returned and every
 * goroutine it started has finished. Inside, chango's time (`sleep`, `after`, `Timer`, `Ticker`,
 * `tick`, `now`) runs on a virtual clock that starts at midnight UTC 2000-01-01 and jumps to the
 * next timer whenever every goroutine of the bubble is durably blocked, so an hour of sleeps takes
 * no real time. Rejects with {@link BubbleDeadlockError} when every goroutine is blocked and no
 * timer is pending, or when `fn` has returned but goroutines are still blocked; with `fn`'s own
 * error if it throws. Plain `setTimeout` and `Date.now()` stay real.
 *
 * One bubble at a time: a `test` inside a bubble rejects with {@link BubbleError}.
 *
 * @example
 * ```ts
 * import * as synctest from 'chango/synctest';
 *
 * it('times out', () =>
 *   synctest.test(async () => {             // synctest.Test(t, func(t *testing.T) {
 *     const start = now();
 *     await sleep(3_600_000);               //   time.Sleep(time.Hour)
 *     expect(now().getTime() - start.getTime()).toBe(3_600_000);
 *   }));                                    // })
 * ```
 */
export function test(fn: () => unknown, options: TestOptions = {}): Promise<void> {
  if (typeof fn !== 'function') {
    return Promise.reject(new TypeError(`synctest.test needs a function, got ${fn === null ? 'null' : typeof fn}`));
  }
  if (bubbleSlot.bubble !== null) {
    return Promise.reject(new BubbleError('synctest.Run called from within a synctest bubble'));
  }
  return new Promise<void>((resolve, reject) => {
    const b = new Bubble(options, resolve, reject);
    bubbleSlot.bubble = b;
    b.start(fn);
  });
}

/**
 * Go's `synctest.Wait`: resolves once every other goroutine of the bubble is durably blocked (or
 * has finished), without advancing time. Use it to assert on state "after everything settled".
 *
 * @throws BubbleError (as a rejection) outside a bubble, or while another `wait` is pending.
 * @example
 * ```ts
 * void (async () => { done = true; })(); // go func() { done = true }()
 * await synctest.wait();                 // synctest.Wait()
 * expect(done).toBe(true);
 * ```
 */
export function wait(): Promise<void> {
  const b = bubbleSlot.bubble;
  if (b === null) return Promise.reject(new BubbleError('goroutine is not in a bubble'));
  if (b.waiter !== null) return Promise.reject(new BubbleError('wait already in progress'));
  return new Promise<void>((resolve) => {
    b.waiter = resolve;
    b.poke();
  });
}

/**
 * Tells the bubble that a goroutine awaits something outside it (real I/O, a real timer, another
 * library's promise): until `p` settles the bubble is not idle, so time does not jump and no
 * deadlock is reported. Go needs no such call, since its runtime sees I/O; chango cannot see
 * foreign promises. Outside a bubble it returns `p`'s outcome unchanged.
 *
 * @example
 * ```ts
 * const body = await synctest.external(fetch(url)); // a network read is not durably blocking
 * ```
 */
export function external<T>(p: PromiseLike<T> | T): Promise<Awaited<T>> {
  const b = bubbleSlot.bubble;
  const q = Promise.resolve(p);
  if (b === null) return q;
  b.externals++;
  const settled = (): void => {
    b.externals--;
    b.poke();
  };
  return q.then(
    (v) => {
      settled();
      return v;
    },
    (e: unknown) => {
      settled();
      throw e;
    },
  );
}

/**
 * True while a bubble runs: Go's `synctest.IsInBubble` (internal in Go).
 *
 * @example
 * ```ts
 * if (synctest.inBubble()) console.log('virtual time');
 * ```
 */
export function inBubble(): boolean {
  return bubbleSlot.bubble !== null;
}

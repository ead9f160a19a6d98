/**
 * A bubble's virtual clock: Go's per-bubble fake time and its timer heap (runtime/synctest.go,
 * `bubble.now` and `bubble.timers`).
 *
 * Time stands still until the bubble, finding every goroutine durably blocked, calls
 * {@link VirtualClock.advance}: the clock then jumps to the earliest pending timer and runs every
 * timer due at that instant. Nothing here touches the platform's timers.
 */
import type { Clock } from '../time/clock.js';

/**
 * Go's bubble epoch (`synctestBaseTime`): midnight UTC 2000-01-01, in ms since the Unix epoch.
 * A bubble's `now()` starts here.
 *
 * @example
 * ```ts
 * const elapsed = now().getTime() - BUBBLE_EPOCH; // time.Since(start) in a fresh bubble
 * ```
 */
export const BUBBLE_EPOCH = Date.UTC(2000, 0, 1);

/** A scheduled call; its own handle. Cleared entries stay in the heap and are skipped. */
interface Entry {
  readonly when: number;
  /** Creation order: timers due at the same instant run in the order they were set. */
  readonly seq: number;
  fn: ((arg: unknown) => void) | null;
  arg: unknown;
}

/** Cleared entries tolerated in the heap before it is rebuilt without them. */
const MIN_GARBAGE = 64;

/**
 * The clock a bubble installs with `setClock`: Go's `bubble.now` and `bubble.timers`. Internal to
 * `chango/synctest`.
 */
export class VirtualClock implements Clock {
  /** Milliseconds since the bubble started. */
  private t = 0;
  private heap: Entry[] = [];
  private seq = 0;
  /** Entries in the heap that have not been cleared or run. */
  private live = 0;
  /** False once the bubble has ended: the clock stops and its timers never run. */
  running = true;

  now(): number {
    return this.t;
  }

  date(): Date {
    return new Date(BUBBLE_EPOCH + this.t);
  }

  set<A>(fn: (arg: A) => void, ms: number, arg: A): unknown {
    const e: Entry = { when: this.t + Math.max(0, ms), seq: this.seq++, fn: fn as (arg: unknown) => void, arg };
    this.push(e);
    this.live++;
    return e;
  }

  clear(handle: unknown): void {
    const e = handle as Entry;
    if (e.fn === null) return;
    e.fn = null;
    e.arg = undefined;
    this.live--;
    if (this.heap.length - this.live > Math.max(MIN_GARBAGE, this.live)) this.compact();
  }

  /** Timers set and neither cleared nor run. */
  get pending(): number {
    return this.live;
  }

  /**
   * Moves time to the earliest pending timer and runs every timer due then (Go: `bubble.now =
   * next`, then the timer check). False, with time unchanged, if no timer is pending.
   */
  advance(): boolean {
    const first = this.peek();
    // A deadline of Infinity (`after(Infinity)`) never comes: it does not move time.
    if (first === undefined || !this.running || first.when === Infinity) return false;
    this.t = first.when;
    for (let e = this.peek(); e !== undefined && e.when <= this.t; e = this.peek()) {
      this.pop();
      const fn = e.fn as (arg: unknown) => void;
      const arg = e.arg;
      e.fn = null;
      e.arg = undefined;
      this.live--;
      fn(arg);
    }
    return true;
  }

  /** Stops the clock: pending timers are dropped and never run, as a bubble's timers after it ends. */
  stop(): void {
    this.running = false;
    this.heap = [];
    this.live = 0;
  }

  /** The earliest live entry, dropping cleared ones from the top. */
  private peek(): Entry | undefined {
    const heap = this.heap;
    while (heap.length > 0 && (heap[0] as Entry).fn === null) this.pop();
    return heap[0];
  }

  private compact(): void {
    const entries = this.heap.filter((e) => e.fn !== null);
    this.heap = [];
    for (const e of entries) this.push(e);
  }

  private push(e: Entry): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry;
      if (!before(e, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as Entry;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(heap[r] as Entry, heap[l] as Entry) ? r : l;
      if (!before(heap[c] as Entry, last)) break;
      heap[i] = heap[c] as Entry;
      i = c;
    }
    heap[i] = last;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.when < b.when || (a.when === b.when && a.seq < b.seq);
}

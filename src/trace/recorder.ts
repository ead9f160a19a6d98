/**
 * The recorder: the events of the running trace, and the bookkeeping that pairs a send with the
 * receive that took its value.
 */
import { isBlocked, reasonOf } from '../runtime/parked.js';
import type { Parked } from '../runtime/waiter.js';
import { goroutineContext } from './context.js';
import type { TraceData, TraceEvent, TraceKind } from './event.js';

/** A trace event while it is being recorded: completed, paired and marked in place. */
export type MutableEvent = { -readonly [K in keyof TraceEvent]: TraceEvent[K] };

/** A FIFO of send events: the values in one channel's buffer, in the order they will be received. */
class EventQueue {
  private items: MutableEvent[] = [];
  private head = 0;

  push(e: MutableEvent): void {
    this.items.push(e);
  }

  shift(): MutableEvent | undefined {
    if (this.head === this.items.length) return undefined;
    const e = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return e;
  }
}

export class Recorder {
  readonly events: MutableEvent[] = [];
  readonly goroutines: string[] = ['main'];
  private readonly taken = new Set<string>(['main']);
  private readonly names = new WeakMap<object, string>();
  private unnamed = 0;
  private readonly buffered = new WeakMap<object, EventQueue>();
  /** Blocked operations, keyed by their waiter (or select group), until they complete. */
  private readonly open = new Map<object, MutableEvent>();
  private readonly t0: number;
  private ended: TraceData | null = null;

  constructor(private readonly clock: () => number) {
    this.t0 = clock();
  }

  now(): number {
    return this.clock() - this.t0;
  }

  /** The running goroutine's name. */
  current(): string {
    return goroutineContext().current() ?? 'main';
  }

  /** Records an operation of the running goroutine (or of `g`), completed now unless it blocks. */
  add(kind: TraceKind, fields: Omit<Partial<MutableEvent>, 'seq' | 'kind'> = {}): MutableEvent {
    const t = this.now();
    const g = fields.g ?? this.current();
    if (!this.taken.has(g)) {
      this.taken.add(g);
      this.goroutines.push(g);
    }
    const e: MutableEvent = { seq: this.events.length, g, kind, start: t, end: t };
    Object.assign(e, fields);
    e.g = g;
    this.events.push(e);
    return e;
  }

  /** Marks `e` blocked until {@link wake} is called with the same key. */
  block(key: object, e: MutableEvent): void {
    e.end = null;
    this.open.set(key, e);
  }

  isBlocked(key: object): boolean {
    return this.open.has(key);
  }

  /** Completes the blocked operation of `key` now, and returns its event to fill in. */
  wake(key: object): MutableEvent | undefined {
    const e = this.open.get(key);
    if (e === undefined) return undefined;
    this.open.delete(key);
    e.end = this.now();
    return e;
  }

  /** A unique goroutine name: `worker`, then `worker#2` if `worker` is taken. */
  newGoroutine(name: string): string {
    let unique = name;
    for (let i = 2; this.taken.has(unique); i++) unique = `${name}#${i}`;
    this.taken.add(unique);
    this.goroutines.push(unique);
    return unique;
  }

  /** A channel's debug name, or `chan#N` for one without. */
  nameOf(ch: { readonly name: string | undefined }): string {
    if (ch.name !== undefined) return ch.name;
    let n = this.names.get(ch);
    if (n === undefined) this.names.set(ch, (n = `chan#${++this.unnamed}`));
    return n;
  }

  /** True the first time a channel is seen: the Mutex's first token is its construction, not an unlock. */
  firstSight(ch: object): boolean {
    if (this.buffered.has(ch)) return false;
    this.buffered.set(ch, new EventQueue());
    return true;
  }

  /** A send's value entered `ch`'s buffer. */
  pushBuffered(ch: object, e: MutableEvent): void {
    let q = this.buffered.get(ch);
    if (q === undefined) this.buffered.set(ch, (q = new EventQueue()));
    q.push(e);
  }

  /** The send whose value a receive just took from `ch`'s buffer. */
  shiftBuffered(ch: object): MutableEvent | undefined {
    return this.buffered.get(ch)?.shift();
  }

  /** Ends the trace: what is still blocked now stays blocked, with Go's wait reason. */
  finish(): TraceData {
    if (this.ended !== null) return this.ended;
    const duration = this.now();
    for (const [key, e] of this.open) {
      // Every key is a waiter or a select's group (see instrument.ts's keyOf).
      const p = key as Parked;
      if (!isBlocked(p)) {
        e.end = duration; // given up by a path the recorder does not see (an abort)
      } else {
        e.reason = reasonOf(p);
      }
    }
    this.open.clear();
    this.ended = { events: this.events, goroutines: this.goroutines, duration };
    return this.ended;
  }
}

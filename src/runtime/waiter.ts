/**
 * Waiter records and the queues they wait on: Go's `sudog` and `waitq` (runtime/runtime2.go).
 *
 * A waiter is one blocked operation on one channel. A plain `send`/`recv` parks one waiter; a
 * `select` parks one per case, all pointing at the same {@link WaiterGroup}. The queues are
 * intrusive doubly linked lists so that an aborted or losing waiter is unlinked in O(1).
 */

import { shared } from './shared.js';

/** The parked state of a `select`: the channel calls into it at the moment of hand-off. */
export interface WaiterGroup {
  /**
   * The channel has just completed `w` (value handed over, or the channel closed under a receive
   * case). Called synchronously, before any other transfer, so the group must unlink every other
   * waiter of its own right here: that is what makes exactly one case commit.
   */
  commit(w: Waiter): void;
  /** `w` is a send case whose channel was closed: the select panics with the error `error()` builds. */
  fail(w: Waiter, error: () => Error): void;
}

/** Why a goroutine is blocked, in the words of Go's deadlock report (`goroutine 1 [chan send]:`). */
export type WaitReason =
  | 'chan send'
  | 'chan receive'
  | 'chan send (nil chan)'
  | 'chan receive (nil chan)'
  | 'select'
  | 'select (no cases)'
  | 'sync.WaitGroup.Wait'
  | 'sync.Mutex.Lock'
  | 'semacquire';

/**
 * What the deadlock report can describe: a plain operation's {@link Waiter}, or a parked select's
 * group (select/group.ts). The report reads its wait reason, channels and state with the functions
 * of parked.ts, from the record's own fields: getters here would be code in every bundle with a
 * channel, for a report that only `chango/node`, `chango/synctest` and `chango/trace` print.
 */
export type Parked = Waiter | ParkedSelect;

/** What the report reads of a parked select (select/group.ts's `SelectGroup`). */
export interface ParkedSelect {
  /** The select's cases: none for `select {}`. */
  readonly cases: readonly { readonly ch: ChannelLike }[];
  /** One waiter per non-nil case. */
  readonly waiters: readonly Waiter[];
  /** Set once a case has committed or the select was aborted. */
  readonly done: boolean;
  /** Where it parked (see {@link Waiter.site}). */
  site: Error | undefined;
}

/** Receives every park while installed (the Node deadlock detector); null costs one check. */
export interface ParkTracker {
  /**
   * Called in the parking call stack, so that the tracker can capture the call site (`site`).
   * `sited` is true when a tracker passes a park on: the call site is already taken care of.
   */
  park(p: Parked, sited?: boolean): void;
}

/**
 * Installs (or with null, removes) the park tracker; returns the one it replaces, so that a
 * `chango/synctest` bubble can pass parks on to `chango/node`'s detector and put it back after.
 * Internal: used by `chango/node` and `chango/synctest`.
 */
export function setParkTracker(t: ParkTracker | null): ParkTracker | null {
  const previous = shared.tracker as ParkTracker | null;
  shared.tracker = t;
  return previous;
}

/**
 * Reports a park to the tracker, if one is installed. The tracker captures the call site itself,
 * so that what only the deadlock report needs is not part of every bundle with a channel.
 */
export function trackPark(p: Parked): void {
  const tracker = shared.tracker;
  if (tracker !== null) tracker.park(p);
}

/**
 * One blocked operation. Fields are public within the library and stripped from the published
 * types. A waiter is an `EventListenerObject` so that an abort listener needs no closure.
 */
export class Waiter implements EventListenerObject {
  // Declared fields, not constructor parameter properties: esbuild's mangleProps leaves the
  // declaration a parameter property emits unrenamed, an extra own field on every waiter.
  /** The channel whose queue holds this waiter (typed loosely to avoid an import cycle). */
  readonly ch: ChannelLike;
  readonly isSend: boolean;
  next: Waiter | null = null;
  prev: Waiter | null = null;
  /** The queue this waiter is linked on; null once it has been dequeued or unlinked. */
  queue: WaitQueue | null = null;
  /** A send's value, or the value a receive was given. */
  value: unknown;
  /** For a receive: false when it completed because the channel was closed. */
  ok = false;
  resolve: (value: unknown) => void = noop;
  reject: (reason: unknown) => void = noop;
  signal: AbortSignal | null = null;
  /** Set when this waiter is one case of a parked select. */
  group: WaiterGroup | null = null;
  /** The select case this waiter stands for; 0 for a plain operation. */
  index = 0;
  /** For a plain receive: the form its result is handed back in (channel.ts's `Shape`); else 0. */
  shape = 0;
  /**
   * Where it parked: set by the tracker (parklist.ts's `captureSite`), so only while one is
   * installed, and costs nothing otherwise; its stack is formatted only when read.
   */
  declare site: Error | undefined;

  constructor(ch: ChannelLike, isSend: boolean) {
    this.ch = ch;
    this.isSend = isSend;
  }

  /** The abort listener of a plain (non-select) operation. */
  handleEvent(): void {
    const signal = this.signal;
    if (signal === null || this.queue === null) return;
    this.ch.unlink(this);
    this.signal = null;
    this.reject(signal.reason);
  }
}

/** What a waiter needs of its channel; implemented by `Channel`. */
export interface ChannelLike {
  readonly name: string | undefined;
  readonly isNil: boolean;
  /** How a receive blocked on this channel reads in the deadlock report, if not `chan receive`. */
  readonly opts: { readonly recvReason?: WaitReason };
  /** Unlinks a waiter from whichever of this channel's queues holds it. */
  unlink(w: Waiter): void;
}

/** The settle functions of a record that has none yet. */
export function noop(): void {}

/** A FIFO of waiters: Go's `waitq`. All operations are O(1). */
export class WaitQueue {
  first: Waiter | null = null;
  last: Waiter | null = null;

  push(w: Waiter): void {
    w.queue = this;
    w.next = null;
    w.prev = this.last;
    if (this.last === null) this.first = w;
    else this.last.next = w;
    this.last = w;
  }

  /** Removes and returns the oldest waiter, or null. */
  shift(): Waiter | null {
    const w = this.first;
    if (w !== null) this.remove(w);
    return w;
  }

  remove(w: Waiter): void {
    const { prev, next } = w;
    if (prev === null) this.first = next;
    else prev.next = next;
    if (next === null) this.last = prev;
    else next.prev = prev;
    w.next = w.prev = null;
    w.queue = null;
  }
}

/**
 * Creates the promise a blocked operation returns and stores its settle functions on `w`. The
 * executor is a closure on purpose: optimized code inlines it into `new Promise` and never
 * allocates it, while a shared executor handing the functions over through module variables was
 * slower (bench/NOTES.md, "The parking path").
 */
export function promiseFor<T>(w: { resolve: (value: unknown) => void; reject: (reason: unknown) => void }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    w.resolve = resolve as (value: unknown) => void;
    w.reject = reject;
  });
}

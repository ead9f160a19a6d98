/**
 * Where a channel that crossed threads inside a value is found again. Go needs none of this: a
 * channel is a pointer into one heap. Here a channel lives on the thread that created it, and a
 * value holding it crosses as bytes; so each channel inside a value travels as a handle that
 * names its owner thread and its id there, valid on every thread (the value goes through the
 * owner's buffer and may be received anywhere). This module keeps what resolves a handle:
 *
 * - this thread's number (the main thread is 0; the pool numbers its worker threads 1, 2, ...
 *   across all its pools, never reusing one);
 * - this thread's channels that went out, by id: held while they have state (a handle may come
 *   back to this thread, or a request for it from any thread, at any time), and only weakly, for
 *   identity, once they are closed and drained (below);
 * - the links to the owners this thread talks to directly: on the main thread, each worker's;
 *   on a worker, the main thread's, through which it also reaches every other worker (relay.ts).
 */
import type { ChannelHandle } from './wire.js';

let self = 0;

/** This thread's number: 0 on the main thread. */
export function thisThread(): number {
  return self;
}

/**
 * The first number of a thread of a nested pool (a WorkerPool started on a worker thread). Such a
 * pool cannot number its threads in the main thread's sequence, so it numbers them from here, in a
 * range no thread of the main thread's pools reaches: on the thread that started it, its threads'
 * links then never take the place of another thread's (`owners`). Below 2^21, so that
 * {@link relayId} stays exact.
 */
export const NESTED = 2 ** 20;

/** Whether thread number `n` is a nested pool's: its channels have no name valid on every thread. */
export function isNested(n: number): boolean {
  return n >= NESTED;
}

/** The error for a channel inside a value that would cross into or out of a nested pool's thread. */
export function nestedError(): TypeError {
  return new TypeError(
    "chango: a channel inside a value cannot reach or leave a thread of a nested pool (a WorkerPool started on a worker thread): pass it to that pool's goroutines as an argument of go()",
  );
}

/** Sets this thread's number, as the pool gave it (service.ts, once, at the worker's boot). */
export function setThisThread(n: number): void {
  self = n;
}

/**
 * What this file reads of a ThreadChannel of this thread (it cannot import the class: that imports
 * this file, through held.ts).
 */
export interface Mine {
  readonly threadId: number;
  readonly closed: boolean;
  readonly length: number;
}

/**
 * This thread's channels (ThreadChannels) that went to other threads and still have state, by id:
 * held, since any thread may ask for them at any time.
 *
 * A closed channel whose buffer is empty has no state left: it has no parked operation (close
 * woke them all, and nothing parks on a closed channel), and every later operation's result is
 * fixed: a receive reads `(zero, false)`, a send and a close panic, `len` is 0, a select's receive
 * case on it is ready with `(zero, false)` and a send case panics. Such a channel is dropped from
 * here ({@link drained}); a request for an id of this thread that is not here is answered as for
 * such a channel (owner.ts), which is exact because ids are never reused. Without this, a server
 * that is sent a fresh reply channel per request (Go's everyday pattern) would keep every one.
 */
export const outgoing = new Map<number, Mine>();

/**
 * The channels dropped from {@link outgoing}, held weakly: a handle to one that comes back to this
 * thread while the program still holds it must resolve to that same object (identity); once it
 * is collected, no one can tell a fresh closed channel from it.
 */
const forgotten = new Map<number, WeakRef<Mine>>();
const collected = new FinalizationRegistry<number>((id) => {
  // A stand-in (mine) may have taken the id since: only a dead entry goes.
  if (forgotten.get(id)?.deref() === undefined) forgotten.delete(id);
});

function forget(ch: Mine): void {
  forgotten.set(ch.threadId, new WeakRef(ch));
  collected.register(ch, ch.threadId);
}

/**
 * How many handles of each channel in {@link outgoing} were made and not taken back: a send or a
 * select case that offered a value holding the channel, which was not taken ({@link release}),
 * gives its handle back. At 0, no handle to it is anywhere, and it is not held.
 */
const handles = new Map<number, number>();

/** Keeps `ch`, a channel of this thread a handle is made for, for the handle to find it. */
export function keep(ch: Mine): void {
  const id = ch.threadId;
  if (outgoing.has(id)) {
    handles.set(id, (handles.get(id) ?? 0) + 1);
    return;
  }
  if (!ch.closed || ch.length !== 0) {
    outgoing.set(id, ch);
    handles.set(id, 1);
  } else if (forgotten.get(id)?.deref() !== ch) forget(ch);
}

/**
 * Gives back a handle of `ch` made by {@link keep} for a value that no thread took (a send that
 * failed or was aborted, a select that committed another case): once every handle made is given
 * back, `ch` is not held (Go would let it be collected; it never went anywhere).
 */
export function release(ch: Mine): void {
  const id = ch.threadId;
  const n = handles.get(id);
  if (n === undefined || outgoing.get(id) !== ch) return;
  if (n > 1) handles.set(id, n - 1);
  else {
    handles.delete(id);
    outgoing.delete(id);
  }
}

/**
 * Called where `ch` may have become closed and drained (its close; a request from another thread
 * that found it closed): drops it from {@link outgoing} if it has.
 */
export function drained(ch: Mine): void {
  if (ch.length !== 0 || !ch.closed || outgoing.get(ch.threadId) !== ch) return;
  outgoing.delete(ch.threadId);
  handles.delete(ch.threadId);
  forget(ch);
}

/** How many of this thread's channels are held for other threads, and how many are remembered weakly (for tests). */
export function registrySizes(): { readonly held: number; readonly weak: number } {
  return { held: outgoing.size, weak: forgotten.size };
}

let lastId = 0;
let reusing = 0;

/** A fresh id for a ThreadChannel of this thread (never reused; see {@link standIn}). */
export function nextChannelId(): number {
  if (reusing !== 0) {
    const id = reusing;
    reusing = 0;
    return id;
  }
  return ++lastId;
}

/** Makes a closed ThreadChannel (threadchannel.ts registers it: this file cannot import the class). */
let makeClosed: ((capacity: number, name: string | undefined, zero: unknown) => Mine) | undefined;

export function setMakeClosed(f: (capacity: number, name: string | undefined, zero: unknown) => Mine): void {
  makeClosed = f;
}

/**
 * This thread's channel `id`, as a handle that came back names it: the channel itself while it is
 * held or still alive; once it was forgotten and collected, a closed channel of the same id,
 * capacity, name and zero value, which no program can tell from it.
 *
 * @throws Error (internal) for an id this thread never gave out.
 */
export function mine(id: number, capacity: number, name: string | undefined, zero: unknown): Mine {
  const ch = outgoing.get(id) ?? forgotten.get(id)?.deref();
  if (ch !== undefined) return ch;
  if (!issued(id) || makeClosed === undefined) throw new Error(`chango: internal error: unknown channel ${id}`);
  reusing = id;
  let c: Mine;
  try {
    c = makeClosed(capacity, name, zero);
  } finally {
    reusing = 0;
  }
  forget(c);
  return c;
}

/** Whether `id` is one this thread gave a channel: one not in {@link outgoing} then was forgotten. */
export function issued(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= lastId;
}

/** What a link to an owner thread (a RemoteLink) offers here: its view of one of the owner's channels. */
export interface Owner {
  channel(h: ChannelHandle): unknown;
}

/** The links to the threads that own channels this thread uses, by thread number. */
export const owners = new Map<number, Owner>();

/**
 * 2^32: a relayed channel's id packs its owner thread and its id there into one number, so
 * that every thread names it alike and the main thread relays it without asking anyone for an id.
 */
const SPAN = 4294967296;

/** The id a worker uses for channel `id` of worker `owner`, relayed by the main thread: negative. */
export function relayId(owner: number, id: number): number {
  return -(owner * SPAN + id);
}

/** The owner thread and the owner's id of relayed channel `relayed` (the inverse of {@link relayId}). */
export function relayed(relayed: number): readonly [owner: number, id: number] {
  const n = -relayed;
  const owner = Math.floor(n / SPAN);
  return [owner, n - owner * SPAN];
}

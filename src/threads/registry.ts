/**
 * Where a channel that crossed threads inside a value is found again. Go needs none of this: a
 * channel is a pointer into one heap. Here a channel lives on the thread that created it, and a
 * value holding it crosses as bytes; so each channel inside a value travels as a handle that
 * names its owner thread and its id there, valid on every thread (the value goes through the
 * owner's buffer and may be received anywhere). This module keeps what resolves a handle:
 *
 * - this thread's number (the main thread is 0; the pool numbers its worker threads 1, 2, ...
 *   across all its pools, never reusing one);
 * - this thread's channels that went out, by id: they stay here as long as this thread runs (a
 *   handle may come back to this thread, or a request for it from any thread, at any time);
 * - the links to the owners this thread talks to directly: on the main thread, each worker's;
 *   on a worker, the main thread's, through which it also reaches every other worker (relay.ts).
 */
import type { ChannelHandle } from './wire.js';

let self = 0;

/** This thread's number: 0 on the main thread. */
export function thisThread(): number {
  return self;
}

/** Sets this thread's number, as the pool gave it (service.ts, once, at the worker's boot). */
export function setThisThread(n: number): void {
  self = n;
}

/** This thread's channels (ThreadChannels) that went to other threads, by id. */
export const outgoing = new Map<number, unknown>();

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

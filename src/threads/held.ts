/**
 * Channels inside values: Go's `chan chan T`, and a request struct carrying its reply channel.
 * In Go a channel is a reference, so a value holding one holds the same channel wherever it is
 * received. Structured clone has no hook for that (a channel cannot be cloned, by design), so
 * chango takes the slow way only when a value fails to clone: it walks the value (arrays, plain
 * objects, Map and Set, at any depth, cycles and shared parts kept), puts a stand-in in the place
 * of each cross-thread channel, clones that, and puts the channels back on the other side.
 * Values without channels never reach this file.
 *
 * Across threads the stand-in is a handle that names the channel everywhere (its owner thread and
 * its id there, with what a proxy needs: capacity, name, zero), so the value can go through the
 * owner's buffer and be received on any thread, where each handle becomes that thread's view of
 * the same channel: the owner's own ThreadChannel on the owner, else a RemoteChannel (relayed by
 * the main thread when two workers are involved). On the owner thread (a ThreadChannel's send
 * copies the value) the stand-in is a placeholder, and the copy holds the same channel objects.
 */
import { Channel } from '../channel/channel.js';
import { deserialize, serialize } from './platform.js';
import {
  isNested,
  keep,
  mine,
  nestedError,
  owners,
  release,
  relayed,
  relayId,
  thisThread,
  type Mine,
} from './registry.js';

/**
 * The one uncloneable field of a ThreadChannel (`crossThread`): it makes a raw `postMessage(ch)`
 * throw, naming the right way to pass it, and tells this file a ThreadChannel when it meets one.
 */
export const THREAD_CHANNEL = Symbol(
  'chango: a ThreadChannel crosses threads as an argument of WorkerPool.go(), inside a value sent on a cross-thread channel, or as the value a goroutine returns; not through postMessage',
);

/** The same for a RemoteChannel: a channel of another thread, as this one sees it. */
export const REMOTE_CHANNEL = Symbol(
  'chango: a channel of another thread cannot be posted: pass it as an argument of WorkerPool.go(), or send it on a cross-thread channel',
);

/** A cross-thread channel as a value carries it: valid on every thread. */
interface Handle {
  /** The owner thread's number. */
  readonly o: number;
  /** The channel's id on its owner. */
  readonly i: number;
  /** Its capacity, name (`l`: `n` is a name the build shortens, scripts/mangle.ts) and zero value. */
  readonly c: number;
  readonly l: string | undefined;
  readonly z: unknown;
}

/** A packed value that held channels: the bytes of `[value with handles, handles]`. */
export interface Held {
  readonly h: Uint8Array;
}

/**
 * What this file reads of a ThreadChannel or a RemoteChannel (it imports neither: both import
 * this file, through pack.ts).
 */
interface CrossChannel {
  readonly crossThread: symbol;
  readonly threadId: number;
  readonly capacity: number;
  readonly name: string | undefined;
  readonly zero: unknown;
  /** A RemoteChannel's: 0, or the owner thread of a channel relayed by the main thread. */
  readonly home?: number;
  /** A RemoteChannel's: the link to its owner (or to the main thread, which relays it). */
  readonly link?: { readonly ownerId: number };
}

/**
 * An empty copy of `x` if structured clone would copy it as a container whose parts may hold
 * channels (an array, a plain object or class instance, a Map, a Set); undefined for the rest,
 * which clone as they are (typed arrays, dates, errors, ...).
 */
function shell(x: object): object | undefined {
  if (Array.isArray(x)) return new Array<unknown>(x.length);
  if (x instanceof Map) return new Map();
  if (x instanceof Set) return new Set();
  return isRecord(x) ? {} : undefined;
}

/** Whether structured clone copies `x` as a record of its own enumerable properties (a plain object, a class instance). */
function isRecord(x: object): boolean {
  return Object.prototype.toString.call(x) === '[object Object]';
}

/**
 * A copy of `v`'s containers with `swap(ch)` in the place of each cross-thread channel, or
 * undefined if `v` holds none. Iterative (any depth); each object is copied once (cycles and
 * shared parts kept); what is not a container is kept as it is, for the clone to copy.
 *
 * @throws DataCloneError (the platform's, naming ThreadChannel) for a local Channel inside `v`.
 */
function swapChannels(v: object, swap: (ch: CrossChannel) => object): unknown {
  let found = false;
  const copies = new Map<object, object>();
  const work: object[] = [];
  const visit = (x: unknown): unknown => {
    if (typeof x !== 'object' || x === null) return x;
    let c = copies.get(x);
    if (c !== undefined) return c;
    const mark = (x as Partial<CrossChannel>).crossThread;
    if (mark === THREAD_CHANNEL || mark === REMOTE_CHANNEL) {
      found = true;
      c = swap(x as CrossChannel);
      copies.set(x, c);
      return c;
    }
    // A local channel's one uncloneable field makes the clone throw the error that names ThreadChannel.
    if (x instanceof Channel) structuredClone(x);
    c = shell(x);
    if (c === undefined) return x;
    copies.set(x, c);
    work.push(x, c);
    return c;
  };
  const top = visit(v);
  while (work.length > 0) {
    const dst = work.pop() as Record<string, unknown>;
    const src = work.pop() as Record<string, unknown>;
    if (src instanceof Map) for (const [k, e] of src) (dst as unknown as Map<unknown, unknown>).set(visit(k), visit(e));
    else if (src instanceof Set) for (const e of src) (dst as unknown as Set<unknown>).add(visit(e));
    else for (const k of Object.keys(src)) dst[k] = visit(src[k]);
  }
  return found ? top : undefined;
}

/** Puts `back.get(s)` in the place of each stand-in `s` inside `v` (a fresh clone, changed in place). */
function restore(v: unknown, back: Map<unknown, unknown>): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (back.has(v)) return back.get(v);
  const seen = new Set<object>([v]);
  const work: object[] = [v];
  const next = (x: unknown): void => {
    if (typeof x === 'object' && x !== null && !seen.has(x) && !back.has(x)) {
      seen.add(x);
      work.push(x);
    }
  };
  const swap = (x: unknown): unknown => (back.has(x) ? back.get(x) : x);
  while (work.length > 0) {
    const x = work.pop() as Record<string, unknown>;
    if (x instanceof Map) {
      const es = [...(x as Map<unknown, unknown>)];
      // A stand-in as a key: rebuilt in order; else values replaced where they are.
      const rebuild = es.some(([k]) => back.has(k));
      if (rebuild) x.clear();
      for (const [k, e] of es) {
        if (rebuild || back.has(e)) (x as Map<unknown, unknown>).set(swap(k), swap(e));
        next(k);
        next(e);
      }
    } else if (x instanceof Set) {
      const es = [...(x as Set<unknown>)];
      if (es.some((e) => back.has(e))) {
        x.clear();
        for (const e of es) (x as Set<unknown>).add(swap(e));
      }
      for (const e of es) next(e);
    } else if (Array.isArray(x) || isRecord(x)) {
      for (const k of Object.keys(x)) {
        const e = x[k];
        if (back.has(e)) x[k] = back.get(e);
        else next(e);
      }
    }
  }
  return v;
}

/** The handle of `ch`, valid on every thread. */
function handleOf(ch: CrossChannel): Handle {
  const { capacity: c, name: l, zero: z } = ch;
  let h: Handle;
  if (ch.crossThread === THREAD_CHANNEL) h = { o: thisThread(), i: ch.threadId, c, l, z };
  else if (ch.home !== 0) {
    const [o, i] = relayed(ch.threadId);
    h = { o, i, c, l, z };
  } else h = { o: (ch.link as { readonly ownerId: number }).ownerId, i: ch.threadId, c, l, z };
  // A nested pool's channel has no name valid on every thread, and a nested pool's thread cannot
  // tell a handle of the main thread's pools from one of its own parent's.
  if (isNested(h.o) || isNested(thisThread())) throw nestedError();
  return h;
}

/**
 * `v` packed with a handle for each cross-thread channel inside it, or undefined if it holds
 * none. The channels of this thread are kept (by id) for the handles to find them.
 *
 * @throws DataCloneError for a local Channel inside `v`, or anything else that cannot be cloned.
 */
export function packHeld(v: object): Held | undefined {
  const w = withHandles(v);
  if (w === undefined) return undefined;
  const pair = [w.value, w.handles];
  let h: Uint8Array;
  try {
    h = serialize(pair);
  } catch (e) {
    structuredClone(pair); // the platform's DataCloneError for what else cannot be cloned
    throw e;
  }
  w.keep();
  const held: Held = { h };
  // Not cloned with it (a symbol key): the sender's own record, for `offered`.
  if (w.own.length !== 0) (held as { [OWN]?: readonly Mine[] })[OWN] = w.own;
  return held;
}

/** Where a packed value records the channels of this thread it kept. */
const OWN = Symbol('chango.threads.own');

/**
 * The channels of this thread that packing `p` kept (registry.ts), if any: for a send or a select
 * case that may not be taken, to give them back ({@link unoffer}). One check for any other value.
 */
export function offered(p: unknown): readonly Mine[] | undefined {
  return typeof p === 'object' && p !== null ? (p as { [OWN]?: readonly Mine[] })[OWN] : undefined;
}

/** A value holding `own` (from {@link offered}) was not taken by any thread: their handles are given back. */
export function unoffer(own: readonly Mine[]): void {
  for (const ch of own) release(ch);
}

/** Keeps `own` (from {@link offered}) again, for a value offered again (a select's case used twice). */
export function reoffer(own: readonly Mine[]): void {
  for (const ch of own) keep(ch);
}

/**
 * `v` with a handle in the place of each cross-thread channel, and the handles; undefined if it
 * holds none. `keep()` registers this thread's channels among them, once the value will leave.
 */
function withHandles(v: object): { value: unknown; handles: Handle[]; own: readonly Mine[]; keep(): void } | undefined {
  const handles: Handle[] = [];
  const own: CrossChannel[] = [];
  const value = swapChannels(v, (ch) => {
    if (ch.crossThread === THREAD_CHANNEL) own.push(ch);
    const h = handleOf(ch);
    handles.push(h);
    return h;
  });
  if (value === undefined) return undefined;
  const kept = own as unknown as Mine[];
  return { value, handles, own: kept, keep: () => kept.forEach((ch) => keep(ch)) };
}

/** A value with handles, as {@link withHandles} made it, with each handle's channel back in its place. */
function revive(value: unknown, handles: readonly Handle[]): unknown {
  const back = new Map<unknown, unknown>();
  for (const h of handles) back.set(h, resolve(h));
  return restore(value, back);
}

/** The channel a handle names, as this thread sees it. */
function resolve(h: Handle): unknown {
  if (isNested(thisThread())) throw nestedError();
  if (h.o === thisThread()) return mine(h.i, h.c, h.l, h.z);
  const direct = owners.get(h.o);
  const handle = { __changoThreadChannel: h.i, capacity: h.c, name: h.l, zero: h.z };
  if (direct !== undefined) return direct.channel(handle);
  // A worker reaches another worker's channels through the main thread, which relays them.
  const main = owners.get(0);
  if (main === undefined) throw new Error(`chango: internal error: no way to thread ${h.o}`);
  return main.channel({ ...handle, __changoThreadChannel: relayId(h.o, h.i), home: h.o });
}

/** The inverse of {@link packHeld}, on the receiving thread. */
export function unpackHeld(p: Held): unknown {
  const [value, handles] = deserialize(p.h) as [unknown, Handle[]];
  return revive(value, handles);
}

/**
 * Go's copy on send of a value holding channels, on this thread: the rest is cloned (with
 * `transfer` moved), the channels are the same objects. Undefined if `v` holds none.
 *
 * @throws DataCloneError for a local Channel inside `v`, or anything else that cannot be cloned.
 */
export function copyHeld(v: object, transfer: StructuredSerializeOptions | undefined): { v: unknown } | undefined {
  const chans: CrossChannel[] = [];
  const stand: object[] = [];
  const swapped = swapChannels(v, (ch) => {
    const s = {};
    chans.push(ch);
    stand.push(s);
    return s;
  });
  if (swapped === undefined) return undefined;
  const [c, cloned] = structuredClone([swapped, stand], transfer);
  const back = new Map<unknown, unknown>();
  (cloned as object[]).forEach((s, i) => back.set(s, chans[i]));
  return { v: restore(c, back) };
}

/**
 * A send with a transfer list posts its value as it is, for `postMessage` to move the transferables:
 * `[v]`, or, for a value holding channels (which `postMessage` refuses), `{ r: [v with handles,
 * handles] }`. The box tells the two apart on the owner ({@link unboxRaw}); a user's value could
 * be anything.
 */
export type Raw = readonly [unknown] | { readonly r: readonly [unknown, readonly Handle[]] };

/** The {@link Raw} form of a value holding channels, or undefined if it holds none. */
export function rawHeld(v: unknown): Raw | undefined {
  const w = typeof v === 'object' && v !== null ? withHandles(v) : undefined;
  if (w === undefined) return undefined;
  w.keep();
  const raw: Raw = { r: [w.value, w.handles] };
  if (w.own.length !== 0) (raw as { [OWN]?: readonly Mine[] })[OWN] = w.own;
  return raw;
}

/** The value a {@link Raw} box carries, with its channels, on the receiving thread. */
export function unboxRaw(b: Raw): unknown {
  if (Array.isArray(b)) return (b as readonly [unknown])[0];
  const [value, handles] = (b as { readonly r: readonly [unknown, readonly Handle[]] }).r;
  return revive(value, handles);
}

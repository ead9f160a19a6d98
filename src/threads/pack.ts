/**
 * How a value crosses threads: Go copies a value into the channel; so does chango, as
 * structured clone does. Primitives travel as they are (always cloneable); anything else is
 * serialized at once, on the sending thread, so that a value that cannot be cloned fails at the
 * send that offered it, and nothing is enqueued. A value holding cross-thread channels (Go's
 * `chan chan T`) fails to serialize, since a channel cannot be cloned: only then is it walked,
 * and each channel travels as a handle (held.ts). Other values pay nothing for that.
 */
import type { TransferListItem } from 'node:worker_threads';
import { copyHeld, packHeld, unpackHeld, type Held } from './held.js';
import { deserialize, serialize } from './platform.js';

/**
 * A value ready for `postMessage`: a primitive, the bytes of a serialized object, or the bytes of
 * one that held channels ({@link Held}, told apart by its one field).
 */
export type Packed = Uint8Array | Held | string | number | boolean | bigint | null | undefined;

/** Serializes `v` unless it is a primitive; throws DataCloneError for what cannot be cloned. */
export function pack(v: unknown): Packed {
  const t = typeof v;
  if (t === 'object' ? v === null : t !== 'function' && t !== 'symbol') return v as Packed;
  try {
    return serialize(v);
  } catch (e) {
    const held = t === 'object' ? packHeld(v as object) : undefined;
    if (held !== undefined) return held;
    // v8.serialize throws a plain Error; postMessage would throw the platform's DataCloneError.
    structuredClone(v);
    throw e;
  }
}

/** The inverse of {@link pack}, on the receiving thread. */
export function unpack(p: Packed): unknown {
  if (typeof p !== 'object' || p === null) return p;
  return (p as Partial<Held>).h === undefined ? deserialize(p as Uint8Array) : unpackHeld(p as Held);
}

/**
 * Go's copy on send, for a value that stays on this thread: primitives as they are, channels
 * inside the value as the same channels (a channel is a reference).
 */
export function copy<T>(v: T, transfer: readonly TransferListItem[] | undefined): T {
  const t = typeof v;
  if (transfer === undefined && (t === 'object' ? v === null : t !== 'function' && t !== 'symbol')) return v;
  const options = transfer === undefined ? undefined : { transfer: transfer as Transferable[] };
  try {
    return structuredClone(v, options);
  } catch (e) {
    const held = t === 'object' ? copyHeld(v as object, options) : undefined;
    if (held === undefined) throw e;
    return held.v as T;
  }
}

/**
 * How a value crosses threads: Go copies a value into the channel; so does chango, as
 * structured clone does. Primitives travel as they are (always cloneable); anything else is
 * serialized at once, on the sending thread, so that a value that cannot be cloned fails at the
 * send that offered it, and nothing is enqueued.
 */
import type { TransferListItem } from 'node:worker_threads';
import { deserialize, serialize } from './platform.js';

/** A value ready for `postMessage`: a primitive, or the bytes of a serialized object. */
export type Packed = Uint8Array | string | number | boolean | bigint | null | undefined;

/** Serializes `v` unless it is a primitive; throws DataCloneError for what cannot be cloned. */
export function pack(v: unknown): Packed {
  const t = typeof v;
  if (t === 'object' ? v === null : t !== 'function' && t !== 'symbol') return v as Packed;
  try {
    return serialize(v);
  } catch (e) {
    // v8.serialize throws a plain Error; postMessage would throw the platform's DataCloneError.
    structuredClone(v);
    throw e;
  }
}

/** The inverse of {@link pack}, on the receiving thread. */
export function unpack(p: Packed): unknown {
  return typeof p === 'object' && p !== null ? deserialize(p) : p;
}

/** Go's copy on send, for a value that stays on this thread: primitives as they are. */
export function copy<T>(v: T, transfer: readonly TransferListItem[] | undefined): T {
  const t = typeof v;
  if (transfer === undefined && (t === 'object' ? v === null : t !== 'function' && t !== 'symbol')) return v;
  return structuredClone(v, transfer === undefined ? undefined : { transfer: transfer as Transferable[] });
}

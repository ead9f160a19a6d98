/**
 * Test helpers: explicit event ordering, never wall-clock waiting.
 */
import { schedulerState } from '../src/runtime/scheduler.js';

// Captured before any test can install fake timers.
const realSetImmediate = globalThis.setImmediate;

/**
 * Runs everything that is runnable now: all pending microtasks, and any resumption the yield
 * policy has deferred to a macrotask. No time passes on any clock a test asserts on.
 */
export async function settle(): Promise<void> {
  do {
    await new Promise<void>((resolve) => realSetImmediate(resolve));
  } while (schedulerState().yielding);
}

export type Tracked<T> =
  { state: 'pending' } | { state: 'fulfilled'; value: T } | { state: 'rejected'; reason: unknown };

/** Observes a promise's outcome without awaiting it (and marks its rejection handled). */
export function track<T>(p: Promise<T>): { readonly current: Tracked<T> } {
  const t: { current: Tracked<T> } = { current: { state: 'pending' } };
  p.then(
    (value) => {
      t.current = { state: 'fulfilled', value };
    },
    (reason: unknown) => {
      t.current = { state: 'rejected', reason };
    },
  );
  return t;
}

/** A deterministic Math.random replacement (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** {@link settle} under the name the sync primitives' tests use. */
export const flush = settle;

/** A promise's outcome as flags, for tests that only ask whether and how it settled. */
export interface Settled<T = unknown> {
  settled: boolean;
  fulfilled: boolean;
  value: T | undefined;
  reason: unknown;
}

/** Observes a promise's outcome as {@link Settled} flags (and marks its rejection handled). */
export function trackSettled<T>(p: Promise<T>): Settled<T> {
  const t: Settled<T> = { settled: false, fulfilled: false, value: undefined, reason: undefined };
  p.then(
    (v) => {
      t.settled = true;
      t.fulfilled = true;
      t.value = v;
    },
    (e: unknown) => {
      t.settled = true;
      t.reason = e;
    },
  );
  return t;
}

/** Validation of the `signal` option shared by every blocking operation. */
import { describe } from './args.js';

/** Throws a TypeError unless `signal` is undefined or behaves like an AbortSignal. */
export function checkSignal(signal: unknown): asserts signal is AbortSignal | undefined {
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError(`options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
}

/**
 * Throws a TypeError unless `options` is an object (what `{ signal }` and `{ default }` are
 * read from): `send(v, null)` would otherwise fail with "Cannot read properties of null".
 */
export function checkOptions(options: unknown, what = 'options'): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${what} must be an object, got ${describe(options)}`);
  }
}

/** True if `v` behaves like an AbortSignal (what chango uses of one). */
export function isAbortSignal(v: unknown): v is AbortSignal {
  const s = v as Partial<AbortSignal> | null;
  return (
    s !== null &&
    typeof s === 'object' &&
    typeof s.aborted === 'boolean' &&
    typeof s.addEventListener === 'function' &&
    typeof s.removeEventListener === 'function'
  );
}

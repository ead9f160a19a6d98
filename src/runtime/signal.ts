/** Validation of the `signal` option shared by every blocking operation. */

/** Throws a TypeError unless `signal` is undefined or behaves like an AbortSignal. */
export function checkSignal(signal: unknown): asserts signal is AbortSignal | undefined {
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError(`The "signal" option must be an AbortSignal, got ${describe(signal)}`);
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

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return `an object (${Object.prototype.toString.call(v)})`;
  return `${typeof v} ${String(v)}`;
}

/**
 * The argument checks shared by the whole API, so that each message is written once: a bad
 * argument gets a TypeError or RangeError that names it and says what it got.
 */

/** What a bad argument was, for a message: its type, or `null`. */
export function describe(v: unknown): string {
  return v === null ? 'null' : typeof v;
}

/**
 * Throws `TypeError: <what> must be a number, got <type>` unless `v` is a number.
 *
 * @example
 * ```ts
 * checkNumber(delta, 'WaitGroup delta');
 * ```
 */
export function checkNumber(v: unknown, what: string): asserts v is number {
  if (typeof v !== 'number') throw new TypeError(`${what} must be a number, got ${describe(v)}`);
}

/**
 * Throws `TypeError: <what> must be a function, got <type>` unless `fn` is a function or
 * undefined.
 *
 * @example
 * ```ts
 * checkOptionalFunction(options.default, "select's default");
 * ```
 */
export function checkOptionalFunction(fn: unknown, what: string): void {
  if (fn !== undefined && typeof fn !== 'function')
    throw new TypeError(`${what} must be a function, got ${describe(fn)}`);
}

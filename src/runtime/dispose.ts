/**
 * `using` where the runtime has no `Symbol.dispose` (older browsers): TypeScript's helpers
 * then look for the registered `Symbol.for('Symbol.dispose')`.
 */

/**
 * Gives the instances of `proto` a `Symbol.for('Symbol.dispose')` method that calls their
 * `[Symbol.dispose]()`, if the runtime lacks `Symbol.dispose`. Called by the first instance of a
 * disposable class rather than at module load (or by a computed class member), so that a bundler
 * drops the class from a program that never uses it.
 *
 * @example
 * ```ts
 * if (!fallback) fallback = disposeFallback(MutexGuard.prototype);
 * ```
 */
export function disposeFallback(proto: object): true {
  if (typeof Symbol.dispose !== 'symbol') {
    Object.defineProperty(proto, Symbol.for('Symbol.dispose'), {
      value(this: { [Symbol.dispose](): void }): void {
        this[Symbol.dispose]();
      },
    });
  }
  return true;
}

/**
 * `using` where the runtime has no `Symbol.dispose` (older browsers): TypeScript's helpers
 * then look for the registered `Symbol.for('Symbol.dispose')`.
 */

/**
 * Gives the instances of `proto` a `Symbol.for('Symbol.dispose')` method that calls their
 * `[Symbol.dispose]()`, if the runtime lacks `Symbol.dispose`. Called by each instance of a
 * disposable class (once the method is there, a check of `Symbol.dispose` and a lookup) rather
 * than at module load (or by a computed class member), so that a bundler drops the class from a
 * program that never uses it.
 *
 * @example
 * ```ts
 * disposeFallback(MutexGuard.prototype);
 * ```
 */
export function disposeFallback(proto: object): void {
  if (typeof Symbol.dispose !== 'symbol') {
    const key = Symbol.for('Symbol.dispose');
    if (!(key in proto)) {
      Object.defineProperty(proto, key, {
        value(this: { [Symbol.dispose](): void }): void {
          this[Symbol.dispose]();
        },
      });
    }
  }
}

/**
 * The panics of Go's `sync.WaitGroup`, word for word. `name` is a string literal so that it
 * survives minification.
 */

/**
 * Go's `panic: sync: negative WaitGroup counter`: `wg.Add(delta)` or `wg.Done()` would take the
 * counter below zero. chango throws it before touching the counter, so the WaitGroup is still
 * usable and its waiters still wait for the work that is really outstanding.
 *
 * @example
 * ```ts
 * const wg = new WaitGroup();
 * wg.done(); // throws NegativeWaitGroupCounterError: sync: negative WaitGroup counter
 * ```
 */
export class NegativeWaitGroupCounterError extends Error {
  override readonly name = 'NegativeWaitGroupCounterError';
  constructor() {
    super('sync: negative WaitGroup counter');
  }
}

/**
 * The panics of Go's `sync.WaitGroup`, word for word. `name` is a string literal so that it
 * survives minification.
 */
import { GO_DEATH, type GoDeath } from '../channel/godeath.js';

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
  /** Go dies of it with `panic: …`. */
  readonly [GO_DEATH]: GoDeath = 'panic';
  constructor() {
    super('sync: negative WaitGroup counter');
  }
}

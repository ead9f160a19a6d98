/**
 * The panics of Go's `golang.org/x/sync/semaphore`, word for word. `name` is a string literal so
 * that it survives minification.
 */
import { GO_DEATH, type GoDeath } from '../channel/godeath.js';

/**
 * Go's `panic: semaphore: released more than held`: `s.Release(n)` for more weight than is
 * currently acquired. Go has already corrupted the count when it panics; chango throws before
 * touching it, so the semaphore stays consistent.
 *
 * @example
 * ```ts
 * const sem = new Semaphore(3);
 * sem.release(1); // throws ReleasedMoreThanHeldError: semaphore: released more than held
 * ```
 */
export class ReleasedMoreThanHeldError extends Error {
  override readonly name = 'ReleasedMoreThanHeldError';
  /** Go dies of it with `panic: …`. */
  readonly [GO_DEATH]: GoDeath = 'panic';
  constructor() {
    super('semaphore: released more than held');
  }
}

/**
 * The fatal errors of Go's `sync.Mutex`, word for word. `name` is a string literal so that it
 * survives minification.
 */
import { GO_DEATH, type GoDeath } from '../channel/godeath.js';

/**
 * Go's `fatal error: sync: unlock of unlocked mutex`: `mu.Unlock()` on a mutex nobody holds.
 * chango throws it without changing the mutex.
 *
 * @example
 * ```ts
 * const mu = new Mutex();
 * mu.unlock(); // throws UnlockOfUnlockedMutexError: sync: unlock of unlocked mutex
 * ```
 */
export class UnlockOfUnlockedMutexError extends Error {
  override readonly name = 'UnlockOfUnlockedMutexError';
  /** Go dies of it with `fatal error: …`. */
  readonly [GO_DEATH]: GoDeath = 'fatal error';
  constructor() {
    super('sync: unlock of unlocked mutex');
  }
}

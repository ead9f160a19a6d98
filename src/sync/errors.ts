/**
 * The panics and fatal errors of Go's `sync` and `golang.org/x/sync`, word for word. Each class
 * sets `name` to a string literal so that it survives minification; its base says how Go dies of
 * it (`sync: unlock of unlocked mutex` is a runtime fatal error in Go, the others are panics).
 */
import { GoFatalError, GoPanicError } from '../runtime/panic.js';

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
export class NegativeWaitGroupCounterError extends GoPanicError {
  override readonly name = 'NegativeWaitGroupCounterError';
  constructor() {
    super('sync: negative WaitGroup counter');
  }
}

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
export class UnlockOfUnlockedMutexError extends GoFatalError {
  override readonly name = 'UnlockOfUnlockedMutexError';
  constructor() {
    super('sync: unlock of unlocked mutex');
  }
}

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
export class ReleasedMoreThanHeldError extends GoPanicError {
  override readonly name = 'ReleasedMoreThanHeldError';
  constructor() {
    super('semaphore: released more than held');
  }
}

/**
 * Go's `panic: errgroup: modify limit while N goroutines in the group are still active`:
 * `g.SetLimit(n)` while goroutines of the group are running (or, in chango, queued for a slot).
 * The limit is left as it was.
 *
 * @example
 * ```ts
 * const g = new ErrGroup();
 * void g.go(work);
 * g.setLimit(2); // throws ModifyLimitWhileActiveError: errgroup: modify limit while 1 goroutines in the group are still active
 * ```
 */
export class ModifyLimitWhileActiveError extends GoPanicError {
  override readonly name = 'ModifyLimitWhileActiveError';
  /** How many goroutines were active. */
  readonly active: number;
  constructor(active: number) {
    super(`errgroup: modify limit while ${active} goroutines in the group are still active`);
    this.active = active;
  }
}

/**
 * Mutex: Go's `sync.Mutex`, built on a channel of capacity one that holds the lock's token.
 *
 * Unlocked means the token sits in the buffer; `lock` receives it, `unlock` puts a fresh one
 * back. The channel hands a sent value straight to its oldest blocked receiver, so an unlock
 * with goroutines waiting passes ownership to the one that has waited longest and no `tryLock`
 * can barge in between: Go's starvation mode, all the time. The token is the {@link MutexGuard}
 * that `lock` resolves to, so the uncontended path costs one receive and one small object.
 */
import { syncChannel, type SyncSite } from '../channel/channel.js';
import type { BlockingOptions } from '../channel/types.js';
import { disposeFallback } from '../runtime/dispose.js';
import { UnlockOfUnlockedMutexError } from './errors.js';

const MUTEX: SyncSite = { name: 'sync.Mutex', recvReason: 'sync.Mutex.Lock' };

// The two declarations `using` needs, for a project whose `lib` predates them (`es2022`, no
// @types/node): declared exactly as TypeScript's lib.esnext.disposable does, so they merge with it.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
  interface Disposable {
    [Symbol.dispose](): void;
  }
}

/**
 * Proof of holding a {@link Mutex}, for `using`: disposing it is Go's `defer mu.Unlock()`. Only
 * the guard of the current lock unlocks; disposing a guard whose lock has already been released
 * (by `mu.unlock()` or an earlier dispose) does nothing, so an early `mu.unlock()` inside a
 * `using` block is safe.
 *
 * @example
 * ```ts
 * {
 *   using _ = await mu.lock(); // mu.Lock(); defer mu.Unlock()
 *   balance += amount;
 * } // unlocked here, on every path out of the block
 * ```
 */
export class MutexGuard implements Disposable {
  // A declared field, not a parameter property: see Waiter.
  private readonly mu: Mutex;

  /** @internal guards are made by the mutex, one per lock. */
  constructor(mu: Mutex) {
    this.mu = mu;
  }

  /**
   * `defer mu.Unlock()`: unlocks the mutex if this guard's lock is still held; otherwise a no-op.
   *
   * @example
   * ```ts
   * const g = await mu.lock();
   * try { critical(); } finally { g[Symbol.dispose](); }
   * ```
   */
  [Symbol.dispose](): void {
    this.mu.releaseGuard(this);
  }
}

/**
 * A Go `sync.Mutex`: a mutual exclusion lock. Waiters get the lock in FIFO order. As in Go, a
 * mutex is not tied to a goroutine: any code may unlock a mutex another one locked, and locking
 * a mutex you already hold deadlocks.
 *
 * @example
 * ```ts
 * const mu = new Mutex();                 // var mu sync.Mutex
 * async function deposit(n: number) {
 *   using _ = await mu.lock();            // mu.Lock(); defer mu.Unlock()
 *   balance = (await load()) + n;
 *   await save(balance);
 * }
 * ```
 */
export class Mutex {
  /** Holds the token while unlocked; lockers receive from it. */
  private readonly token = syncChannel<MutexGuard>(1, MUTEX);
  /** The guard of the current lock (or of the next one, while the token is in the buffer). */
  private guard: MutexGuard;

  /**
   * A new, unlocked mutex: Go's zero `sync.Mutex`.
   *
   * @example
   * ```ts
   * const mu = new Mutex(); // var mu sync.Mutex
   * ```
   */
  constructor() {
    disposeFallback(MutexGuard.prototype);
    this.token.trySend((this.guard = new MutexGuard(this)));
  }

  /**
   * `mu.Lock()`: resolves with a {@link MutexGuard} once this caller holds the lock. Callers
   * that have to wait get the lock in the order they asked. With a `signal`, rejects with
   * `signal.reason` if aborted before the lock is acquired, and then holds nothing.
   *
   * @throws TypeError (synchronously) if `signal` is not an AbortSignal.
   * @example
   * ```ts
   * using _ = await mu.lock();              // mu.Lock(); defer mu.Unlock()
   * await mu.lock({ signal: ctx });          // give up when ctx is aborted
   * ```
   */
  lock(options?: BlockingOptions): Promise<MutexGuard> {
    // The token channel is never closed, so the received value is always a guard.
    return this.token.recvValue(options) as Promise<MutexGuard>;
  }

  /**
   * `mu.TryLock()`: takes the lock if it is free right now. Returns its guard, or `undefined` if
   * the mutex is locked (or promised to a waiter). The result is truthy exactly when Go's
   * `TryLock` returns true, and works with `using` either way.
   *
   * @example
   * ```ts
   * using g = mu.tryLock();
   * if (!g) return; // if !mu.TryLock() { return }
   * flush();
   * ```
   */
  tryLock(): MutexGuard | undefined {
    // The token channel is never closed: a receive that completes holds a guard.
    return this.token.tryRecv()?.value;
  }

  /**
   * `mu.Unlock()`: releases the lock, handing it to the longest waiting `lock` if there is one.
   *
   * @throws UnlockOfUnlockedMutexError if the mutex is not locked; nothing changes.
   * @example
   * ```ts
   * await mu.lock();
   * try { critical(); } finally { mu.unlock(); } // defer mu.Unlock()
   * ```
   */
  unlock(): void {
    if (this.token.length !== 0) throw new UnlockOfUnlockedMutexError();
    // A fresh guard per lock is what makes a stale guard's dispose a no-op.
    this.token.trySend((this.guard = new MutexGuard(this)));
  }

  /** @internal the dispose of `guard`: unlocks only if `guard` is the current lock's. */
  releaseGuard(guard: MutexGuard): void {
    if (this.guard === guard && this.token.length === 0) this.unlock();
  }
}

/** Go's `context.WithDeadline` and `context.WithTimeout`. */
import { describe } from '../runtime/args.js';
import { checkDuration } from '../time/chantimer.js';
import { type CancelContext, CancelCtx, checkParent } from './cancelctx.js';

/**
 * `context.WithTimeout(parent, d)`: {@link withCancel}, plus a timer that aborts the signal with
 * a `context deadline exceeded` TimeoutError once `ms` has passed (at once for zero or less;
 * never for `Infinity`). Unlike the platform's `AbortSignal.timeout`, the timer keeps the
 * process alive, as Go's does, until it fires or `cancel` releases it: always cancel (Go vet's
 * `lostcancel`), best with `using`.
 *
 * @throws TypeError if `parent` is neither an AbortSignal nor undefined, or `ms` not a number.
 * @throws RangeError if `ms` is NaN.
 * @example
 * ```ts
 * using ctx = withTimeout(parent, 100);  // ctx, cancel := context.WithTimeout(parent, 100*time.Millisecond)
 *                                        // defer cancel()
 * await select([
 *   recv(results, (r) => use(r)),
 *   recv(done(ctx.signal), () => { throw ctx.signal.reason; }), // case <-ctx.Done(): return ctx.Err()
 * ]);
 * ```
 */
export function withTimeout(parent: AbortSignal | undefined, ms: number): CancelContext {
  checkParent(parent, 'WithTimeout');
  checkDuration(ms, 'WithTimeout');
  const ctx = new CancelCtx(parent);
  ctx.expireIn(ms);
  return ctx;
}

/**
 * `context.WithDeadline(parent, d)`: {@link withTimeout} until the wall-clock time `deadline`.
 * The wait itself is measured on the monotonic clock, as Go measures it, so a change of the
 * system clock after the call does not move it.
 *
 * @throws TypeError if `parent` is neither an AbortSignal nor undefined, or `deadline` not a Date.
 * @throws RangeError for an invalid Date.
 * @example
 * ```ts
 * using ctx = withDeadline(parent, new Date(Date.now() + 50)); // context.WithDeadline(parent, time.Now().Add(50*time.Millisecond))
 * await sleep(1000, { signal: ctx.signal }); // rejects after 50 ms with ctx.signal.reason
 * ```
 */
export function withDeadline(parent: AbortSignal | undefined, deadline: Date): CancelContext {
  checkParent(parent, 'WithDeadline');
  if (!(deadline instanceof Date)) {
    throw new TypeError(`WithDeadline: deadline must be a Date, got ${describe(deadline)}`);
  }
  const at = deadline.getTime();
  if (Number.isNaN(at)) throw new RangeError('WithDeadline: deadline is an invalid Date');
  const ctx = new CancelCtx(parent);
  // Wall-clock time by the context's own clock: in a synctest bubble, the bubble's `now()`.
  ctx.expireIn(at - ctx.clock.date().getTime());
  return ctx;
}

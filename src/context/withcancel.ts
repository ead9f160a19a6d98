/** Go's `context.WithCancel`. */
import { type CancelContext, CancelCtx, checkParent } from './cancelctx.js';

/**
 * `context.WithCancel(parent)`: a child signal that aborts when `cancel` is called or when
 * `parent` aborts (with the parent's reason), whichever comes first. `parent` undefined is
 * `context.Background()`. Once the child is done it holds nothing on the parent, so a
 * long-lived parent can have any number of short-lived children. `cancel(reason)` is Go's
 * `WithCancelCause`; without a reason the signal aborts with a `context canceled` AbortError.
 *
 * @throws TypeError if `parent` is neither an AbortSignal nor undefined.
 * @example
 * ```ts
 * using ctx = withCancel(parent);            // ctx, cancel := context.WithCancel(parent)
 *                                            // defer cancel()
 * void worker(jobs, { signal: ctx.signal }); // go worker(ctx, jobs)
 * ```
 */
export function withCancel(parent: AbortSignal | undefined): CancelContext {
  checkParent(parent, 'WithCancel');
  return new CancelCtx(parent);
}

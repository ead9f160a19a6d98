/**
 * The panics of Go's `golang.org/x/sync/errgroup`, word for word. `name` is a string literal so
 * that it survives minification.
 */
import { GO_DEATH, type GoDeath } from '../channel/godeath.js';

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
export class ModifyLimitWhileActiveError extends Error {
  override readonly name = 'ModifyLimitWhileActiveError';
  /** Go dies of it with `panic: …`. */
  readonly [GO_DEATH]: GoDeath = 'panic';
  /** How many goroutines were active. */
  readonly active: number;
  constructor(active: number) {
    super(`errgroup: modify limit while ${active} goroutines in the group are still active`);
    this.active = active;
  }
}

/**
 * How a parked operation reads in the deadlock report: Go's wait reason (`goroutine 1 [chan
 * send]:`), the names of the channels it waits on, and whether it is still blocked.
 *
 * Read from the record's own fields here, rather than by getters on the waiter and the select's
 * group: only the report needs them (`chango/node`, `chango/synctest`, `chango/trace`), and a
 * getter on those classes would be code in every bundle with a channel.
 */
import type { Parked, ParkedSelect, WaitReason } from './waiter.js';

/** A select's group, told apart from a waiter by its cases (which a waiter never has). */
function isSelect(p: Parked): p is ParkedSelect {
  return (p as Partial<ParkedSelect>).cases !== undefined;
}

/**
 * The wait reason of `p`, as Go's deadlock report prints it: `chan send`, `select`, or, for the
 * channel of a sync primitive, the primitive's own (`sync.WaitGroup.Wait`, `semacquire`, ...).
 *
 * @example
 * ```ts
 * reasonOf(parked); // 'chan receive (nil chan)'
 * ```
 */
export function reasonOf(p: Parked): WaitReason {
  if (isSelect(p)) return p.cases.length === 0 ? 'select (no cases)' : 'select';
  const ch = p.ch;
  if (p.isSend) return ch.isNil ? 'chan send (nil chan)' : 'chan send';
  return ch.isNil ? 'chan receive (nil chan)' : (ch.opts.recvReason ?? 'chan receive');
}

/**
 * The debug name of the channel `p` waits on; for a select, the names of its cases' channels,
 * comma-separated; undefined where there is no name.
 *
 * @example
 * ```ts
 * channelNameOf(parked); // 'jobs, quit'
 * ```
 */
export function channelNameOf(p: Parked): string | undefined {
  if (!isSelect(p)) return p.ch.name;
  return (
    p.cases
      .map((c) => c.ch.name)
      .filter((n) => n !== undefined)
      .join(', ') || undefined
  );
}

/**
 * True while the operation is still blocked: the waiter is on a queue, the select has not
 * committed (nor been aborted).
 *
 * @example
 * ```ts
 * records.filter(isBlocked);
 * ```
 */
export function isBlocked(p: Parked): boolean {
  return isSelect(p) ? !p.done : p.queue !== null;
}

/**
 * The text of Go's two ways of dying, for chango programs: the deadlock report
 * (`fatal error: all goroutines are asleep - deadlock!`) and an unrecovered panic
 * (`panic: send on closed channel`). Both end the process with status 2, as Go's do.
 *
 * Platform-neutral: `chango/node` prints these when the process dies, and a `chango/synctest`
 * bubble puts the same list of blocked operations in its deadlock error, in any runtime.
 */
import { goDeathOf } from './panic.js';
import { userFrames } from './stack.js';
import { channelNameOf, reasonOf } from './parked.js';
import type { Parked } from './waiter.js';

/**
 * Go's message, word for word (runtime/proc.go's `checkdead`).
 */
export const DEADLOCK_MESSAGE = 'fatal error: all goroutines are asleep - deadlock!';

/**
 * Go's exit status for a deadlock, a panic and a fatal error (`exit(2)` in the runtime).
 */
export const GO_EXIT_STATUS = 2;

/**
 * The deadlock report: Go's message, then one block per blocked operation, in the order they
 * blocked, each with its wait reason, what it waits on and where it was called from.
 *
 * Go numbers goroutines (`goroutine 1 [chan send]:`); chango has no goroutine ids, so the
 * blocks are unnumbered.
 *
 * @param mainOutsideChango the main function is blocked but none of `blocked` may be its
 *   operation: it awaits a promise chango knows nothing about. Adds a block saying so.
 * Output:
 * ```text
 * fatal error: all goroutines are asleep - deadlock!
 *
 * goroutine [sync.WaitGroup.Wait]: wait on sync.WaitGroup
 * 	at /home/me/app/main.ts:40:10
 * ```
 */
export function formatDeadlock(blocked: readonly Parked[], mainOutsideChango = false): string {
  let out = `${DEADLOCK_MESSAGE}\n${formatGoroutines(blocked)}`;
  if (mainOutsideChango) {
    out += '\ngoroutine [main]: main awaits a promise that is not a chango operation, and nothing left can settle it\n';
  }
  return out;
}

/**
 * The body of a deadlock report: one block per blocked operation, each starting with a blank line,
 * as Go lists goroutines after its message. Shared by `chango/node` and `chango/synctest`.
 */
export function formatGoroutines(blocked: readonly Parked[]): string {
  let out = '';
  for (const p of blocked) out += `\ngoroutine [${reasonOf(p)}]: ${describe(p)}\n${frames(p.site?.stack)}`;
  return out;
}

/**
 * What the blocked operation was, in the words of the code that made it; Go's report has only the
 * wait reason and leaves the rest to the stack.
 */
export function describe(p: Parked): string {
  const reason = reasonOf(p);
  const name = channelNameOf(p);
  switch (reason) {
    case 'chan send':
      return `send on ${channel(name)}`;
    case 'chan receive':
      return `receive from ${channel(name)}`;
    case 'chan send (nil chan)':
      return 'send on the nil channel (blocks forever)';
    case 'chan receive (nil chan)':
      return 'receive from the nil channel (blocks forever)';
    case 'select':
      return name === undefined ? 'select on unnamed channels' : `select on channels named ${name}`;
    case 'select (no cases)':
      return 'select with no cases (blocks forever)';
    default:
      // The sync primitives: the "channel" is the primitive, named after its Go type.
      return `wait on ${name ?? reason}`;
  }
}

function channel(name: string | undefined): string {
  return name === undefined ? 'an unnamed channel' : `channel "${name}"`;
}

function frames(stack: string | undefined): string {
  const lines = userFrames(stack);
  if (lines.length === 0) return '\t(no call site: the stack trace was empty)\n';
  return lines.map((l) => `\t${l}\n`).join('');
}

/**
 * Is `e` one of chango's panics, an error Go would die of (`panic` or runtime `throw`)?
 */
export function isChangoPanic(e: unknown): e is Error {
  return goDeathOf(e) !== undefined;
}

/**
 * Go's report of an unrecovered panic, for one of chango's errors: `panic: <message>` (or
 * `fatal error: <message>`), then where it was raised.
 *
 * Output:
 * ```text
 * panic: send on closed channel
 *
 * goroutine [running]:
 * 	at worker (/home/me/app/main.ts:12:17)
 * ```
 */
export function formatPanic(e: Error): string {
  const kind = goDeathOf(e) ?? 'panic';
  return `${kind}: ${e.message}\n\ngoroutine [running]:\n${frames(e.stack)}`;
}

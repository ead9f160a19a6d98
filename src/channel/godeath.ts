/**
 * How a Go program dies of each of chango's errors, carried by the errors themselves.
 *
 * An error a Go program would die of (a runtime `panic`, or a `fatal error` for the runtime's
 * unrecoverable throws such as mutex misuse) carries this marker. `chango/node` reads it to print
 * Go's report for an unhandled one. The key comes from the global symbol registry, so that two
 * copies of chango in one process (an ESM and a CommonJS build) mark their errors alike.
 */
export const GO_DEATH: unique symbol = Symbol.for('chango.goDeath');

/** `panic: …` (recoverable in Go) or `fatal error: …` (a runtime throw, never recoverable). */
export type GoDeath = 'panic' | 'fatal error';

/** The marker of `e`, if it is one of chango's errors that Go would die of. */
export function goDeathOf(e: unknown): GoDeath | undefined {
  if (!(e instanceof Error)) return undefined;
  const d = (e as { [GO_DEATH]?: unknown })[GO_DEATH];
  return d === 'panic' || d === 'fatal error' ? d : undefined;
}

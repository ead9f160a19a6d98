/**
 * How a Go program dies, carried by chango's errors: Go's `panic` (runtime/panic.go's `gopanic`)
 * and its runtime `fatal error` (`throw`/`fatal`), one base class each.
 *
 * Every chango error a Go program would die of extends one of the two bases, which carry the
 * {@link GO_DEATH} marker. `chango/node` reads the marker to print Go's report for an unhandled
 * one. The key comes from the global symbol registry, so that two copies of chango in one process
 * (an ESM and a CommonJS build) mark their errors alike, and `instanceof` is not needed to read it.
 */

/** @internal The key of the marker: a registry symbol, the same in every copy of chango. */
export const GO_DEATH: unique symbol = Symbol.for('chango.goDeath');

/** `panic: …` (recoverable in Go) or `fatal error: …` (a runtime throw, never recoverable). */
export type GoDeath = 'panic' | 'fatal error';

/**
 * The base of every chango error that Go raises with `panic`: send on a closed channel, close of
 * a closed or nil channel, a negative WaitGroup counter, a semaphore released more than held, …
 * In Go, `recover()` stops one; here, `catch (e) { if (e instanceof GoPanicError) … }` catches any
 * of them. Left unhandled under `chango/node`, it prints Go's `panic: <message>` and exits with
 * status 2.
 *
 * @example
 * ```ts
 * try {
 *   ch.close();
 * } catch (e) {
 *   if (!(e instanceof GoPanicError)) throw e; // defer func() { recover() }()
 * }
 * ```
 */
export class GoPanicError extends Error {
  override readonly name: string = 'GoPanicError';
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Go dies of it with `panic: …`; what `chango/node` reads. Non-enumerable, so that Node's
    // dump of an error does not show it, and set here rather than by a computed class member,
    // which would keep bundlers from dropping the class when it is unused.
    Object.defineProperty(this, GO_DEATH, { value: 'panic' });
  }
}

/**
 * The base of every chango error that Go's runtime raises as a `fatal error`, which no
 * `recover()` can stop: `sync: unlock of unlocked mutex`. (Go's other fatal error chango knows,
 * `all goroutines are asleep - deadlock!`, is not thrown: `chango/node` reports it when the event
 * loop drains.) Left unhandled under `chango/node`, it prints `fatal error: <message>` and exits
 * with status 2.
 *
 * @example
 * ```ts
 * try {
 *   mu.unlock();
 * } catch (e) {
 *   if (e instanceof GoFatalError) console.error('fatal error:', e.message); // Go would have died here
 * }
 * ```
 */
export class GoFatalError extends Error {
  override readonly name: string = 'GoFatalError';
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Go dies of it with `fatal error: …` (see GoPanicError).
    Object.defineProperty(this, GO_DEATH, { value: 'fatal error' });
  }
}

/** The marker of `e`, if it is one of chango's errors that Go would die of. */
export function goDeathOf(e: unknown): GoDeath | undefined {
  if (!(e instanceof Error)) return undefined;
  const d = (e as { [GO_DEATH]?: unknown })[GO_DEATH];
  return d === 'panic' || d === 'fatal error' ? d : undefined;
}

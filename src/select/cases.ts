/**
 * The cases of a select: `case v, ok := <-ch:` and `case ch <- v:`.
 *
 * A case is evaluated where it is written, so the channel and the value to send are computed
 * once, in source order, when the `select([...])` array is built: exactly Go's rule. Cases are
 * immutable and may be hoisted out of a loop and reused.
 */
import { checkOptionalFunction } from '../runtime/args.js';
import { type Channel, isChannel } from '../channel/channel.js';
import type { RecvChannel, SendChannel } from '../channel/types.js';

declare const caseTypes: unique symbol;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a brand: only its type is used
declare const noHandler: unique symbol;

/**
 * Marks a case written without a handler: select then resolves to a `{ index, ... }` record.
 *
 * @example
 * ```ts
 * const c: RecvCase<number, NoHandler> = recv(jobs); // the same as RecvCase<number>
 * ```
 */
export type NoHandler = typeof noHandler;

/**
 * A receive case: Go's `case v, ok := <-ch:`. Built by {@link recv}. `T` is the channel's
 * element type, `R` what the handler returns ({@link NoHandler} without one), `Z` what the
 * case reads once the channel is closed (`T` for a channel with a `zero` value).
 *
 * @example
 * ```ts
 * const c: RecvCase<number, string> = recv(jobs, (v, ok) => (ok ? `job ${v}` : 'closed'));
 * ```
 */
export interface RecvCase<out T, out R = NoHandler, out Z = T | undefined> {
  /** Type-level only: carries `T`, `R` and `Z` for select's result type. */
  readonly [caseTypes]?: { readonly kind: 'recv'; readonly value: T; readonly result: R; readonly zero: Z };
}

/**
 * A send case: Go's `case ch <- v:`. Built by {@link send}.
 *
 * @example
 * ```ts
 * const c: SendCase<number, void> = send(out, 42, () => {});
 * ```
 */
export interface SendCase<out T, out R = NoHandler> {
  /** Type-level only: carries `T` and `R` for select's result type. */
  readonly [caseTypes]?: { readonly kind: 'send'; readonly value: T; readonly result: R };
}

/**
 * Any case select accepts: one arm of Go's `select` statement.
 *
 * @example
 * ```ts
 * const cases: SelectCase[] = [recv(jobs), send(out, 1)];
 * ```
 */
export type SelectCase = RecvCase<unknown, unknown, unknown> | SendCase<unknown, unknown>;

/**
 * The handler of a receive case: `(value, ok)`. Checking `ok` narrows `value` to `T`, as
 * `v, ok := <-ch` does; with `ok` false, `value` is the zero value, of type `Z`.
 *
 * @example
 * ```ts
 * const onJob: RecvHandler<number, string> = (v, ok) => (ok ? `job ${v}` : 'no more jobs');
 * await select([recv(jobs, onJob)]);
 * ```
 */
export type RecvHandler<T, R, Z = T | undefined> = (...args: [value: T, ok: true] | [value: Z, ok: false]) => R;

/**
 * @internal the runtime shape of every case: a plain object, all of one shape (see
 * {@link makeCase}), recognised by its channel, whichever copy of chango built it.
 */
export interface Case {
  readonly ch: Channel<unknown>;
  readonly isSend: boolean;
  readonly value: unknown;
  readonly handler: ((...args: never[]) => unknown) | undefined;
}

function makeCase(ch: unknown, isSend: boolean, value: unknown, handler: unknown): Case {
  checkChannel(ch);
  checkOptionalFunction(handler, 'a select case handler');
  return { ch, isSend, value, handler: handler as Case['handler'] };
}

/**
 * A receive case for {@link select}: Go's `case v, ok := <-ch:`. Without a handler, select
 * resolves to `{ index, value, ok }`; with one, to what the handler returns.
 *
 * @example
 * ```ts
 * await select([
 *   recv(jobs, (job, ok) => (ok ? handle(job) : finish())), // case job, ok := <-jobs:
 *   recv(after(1000), () => console.log('timeout')),         // case <-time.After(time.Second):
 * ]);
 * ```
 */
export function recv<T, Z = T | undefined>(ch: RecvChannel<T, Z>): RecvCase<T, NoHandler, Z>;
/** `case v, ok := <-ch:` with a handler taking `(value, ok)`; `ok` narrows `value` to `T`. */
export function recv<T, R, Z = T | undefined>(ch: RecvChannel<T, Z>, handler: RecvHandler<T, R, Z>): RecvCase<T, R, Z>;
/**
 * `case v := <-ch:` with a handler taking the value alone (the zero value once `ch` is closed):
 * typed `T` on a channel with a `zero` value, `T | undefined` otherwise.
 */
export function recv<T, R, Z = T | undefined>(ch: RecvChannel<T, Z>, handler: (value: T | Z) => R): RecvCase<T, R, Z>;
export function recv<T, R, Z>(
  ch: RecvChannel<T, Z>,
  handler?: RecvHandler<T, R, Z> | ((value: T | Z) => R),
): RecvCase<T, R, Z> {
  return makeCase(ch, false, undefined, handler) as RecvCase<T, R, Z>;
}

/**
 * A send case for {@link select}: Go's `case ch <- value:`. The value is evaluated here, once,
 * whether or not the case is chosen. Without a handler, select resolves to `{ index }`.
 *
 * @example
 * ```ts
 * await select([
 *   send(out, v, () => sent++), // case out <- v:
 *   recv(quit, () => stop()),    // case <-quit:
 * ]);
 * ```
 */
export function send<T>(ch: SendChannel<T>, value: T): SendCase<T>;
/** `case ch <- value:` with a handler; select resolves to what it returns. */
export function send<T, R>(ch: SendChannel<T>, value: T, handler: () => R): SendCase<T, R>;
export function send<T, R>(ch: SendChannel<T>, value: T, handler?: () => R): SendCase<T, R> {
  return makeCase(ch, true, value, handler) as SendCase<T, R>;
}

function checkChannel(ch: unknown): asserts ch is Channel<unknown> {
  if (!isChannel(ch)) throw new TypeError('select cases take a chango Channel');
}

/** Is `x` a case, built by this copy of chango or by another one in the same process? */
export function isCase(x: unknown): x is Case {
  return isChannel((x as Partial<Case> | null | undefined)?.ch);
}

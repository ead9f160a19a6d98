/**
 * The type of what a select resolves to, worked out case by case from the cases' own types.
 */
import type { NoHandler, RecvCase, SelectCase, SendCase } from './cases.js';

/**
 * What select resolves to when receive case `I` (written without a handler) wins:
 * `v, ok := <-ch` plus the index of the case. Check `index`, then `ok`. `Z` is what the case
 * reads once its channel is closed: `T | undefined`, or `T` for a channel with a `zero` value.
 *
 * @example
 * ```ts
 * const r = await select([recv(numbers), recv(names)]);
 * if (r.index === 0 && r.ok) r.value; // number
 * ```
 */
export type RecvSelected<T, I extends number, Z = T | undefined> =
  | { readonly index: I; readonly value: T; readonly ok: true }
  | { readonly index: I; readonly value: Z; readonly ok: false };

/**
 * What select resolves to when send case `I` (written without a handler) wins: `case ch <- v:`.
 *
 * @example
 * ```ts
 * const r = await select([send(out, 1), recv(quit)]);
 * if (r.index === 0) console.log('sent');
 * ```
 */
export type SendSelected<I extends number> = { readonly index: I };

type Index<K> = K extends `${infer N extends number}` ? N : never;

type CaseResult<C, I extends number, Async extends boolean> =
  C extends RecvCase<infer T, infer R, infer Z>
    ? [R] extends [NoHandler]
      ? RecvSelected<T, I, Z>
      : Async extends true
        ? Awaited<R>
        : R
    : C extends SendCase<unknown, infer R>
      ? [R] extends [NoHandler]
        ? SendSelected<I>
        : Async extends true
          ? Awaited<R>
          : R
      : never;

/**
 * The union, over the cases, of what each one yields when chosen: a `{ index, value, ok }`
 * record for a receive case without a handler, `{ index }` for a send case without one, and
 * the handler's (awaited) return value otherwise. Switching on `index` narrows `value`: the
 * typed form of Go's `select` arms.
 *
 * @example
 * ```ts
 * type R = SelectResult<[RecvCase<number>, SendCase<string>]>;
 * // { index: 0; value: number; ok: true } | { index: 0; value: number | undefined; ok: false } | { index: 1 }
 * ```
 */
export type SelectResult<C extends readonly SelectCase[]> = {
  [K in keyof C]: CaseResult<C[K], Index<K>, true>;
}[number];

/**
 * {@link SelectResult} for the synchronous `trySelect` (Go's `select` with an empty `default:`):
 * handler results are not awaited.
 *
 * @example
 * ```ts
 * const r: TrySelectResult<[RecvCase<number>]> | undefined = trySelect([recv(numbers)]);
 * ```
 */
export type TrySelectResult<C extends readonly SelectCase[]> = {
  [K in keyof C]: CaseResult<C[K], Index<K>, false>;
}[number];

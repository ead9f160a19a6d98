/**
 * Go's select statement (runtime/select.go), in two passes:
 *
 * 1. Poll every case and pick uniformly at random among the ready ones (reservoir sampling:
 *    no permutation array, one `Math.random()` per extra ready case). A ready case completes
 *    synchronously and its handler runs at once.
 * 2. If none is ready: `default` if given; otherwise park one waiter per non-nil case on the
 *    channels' own queues and wait for the first hand-off (see SelectGroup).
 */
import { CLOSED, EMPTY } from '../channel/channel.js';
import { SendOnClosedChannelError } from '../channel/errors.js';
import { completed } from '../runtime/scheduler.js';
import { checkOptionalFunction } from '../runtime/args.js';
import { checkOptions, checkSignal } from '../runtime/signal.js';
import { promiseFor, trackPark, Waiter } from '../runtime/waiter.js';
import { type Case, isCase, type SelectCase } from './cases.js';
import { record, SelectGroup } from './group.js';
import type { SelectResult, TrySelectResult } from './result.js';

/**
 * Options of {@link select}: Go's `default:` clause and a cancellation signal.
 *
 * @example
 * ```ts
 * await select([recv(jobs)], { default: () => 'idle', signal: ctrl.signal });
 * ```
 */
export interface SelectOptions<D = never> {
  /** Go's `default:`: runs, and select resolves to its return, when no case is ready on entry. */
  readonly default?: () => D;
  /** Aborting rejects the select with `signal.reason`; no case commits after that. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Go's `select` statement. Waits until one case can proceed, commits exactly that one, and
 * resolves to its handler's return value (or, for a case without handler, to
 * `{ index, value, ok }` / `{ index }`). When several cases are ready the choice is uniformly
 * random. A case on the nil channel is never ready. With `default`, select never blocks. With
 * no cases and no default it blocks forever, like `select {}`.
 *
 * A send case whose channel is closed rejects with `SendOnClosedChannelError`, as Go panics.
 *
 * In a hot loop, build handler-less cases once and try first:
 * `trySelect(cases) ?? (await select(cases))` skips the promise whenever a case is ready, which
 * is 3 to 4 times faster (bench/RESULTS.md, W4). (With handlers, `??` would also fall through
 * when a handler returns `undefined`.)
 *
 * @example
 * ```ts
 * // select {
 * // case v := <-in:   fmt.Println(v)
 * // case <-time.After(time.Second): fmt.Println("timeout")
 * // case <-quit:      return
 * // }
 * await select([
 *   recv(input, (v) => console.log(v)),
 *   recv(after(1000), () => console.log('timeout')),
 *   recv(quit, () => 'quit'),
 * ]);
 * ```
 */
export function select<const C extends readonly SelectCase[], D>(
  cases: C,
  options: SelectOptions<D> & { readonly default: () => D },
): Promise<SelectResult<C> | Awaited<D>>;
/** Go's `select` without `default`: waits until one case can proceed (see the first signature). */
export function select<const C extends readonly SelectCase[]>(
  cases: C,
  options?: SelectOptions,
): Promise<SelectResult<C>>;
export function select(cases: readonly SelectCase[], options?: SelectOptions<unknown>): Promise<unknown> {
  let signal: AbortSignal | undefined;
  let dflt: (() => unknown) | undefined;
  if (options !== undefined) {
    checkOptions(options, "select's options");
    signal = options.signal;
    checkSignal(signal);
    dflt = options.default;
    checkOptionalFunction(dflt, "select's default");
  }
  if (!Array.isArray(cases)) throw notCases();
  const cs = cases as readonly Case[];
  // Validates every case while polling, so that a bad case throws before anything commits.
  const i = pickReady(cs);
  if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
  try {
    if (i >= 0) return completed(runReady(cs[i] as Case, i));
    if (dflt !== undefined) return completed(dflt());
  } catch (e) {
    return Promise.reject(e);
  }
  return park(cs, signal);
}

/**
 * Go's `select` with a `default:` that does nothing: commits a ready case synchronously and
 * returns what select would resolve to, or `undefined` if no case is ready. Handlers run
 * synchronously and their return value is returned as is.
 *
 * @throws SendOnClosedChannelError if the chosen case sends on a closed channel.
 * @example
 * ```ts
 * // select { case v := <-a: ...; case v := <-b: ...; default: }
 * const r = trySelect([recv(a), recv(b)]);
 * if (r === undefined) console.log('nothing ready');
 * else if (r.ok) console.log(`from ${r.index}:`, r.value);
 * ```
 */
export function trySelect<const C extends readonly SelectCase[]>(cases: C): TrySelectResult<C> | undefined;
export function trySelect(cases: readonly SelectCase[]): unknown {
  if (!Array.isArray(cases)) throw notCases();
  const cs = cases as readonly Case[];
  const i = pickReady(cs);
  return i >= 0 ? runReady(cs[i] as Case, i) : undefined;
}

function notCases(): TypeError {
  return new TypeError('select takes an array of cases');
}

function notACase(i: number): TypeError {
  return new TypeError(`select case ${i} is not a recv() or send() case`);
}

/** Indices of the ready cases found by pass 1; reused, so polling allocates nothing. */
let ready = new Int32Array(8);

/**
 * Pass 1: the index of a uniformly chosen ready case, or -1. One random draw, only if needed.
 * Readiness checks have no effect but a due timer's delivery, which is harmless if a bad case
 * then throws: the value waits in the timer's channel.
 */
function pickReady(cases: readonly Case[]): number {
  if (cases.length > ready.length) ready = new Int32Array(cases.length * 2);
  let n = 0;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    if (!isCase(c)) throw notACase(i);
    const ch = c.ch;
    if (ch.isNil) continue;
    if (c.isSend ? ch.canSend() : ch.canRecv()) ready[n++] = i;
  }
  if (n === 0) return -1;
  return n === 1 ? (ready[0] as number) : (ready[Math.floor(Math.random() * n)] as number);
}

/** Commits a case that pass 1 found ready; nothing has run in between. */
function runReady(c: Case, index: number): unknown {
  const ch = c.ch;
  if (c.isSend) {
    if (ch.closed) throw new SendOnClosedChannelError();
    ch.sendNow(c.value);
    return c.handler !== undefined ? (c.handler as () => unknown)() : { index };
  }
  const v = ch.pollRecv();
  if (v === EMPTY) throw new Error('chango: internal error');
  const ok = v !== CLOSED;
  const value = ok ? v : ch.zero;
  return c.handler !== undefined
    ? (c.handler as (v: unknown, ok: boolean) => unknown)(value, ok)
    : { index, value, ok };
}

/** The order pass 2 enqueues the cases in; reused, so parking allocates nothing for it. */
let order = new Int32Array(8);

/**
 * Fills `order` with a uniformly random permutation of 0..n-1 (inside-out Fisher-Yates). Go's
 * pass 2 enqueues in `lockorder`, which it builds from the random `pollorder`: among several
 * cases on one channel, the one a later partner meets first is random, not the first written.
 */
function shuffleOrder(n: number): void {
  if (n > order.length) order = new Int32Array(n * 2);
  order[0] = 0;
  for (let i = 1; i < n; i++) {
    const j = Math.floor(Math.random() * (i + 1));
    order[i] = order[j] as number;
    order[j] = i;
  }
}

/**
 * Pass 2: one waiter per non-nil case, all pointing at one group, enqueued in a random order so
 * that a partner choosing among several cases of this select on one channel chooses uniformly.
 */
function park(cases: readonly Case[], signal: AbortSignal | undefined): Promise<unknown> {
  let direct = true;
  for (let i = 0; i < cases.length; i++) if ((cases[i] as Case).handler !== undefined) direct = false;
  const g = new SelectGroup(cases, direct);
  const p = promiseFor<Waiter>(g);
  const n = cases.length;
  if (n > 1) shuffleOrder(n);
  for (let k = 0; k < n; k++) {
    const i = n > 1 ? (order[k] as number) : k;
    const c = cases[i] as Case;
    if (c.ch.isNil) continue;
    const w = new Waiter(c.ch, c.isSend);
    w.group = g;
    w.index = i;
    if (c.isSend) w.value = c.value;
    g.waiters.push(w);
    c.ch.enqueue(w);
  }
  if (signal !== undefined) {
    g.signal = signal;
    signal.addEventListener('abort', g);
  }
  trackPark(g);
  return direct ? p : p.then(finishCase);
}

/** Runs after the hand-off, in the selecting goroutine: the winner's handler, or its record. */
function finishCase(w: Waiter): unknown {
  const handler = ((w.group as SelectGroup).cases[w.index] as Case).handler;
  if (handler === undefined) return record(w);
  return w.isSend ? (handler as () => unknown)() : (handler as (v: unknown, ok: boolean) => unknown)(w.value, w.ok);
}

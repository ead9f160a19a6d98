/**
 * `select` for worker threads: Go's select statement over the channels a worker was given.
 *
 * The cases go to the owner thread in one request, and the owner runs chango's own `select` over
 * its real channels: exactly one case commits, chosen at random among the ready ones, and a
 * parked select leaves every other queue the instant one case commits. So the guarantees are the
 * local select's. All cases must be cross-thread channels (one select cannot wait on this
 * thread's local channels and the owner's at once); on the owner thread, and for local channels,
 * this is chango's `select`.
 */
import { isCase, recv as localRecv, send as localSend } from '../select/cases.js';
import type { RecvCase, RecvHandler, SendCase, SelectCase } from '../select/cases.js';
import type { RecvChannel, SendChannel } from '../channel/types.js';
import { SendOnClosedChannelError } from '../channel/errors.js';
import { checkSignal } from '../runtime/signal.js';
import type { SelectResult } from '../select/result.js';
import { select as localSelect, type SelectOptions } from '../select/select.js';
import { copy, pack, type Packed } from './pack.js';
import { ThreadChannel } from './threadchannel.js';
import { RemoteChannel, uncloneable, type RemoteLink } from './remote.js';
import { OwnerExitedError, OwnerThreadError } from './errors.js';
import { SyncStatus, ToOwner, type Msg } from './wire.js';
import { offered, reoffer, unoffer } from './held.js';
import type { Mine } from './registry.js';

/** A case on a cross-thread channel, as a worker thread builds it. */
class RemoteCase {
  constructor(
    readonly ch: RemoteChannel<unknown>,
    readonly isSend: boolean,
    /** A send case's value, serialized when the case is built (Go evaluates it then). */
    readonly packed: Packed,
    readonly handler: ((...args: never[]) => unknown) | undefined,
    /** A send case's value holds these channels of this thread (held.ts, offered): kept per select. */
    readonly own: readonly Mine[] | undefined = undefined,
  ) {}
}

/**
 * `case v, ok := <-ch:` for any channel: chango's `recv`, extended to cross-thread channels on
 * worker threads.
 *
 * @example
 * ```ts
 * await select([recv(jobs, (j, ok) => ok && handle(j)), recv(quit, () => 'quit')]);
 * ```
 */
export function recv<T>(ch: RecvChannel<T>): RecvCase<T>;
/** `case v, ok := <-ch:` with a handler taking `(value, ok)`. */
export function recv<T, R>(ch: RecvChannel<T>, handler: RecvHandler<T, R>): RecvCase<T, R>;
/** `case v := <-ch:` with a handler taking the value alone. */
export function recv<T, R>(ch: RecvChannel<T>, handler: (value: T | undefined) => R): RecvCase<T, R>;
export function recv(ch: RecvChannel<unknown>, handler?: (...args: never[]) => unknown): unknown {
  if (!(ch instanceof RemoteChannel)) return localRecv(ch, handler as RecvHandler<unknown, unknown>);
  return new RemoteCase(ch, false, undefined, checkHandler(handler));
}

/**
 * `case ch <- value:` for any channel: chango's `send`, extended to cross-thread channels. For a
 * cross-thread channel (on any thread) the value is copied when the case is built, and one that
 * cannot be cloned throws here; chango's own `send` would leave a ThreadChannel's value uncopied.
 *
 * @example
 * ```ts
 * await select([send(results, r), recv(quit, () => 'quit')]);
 * ```
 */
export function send<T>(ch: SendChannel<T>, value: T): SendCase<T>;
/** `case ch <- value:` with a handler. */
export function send<T, R>(ch: SendChannel<T>, value: T, handler: () => R): SendCase<T, R>;
export function send(ch: SendChannel<unknown>, value: unknown, handler?: () => unknown): unknown {
  if (!(ch instanceof RemoteChannel)) {
    // On the owner, a ThreadChannel's value is copied (and checked) here, as its send does.
    return localSend(ch, ch instanceof ThreadChannel ? copy(value, undefined) : value, handler as () => unknown);
  }
  const p = pack(value);
  // Kept by each select that offers it (a case may serve many), given back if that one does not take it.
  const own = offered(p);
  if (own !== undefined) unoffer(own);
  return new RemoteCase(ch, true, p, checkHandler(handler), own);
}

/**
 * Go's `select` for any thread: over cross-thread channels on a worker thread (carried out by
 * their owner, with the local select's guarantees), or chango's `select` for local channels.
 *
 * @throws TypeError if one select mixes cross-thread channels with this thread's own channels.
 * @example
 * ```ts
 * // in a worker: select { case j := <-jobs: ...; case <-quit: return }
 * const r = await select([recv(jobs), recv(quit)]);
 * ```
 */
export function select<const C extends readonly SelectCase[], D>(
  cases: C,
  options: SelectOptions<D> & { readonly default: () => D },
): Promise<SelectResult<C> | Awaited<D>>;
/** Go's `select` without `default`. */
export function select<const C extends readonly SelectCase[]>(
  cases: C,
  options?: SelectOptions,
): Promise<SelectResult<C>>;
export function select(cases: readonly SelectCase[], options?: SelectOptions<unknown>): Promise<unknown> {
  const local = localSelect as (c: readonly SelectCase[], o?: SelectOptions<unknown>) => Promise<unknown>;
  if (!Array.isArray(cases)) return local(cases, options);
  let remote = 0;
  for (const c of cases) if (c instanceof RemoteCase) remote++;
  if (remote === 0) return local(cases, options);
  if (remote !== cases.length || cases.some((c) => !isCase(c) && !(c instanceof RemoteCase))) {
    throw new TypeError(
      'select over cross-thread channels takes cross-thread channels only: one select cannot wait on channels of two threads',
    );
  }
  const cs = cases as readonly RemoteCase[];
  const link = linkOf(cs);
  const home = (cs[0] as RemoteCase).ch.home;
  // Relayed or not (a negative id): a nested pool's thread sees its parent's channels and the
  // channels its parent relays for it with the same link and home.
  const relayed = (cs[0] as RemoteCase).ch.threadId < 0;
  if (cs.some((c) => c.ch.link !== link || c.ch.home !== home || c.ch.threadId < 0 !== relayed)) {
    throw new TypeError(
      'select over cross-thread channels takes channels of one owner thread: these were created on different threads',
    );
  }
  const signal = options?.signal;
  checkSignal(signal);
  const dflt = options?.default;
  if (dflt !== undefined && typeof dflt !== 'function')
    throw new TypeError(`select's default must be a function, got ${typeof dflt}`);
  if (signal?.aborted === true) return Promise.reject(signal.reason);
  const wire = cs.map((c) => [c.ch.threadId, c.isSend, c.packed] as const);
  let offers = false;
  for (const c of cs) if (c.own !== undefined) offers = true;
  if (dflt !== undefined) {
    // A relayed channel's owner is a worker, which may be blocked waiting for this thread.
    if (home !== 0 || relayed) throw new OwnerThreadError('select with default');
    if (offers) offer(cs);
    let r: Msg;
    try {
      r = link.sync([ToOwner.TrySelect, 0, wire], 'select with default');
    } catch (e) {
      if (offers) untake(cs, -1);
      throw e;
    }
    if (offers) untake(cs, r[0] === SyncStatus.Ok ? (r[1] as number) : -1);
    if (r[0] === SyncStatus.SendOnClosed) return Promise.reject(new SendOnClosedChannelError());
    if (r[0] === SyncStatus.Uncloneable) return Promise.reject(uncloneable(r));
    if (r[0] === SyncStatus.WouldBlock) {
      try {
        return Promise.resolve(dflt());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return Promise.resolve(finish(cs, link.selected(cs, r[1] as number, r[2] as boolean, r[3] as Packed)));
  }
  if (!offers)
    return link
      .request<{ index: number; value?: unknown; ok?: boolean }>([ToOwner.Select, 0, wire], cs, signal)
      .then((r) => finish(cs, r));
  offer(cs);
  return link.request<{ index: number; value?: unknown; ok?: boolean }>([ToOwner.Select, 0, wire], cs, signal).then(
    (r) => {
      untake(cs, r.index);
      return finish(cs, r);
    },
    (e: unknown) => {
      // The owner's exit may have lost the answer of a send case it committed.
      if (!(e instanceof OwnerExitedError)) untake(cs, -1);
      throw e;
    },
  );
}

/** Keeps the channels of this thread inside the send cases' values, which this select offers. */
function offer(cs: readonly RemoteCase[]): void {
  for (const c of cs) if (c.own !== undefined) reoffer(c.own);
}

/** Gives back what {@link offer} kept, but for case `taken` (-1: none was taken). */
function untake(cs: readonly RemoteCase[], taken: number): void {
  cs.forEach((c, i) => {
    if (c.own !== undefined && i !== taken) unoffer(c.own);
  });
}

function finish(cs: readonly RemoteCase[], r: { index: number; value?: unknown; ok?: boolean }): unknown {
  const h = (cs[r.index] as RemoteCase).handler;
  if (h === undefined) return r;
  return (cs[r.index] as RemoteCase).isSend
    ? (h as () => unknown)()
    : (h as (v: unknown, ok: boolean) => unknown)(r.value, r.ok === true);
}

function linkOf(cs: readonly RemoteCase[]): RemoteLink {
  return (cs[0] as RemoteCase).ch.link;
}

function checkHandler<F>(fn: F | undefined): F | undefined {
  if (fn !== undefined && typeof fn !== 'function') {
    throw new TypeError(`a select case handler must be a function, got ${typeof fn}`);
  }
  return fn;
}

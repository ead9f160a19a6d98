/**
 * Close semantics in depth: close a channel in every state it can be in, with every kind of
 * operation blocked on it, and check what each of them sees.
 *
 * A channel's state at the moment of close is one of three (Go's invariant: receivers wait only
 * on an empty buffer, senders only on a full one):
 *
 *   none       0..cap buffered values, nobody waiting
 *   receivers  empty buffer, blocked receivers: recv, recvValue, an iterator's next, and
 *              parked selects with a receive case on the channel (and one on another channel)
 *   senders    full buffer (or unbuffered), blocked senders: send, and parked selects with a
 *              send case on the channel (and a receive case on another channel or on nil)
 *   self       unbuffered, one parked select with both a send and a receive case on it
 *
 * The rules: close itself succeeds once and throws CloseOfClosedChannelError after that; every
 * blocked receiver reads (zero, false) (a select through its receive case); every blocked sender
 * fails with SendOnClosedChannelError (a select too); the select's cases on other channels are
 * gone; the buffered values are still received, in order, and only then (zero, false), forever;
 * every later send, trySend and select send case fails; a receive case on the closed channel is
 * ready, so select takes it rather than default.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Channel,
  CloseOfClosedChannelError,
  recv,
  select,
  send,
  SendOnClosedChannelError,
  trySelect,
} from '../../src/index.js';
import { fcParams, settle, timeoutFor, track, type Tracked } from '../helpers.js';
import { errorName } from './harness.js';

type RecvKind = 'recv' | 'recvValue' | 'iter' | 'select-recv';
type SendKind = 'send' | 'select-send' | 'select-send-nil';
const RECV_KINDS: readonly RecvKind[] = ['recv', 'recvValue', 'iter', 'select-recv'];
const SEND_KINDS: readonly SendKind[] = ['send', 'select-send', 'select-send-nil'];

export type Scenario =
  | { readonly side: 'none'; readonly capacity: number; readonly buffered: number }
  | { readonly side: 'receivers'; readonly capacity: number; readonly waiters: readonly RecvKind[] }
  | { readonly side: 'senders'; readonly capacity: number; readonly waiters: readonly SendKind[] }
  | { readonly side: 'self'; readonly capacity: 0 };

const ZERO = -7;

type Result = { status: 'pending' } | { status: 'fulfilled'; value: unknown } | { status: 'rejected'; reason: string };

/** A tracked operation's outcome, its error named the way the model names it. */
function result(t: Tracked<unknown>): Result {
  return t.state === 'pending'
    ? { status: 'pending' }
    : t.state === 'fulfilled'
      ? { status: 'fulfilled', value: t.value }
      : { status: 'rejected', reason: errorName(t.reason) };
}

/** Builds the scenario, closes the channel and checks every rule of close. */
async function closeIn(sc: Scenario): Promise<void> {
  const ch = new Channel<number>(sc.capacity, { zero: ZERO });
  const other = new Channel<number>(0); // where parked selects have their other case
  const buffered: number[] = [];
  const sentByBlocked: number[] = [];
  const blocked: { kind: RecvKind | SendKind | 'select-both'; t: Tracked<unknown> }[] = [];
  let next = 1;

  // ---- build the state
  const fill = sc.side === 'none' ? sc.buffered : sc.side === 'senders' ? sc.capacity : 0;
  for (let i = 0; i < fill; i++) {
    const v = next++;
    expect(ch.trySend(v)).toBe(true);
    buffered.push(v);
  }
  if (sc.side === 'receivers') {
    for (const kind of sc.waiters) {
      const p =
        kind === 'recv'
          ? ch.recv()
          : kind === 'recvValue'
            ? ch.recvValue()
            : kind === 'iter'
              ? ch[Symbol.asyncIterator]().next()
              : select([recv(other), recv(ch)]);
      blocked.push({ kind, t: track<unknown>(p) });
    }
  } else if (sc.side === 'senders') {
    for (const kind of sc.waiters) {
      const v = next++;
      sentByBlocked.push(v);
      const p =
        kind === 'send'
          ? ch.send(v)
          : kind === 'select-send'
            ? select([recv(other), send(ch, v)])
            : select([send(ch, v), recv(Channel.nil<number>())]);
      blocked.push({ kind, t: track<unknown>(p) });
    }
  } else if (sc.side === 'self') {
    const v = next++;
    sentByBlocked.push(v);
    blocked.push({ kind: 'select-both', t: track(select([send(ch, v), recv(ch)])) });
  }
  await settle();
  for (const b of blocked) expect(result(b.t), `${b.kind} must be blocked before close`).toEqual({ status: 'pending' });
  expect(ch.length).toBe(buffered.length);

  // ---- close
  ch.close();
  expect(() => ch.close(), 'a second close throws').toThrow(CloseOfClosedChannelError);
  await settle();

  // every blocked receiver reads (zero, false); every blocked sender fails
  for (const { kind, t } of blocked) {
    const expected: Result =
      kind === 'recv'
        ? { status: 'fulfilled', value: { value: ZERO, ok: false } }
        : kind === 'recvValue'
          ? { status: 'fulfilled', value: ZERO }
          : kind === 'iter'
            ? { status: 'fulfilled', value: { done: true, value: undefined } }
            : kind === 'select-recv'
              ? { status: 'fulfilled', value: { index: 1, value: ZERO, ok: false } }
              : kind === 'select-both'
                ? { status: 'fulfilled', value: { index: 1, value: ZERO, ok: false } } // the receive case wins, as in Go's closechan
                : { status: 'rejected', reason: 'send-on-closed' };
    expect(result(t), `the blocked ${kind} after close`).toEqual(expected);
  }

  // the selects' cases on the other channel are gone: nobody waits there any more
  expect(other.trySend(99), 'a select woken by close still waits on another channel').toBe(false);

  // later sends fail, in every form
  await expect(ch.send(1000)).rejects.toBeInstanceOf(SendOnClosedChannelError);
  expect(() => ch.trySend(1001)).toThrow(SendOnClosedChannelError);
  await expect(select([send(ch, 1002)])).rejects.toBeInstanceOf(SendOnClosedChannelError);
  expect(() => trySelect([send(ch, 1003)])).toThrow(SendOnClosedChannelError);

  // the buffered values drain in order, through every form of receive, then (zero, false)
  expect(ch.length).toBe(buffered.length);
  const drained: number[] = [];
  for (let i = 0; i < buffered.length; i++) {
    const form = i % 4;
    if (form === 0) {
      const r = await ch.recv();
      expect(r.ok).toBe(true);
      drained.push(r.value as number);
    } else if (form === 1) {
      const r = ch.tryRecv();
      expect(r?.ok).toBe(true);
      drained.push(r?.value as number);
    } else if (form === 2) {
      // a ready receive case beats default
      const r = await select([recv(ch)], { default: () => 'default' as const });
      if (r === 'default') throw new Error('default ran although the closed channel had buffered values');
      expect(r.ok).toBe(true);
      drained.push(r.value as number);
    } else {
      drained.push((await ch.recvValue()) as number);
    }
    expect(ch.length).toBe(buffered.length - i - 1);
  }
  expect(drained, 'buffered values drain in order; blocked senders’ values never arrive').toEqual(buffered);

  for (let i = 0; i < 2; i++) {
    expect(await ch.recv()).toEqual({ value: ZERO, ok: false });
    expect(ch.tryRecv()).toEqual({ value: ZERO, ok: false });
    expect(await ch.recvValue()).toBe(ZERO);
    expect(await select([recv(ch)], { default: () => 'default' })).toEqual({ index: 0, value: ZERO, ok: false });
    expect(await ch[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  }
  expect(ch.length).toBe(0);
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.oneof(
  fc
    .integer({ min: 0, max: 4 })
    .chain((capacity) =>
      fc.integer({ min: 0, max: capacity }).map((buffered): Scenario => ({ side: 'none', capacity, buffered })),
    ),
  fc.record({
    side: fc.constant('receivers' as const),
    capacity: fc.integer({ min: 0, max: 4 }),
    waiters: fc.array(fc.constantFrom(...RECV_KINDS), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({
    side: fc.constant('senders' as const),
    capacity: fc.integer({ min: 0, max: 4 }),
    waiters: fc.array(fc.constantFrom(...SEND_KINDS), { minLength: 1, maxLength: 5 }),
  }),
  fc.constant<Scenario>({ side: 'self', capacity: 0 }),
);

/** Every subset of the kinds, each kind once or twice: the exhaustive table. */
function multisets<K>(kinds: readonly K[]): K[][] {
  let out: K[][] = [[]];
  for (const k of kinds) out = out.flatMap((s) => [s, [...s, k], [...s, k, k]]);
  return out.filter((s) => s.length > 0);
}

describe('close in every state', () => {
  const MODERATE = 200;
  it(
    'closing a channel wakes every blocked receiver with (zero, false), fails every blocked sender and select send case, unlinks the woken selects from their other channels, and still delivers the buffered values in order before (zero, false)',
    async () => {
      await fc.assert(fc.asyncProperty(scenarioArb, closeIn), fcParams(MODERATE));
    },
    timeoutFor(MODERATE, 10),
  );

  it('the same, exhaustively: every capacity 0 to 2, every buffer fill, every mix of up to two of each kind of blocked operation', async () => {
    const all: Scenario[] = [{ side: 'self', capacity: 0 }];
    for (let capacity = 0; capacity <= 2; capacity++) {
      for (let buffered = 0; buffered <= capacity; buffered++) all.push({ side: 'none', capacity, buffered });
      for (const waiters of multisets(RECV_KINDS)) all.push({ side: 'receivers', capacity, waiters });
      for (const waiters of multisets(SEND_KINDS)) all.push({ side: 'senders', capacity, waiters });
    }
    for (const sc of all) {
      try {
        await closeIn(sc);
      } catch (e) {
        throw new Error(`scenario ${JSON.stringify(sc)}: ${String(e)}`, { cause: e });
      }
    }
  });
});

/**
 * The owner's end of a link to another thread: carries out on the real channels the operations
 * that the other thread's goroutines ask for, and answers. The main thread has one per worker
 * (for the channels it hands out); a worker has one (for the channels it created and handed back). A parked remote operation is a parked operation of
 * this thread, so hand-off, FIFO order, close and select are the owner channel's own rules.
 */
import type { MessagePort } from 'node:worker_threads';
import { CLOSED, EMPTY } from '../channel/channel.js';
import { CloseOfClosedChannelError, SendOnClosedChannelError } from '../channel/errors.js';
import { recv, send, type SelectCase } from '../select/cases.js';
import { select, trySelect } from '../select/select.js';
import type { Outbox } from './outbox.js';
import { platform } from './platform.js';
import { unboxRaw, type Raw } from './held.js';
import { pack, unpack, type Packed } from './pack.js';
import type { RecvResult } from '../channel/types.js';
import { Waiter } from '../runtime/waiter.js';
import { ThreadChannel } from './threadchannel.js';
import { Relay } from './relay.js';
import { drained, issued, keep, mine, outgoing } from './registry.js';
import { SyncStatus, FIELDS, ToOwner, ToWorker, Why, type Batch, type ChannelHandle, type Msg } from './wire.js';

/**
 * The answer to a receive. A value that cannot be cloned can only be in the channel if it entered
 * uncopied (chango's core `send` case on a ThreadChannel): the receiver then gets the clone error.
 */
function received(id: number, r: RecvResult<unknown>): Msg {
  if (!r.ok) return [ToWorker.Received, id, false, null];
  try {
    return [ToWorker.Received, id, true, pack(r.value)];
  } catch (e) {
    return [ToWorker.Failed, id, Why.Uncloneable, String(e)];
  }
}

/**
 * Withdraws a parked remote operation that has not completed: its promise rejects with `reason`
 * and it leaves its queue, exactly as an AbortSignal's abort would make it (Waiter.handleEvent).
 */
function withdraw(c: Waiter | AbortController, reason: unknown): void {
  if (c instanceof AbortController) {
    c.abort(reason);
  } else if (c.queue !== null) {
    c.ch.unlink(c);
    c.reject(reason);
  }
}

/** Whether a select's cases are on relayed channels (the other thread checked they are all of one owner). */
function isRelayed(cases: unknown): boolean {
  return ((cases as readonly (readonly [number, boolean, Packed])[])[0]?.[0] ?? 0) < 0;
}

/**
 * What a request for a channel of this thread that it no longer holds (closed and drained, then
 * dropped: registry.ts) is carried out on: a closed, empty channel, whose every operation's result
 * is the forgotten channel's (a receive's zero value is the requester's to fill in). Never parked
 * on: every operation on a closed channel completes or panics at once.
 */
let closedChannel: ThreadChannel<unknown> | undefined;

/**
 * A synchronous operation's failure, as the worker blocked for its answer learns it: the panic, or
 * a value it took that cannot be cloned (entered uncopied: see `received`), which it must not
 * answer as "would block" (the value is gone: the worker gets the clone error, as a receive does).
 */
function syncFailure(e: unknown): Msg {
  if (e instanceof SendOnClosedChannelError) return [SyncStatus.SendOnClosed];
  if (e instanceof CloseOfClosedChannelError) return [SyncStatus.CloseOfClosed];
  return [SyncStatus.Uncloneable, String(e)];
}

/**
 * How many operations of other threads are parked on this thread's channels, over all its links.
 * A request that wakes one (a send handed to a parked receive) has two answers, its own at once and
 * the parked operation's once its promise settles; while any is parked, a batch's answers do not
 * leave before the turn's end (Link), so that the two leave together and an owner that dies
 * between them cannot tell a sender its value was taken and the receiver that the owner died.
 */
let parked = 0;

/** Whether another thread's operation is parked on a channel of this thread (see `parked`). */
export function anyParked(): boolean {
  return parked !== 0;
}

/** Why the owner withdraws a dead thread's operations. */
const GONE = new Error('chango: the worker thread exited');

export class OwnerLink {
  /**
   * Remote operations parked here, by request id, to withdraw them (an abort, or the thread's
   * death): a plain send or receive is its waiter, withdrawn as its AbortSignal would withdraw it
   * (an AbortController and a listener per parked operation would cost more than the rest of
   * the operation); a select, its controller.
   */
  private readonly pending = new Map<number, Waiter | AbortController>();
  private dead = false;
  /** Set when a request waits (parks, or is relayed): its answer will come after this dispatch. */
  waited = false;
  /** The operations of the other thread on channels of third threads, which this one relays. */
  private relay: Relay | undefined;

  constructor(
    /** Where the answers go: the link's one outbox, shared with its requests. */
    private readonly outbox: Outbox,
    /** Where the answers to synchronous requests go; undefined where none may come (see RemoteLink.sync). */
    private readonly syncPort: MessagePort | undefined,
    private readonly syncFlag: Int32Array | undefined,
    /** Messages for the pool: goroutine results and sleep reports. */
    private readonly control: (m: Msg) => void,
  ) {}

  /** The handle a worker turns back into a channel; keeps `ch` among this thread's channels that went out. */
  handle(ch: ThreadChannel<unknown>): ChannelHandle {
    keep(ch);
    return { __changoThreadChannel: ch.threadId, capacity: ch.capacity, name: ch.name, zero: ch.zero };
  }

  /** The channel a handle with `own` names: one of this thread's, handed out on this link. */
  own(h: ChannelHandle): ThreadChannel<unknown> {
    return mine(h.__changoThreadChannel, h.capacity, h.name, h.zero) as ThreadChannel<unknown>;
  }

  /** The worker is gone: withdraw every operation it left parked, so the channels stay usable. */
  dispose(): void {
    if (this.dead) return;
    this.dead = true;
    parked -= this.pending.size;
    for (const c of this.pending.values()) withdraw(c, GONE);
    this.pending.clear();
    this.relay?.dispose();
  }

  private ch(id: unknown): ThreadChannel<unknown> {
    // Any thread may hold a handle to any channel of this one (a channel sent inside a value).
    const ch = outgoing.get(id as number) as ThreadChannel<unknown> | undefined;
    return ch ?? this.forgotten(id);
  }

  /** A channel this thread dropped once it was closed and drained: see `closedChannel`. */
  private forgotten(id: unknown): ThreadChannel<unknown> {
    if (!issued(id as number)) throw new Error(`chango: internal error: unknown channel ${String(id)}`);
    if (closedChannel === undefined) {
      closedChannel = new ThreadChannel<unknown>();
      closedChannel.close();
    }
    return closedChannel;
  }

  /** Carries out the request at `b[i]`. */
  dispatch(b: Batch, i: number): void {
    const op = b[i] as ToOwner;
    // A relayed channel has a negative id (relay.ts): one compare on the common path.
    if (op <= ToOwner.Recv ? (b[i + 2] as number) < 0 : op === ToOwner.Select && isRelayed(b[i + 2])) {
      this.waited = true;
      return (this.relay ??= new Relay(this.outbox)).dispatch(b, i);
    }
    switch (op) {
      case ToOwner.Send:
      case ToOwner.SendRaw: {
        let v: unknown;
        try {
          v = op === ToOwner.Send ? unpack(b[i + 3] as Packed) : unboxRaw(b[i + 3] as Raw);
        } catch (e) {
          // A value holding channels this thread cannot have (nested pools): the send fails.
          this.outbox.push4(ToWorker.Failed, b[i + 1] as number, Why.Uncloneable, String(e));
          break;
        }
        this.send(b[i + 1] as number, this.ch(b[i + 2]), v);
        break;
      }
      case ToOwner.Recv:
        this.recv(b[i + 1] as number, this.ch(b[i + 2]));
        break;
      case ToOwner.Abort: {
        const c = this.pending.get(b[i + 1] as number);
        if (c !== undefined) withdraw(c, undefined);
        else this.relay?.abort(b[i + 1] as number);
        break;
      }
      case ToOwner.Select:
        this.select(b[i + 1] as number, b[i + 2] as readonly (readonly [number, boolean, Packed])[]);
        break;
      case ToOwner.TrySelect:
        this.answer(this.trySelect(b[i + 2] as readonly (readonly [number, boolean, Packed])[]));
        break;
      case ToOwner.TrySend:
      case ToOwner.TryRecv:
      case ToOwner.Close:
      case ToOwner.Len:
        this.answer(this.sync(b.slice(i, i + (FIELDS[op] as number))));
        break;
      default:
        this.control(b.slice(i, i + (FIELDS[op] as number)));
    }
  }

  private send(id: number, ch: ThreadChannel<unknown>, value: unknown): void {
    if (ch.closed) {
      drained(ch);
      return this.outbox.push4(ToWorker.Failed, id, Why.Closed, null);
    }
    if (ch.sendNow(value)) return this.outbox.push2(ToWorker.Sent, id);
    // What ch.send does when it blocks, without an AbortSignal: see `pending`.
    const w = new Waiter(ch, true);
    w.value = value;
    this.waited = true;
    this.pending.set(id, w);
    parked++;
    ch.park<void>(w, undefined).then(
      () => this.reply(id, [ToWorker.Sent, id]),
      (e: unknown) =>
        this.reply(id, [ToWorker.Failed, id, e instanceof SendOnClosedChannelError ? Why.Closed : Why.Aborted, null]),
    );
  }

  private recv(id: number, ch: ThreadChannel<unknown>): void {
    // The receive itself, without the result object tryRecv would make: most requests on a
    // busy channel are answered here, from its buffer or a parked sender.
    const v = ch.pollRecv();
    if (v !== EMPTY) {
      if (v === CLOSED) {
        drained(ch);
        return this.outbox.push4(ToWorker.Received, id, false, null);
      }
      let p: Packed;
      try {
        p = pack(v);
      } catch (e) {
        return this.outbox.push4(ToWorker.Failed, id, Why.Uncloneable, String(e));
      }
      return this.outbox.push4(ToWorker.Received, id, true, p);
    }
    const w = new Waiter(ch, false);
    this.waited = true;
    this.pending.set(id, w);
    parked++;
    ch.park<RecvResult<unknown>>(w, undefined).then(
      (r) => this.reply(id, received(id, r)),
      () => this.reply(id, [ToWorker.Failed, id, Why.Aborted, null]),
    );
  }

  private cases(wire: readonly (readonly [number, boolean, Packed])[]): SelectCase[] {
    return wire.map(([chId, isSend, v]) => (isSend ? send(this.ch(chId), unpack(v)) : recv(this.ch(chId))));
  }

  private trySelect(wire: readonly (readonly [number, boolean, Packed])[]): Msg {
    try {
      const r = trySelect(this.cases(wire)) as { index: number; value?: unknown; ok?: boolean } | undefined;
      if (r === undefined) return [SyncStatus.WouldBlock];
      this.drainedCase(wire, r);
      return [SyncStatus.Ok, r.index, r.ok === true, r.ok === true ? pack(r.value) : null];
    } catch (e) {
      return syncFailure(e);
    }
  }

  private select(id: number, wire: readonly (readonly [number, boolean, Packed])[]): void {
    let cases: SelectCase[];
    try {
      cases = this.cases(wire);
    } catch (e) {
      return this.outbox.push4(ToWorker.Failed, id, Why.Uncloneable, String(e));
    }
    const answer = (r: { index: number; value?: unknown; ok?: boolean }): Msg => {
      this.drainedCase(wire, r);
      if (r.ok !== true) return [ToWorker.Selected, id, r.index, false, null];
      // As for a receive (`received`): a value that entered uncopied may not clone; the select
      // that took it fails with the clone error, rather than throwing here.
      try {
        return [ToWorker.Selected, id, r.index, true, pack(r.value)];
      } catch (e) {
        return [ToWorker.Failed, id, Why.Uncloneable, String(e)];
      }
    };
    const fail = (e: unknown): Msg => [
      ToWorker.Failed,
      id,
      e instanceof SendOnClosedChannelError ? Why.Closed : Why.Aborted,
      null,
    ];
    let now: { index: number; value?: unknown; ok?: boolean } | undefined;
    try {
      now = trySelect(cases) as typeof now;
    } catch (e) {
      return this.outbox.push(fail(e));
    }
    if (now !== undefined) return this.outbox.push(answer(now));
    const c = new AbortController();
    this.waited = true;
    this.pending.set(id, c);
    parked++;
    (select(cases, c) as Promise<{ index: number; value?: unknown; ok?: boolean }>).then(
      (r) => this.reply(id, answer(r)),
      (e: unknown) => this.reply(id, fail(e)),
    );
  }

  /** A select's receive case that read `(zero, false)`: its channel is closed and drained. */
  private drainedCase(wire: readonly (readonly [number, boolean, Packed])[], r: { index: number; ok?: boolean }): void {
    const c = wire[r.index];
    if (c !== undefined && !c[1] && r.ok !== true) drained(this.ch(c[0]));
  }

  private reply(id: number, m: Msg): void {
    if (this.dead) return;
    if (this.pending.delete(id)) parked--;
    this.outbox.push(m);
  }

  /** The synchronous operations: the worker is blocked in Atomics.wait until the answer is posted. */
  private sync(m: Msg): Msg {
    const ch = this.ch(m[1]);
    try {
      switch (m[0] as ToOwner) {
        case ToOwner.TrySend:
          if (ch.closed) return [SyncStatus.SendOnClosed];
          return [ch.sendNow(unpack(m[2] as Packed)) ? SyncStatus.Ok : SyncStatus.WouldBlock];
        case ToOwner.TryRecv: {
          const r = ch.tryRecv();
          return r === undefined ? [SyncStatus.WouldBlock] : [SyncStatus.Ok, r.ok, r.ok ? pack(r.value) : null];
        }
        case ToOwner.Close:
          ch.close();
          return [SyncStatus.Ok];
        default:
          return [SyncStatus.Ok, ch.length];
      }
    } catch (e) {
      return syncFailure(e);
    } finally {
      // Off the hot path: any of them may find the channel closed and drained, or leave it so.
      if (ch.closed) drained(ch);
    }
  }

  private answer(m: Msg): void {
    if (this.syncPort === undefined || this.syncFlag === undefined) return;
    platform().syncAnswer(this.syncPort, this.syncFlag, m);
  }
}

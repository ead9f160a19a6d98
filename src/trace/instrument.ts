/**
 * How a trace sees the program: while one runs, the channel's building blocks (and the
 * WaitGroup's counter) are wrapped on their prototypes; when it stops, the originals are put back.
 *
 * This is why tracing costs nothing when it is off: no flag is checked on the hot path, the
 * methods are simply the untraced ones. Every channel operation, whether from `send`, `recv`,
 * `for await`, `select`, a timer or a Mutex, goes through one of five methods (`sendNow`,
 * `pollRecv`, `enqueue`, `unlink`, `close`); the wrappers read the channel's state before the
 * call to learn what the call will do (hand a value to a parked receiver, take one from the buffer
 * or from a parked sender, ...) and record it. Like Go's `go tool trace`, a traced program runs
 * slower; an untraced one does not.
 */
import { Channel } from '../channel/channel.js';
import type { Waiter } from '../runtime/waiter.js';
import { WaitGroup } from '../sync/waitgroup.js';
import type { TraceKind } from './event.js';
import type { MutableEvent, Recorder } from './recorder.js';
import { shortValue } from './short.js';

type Ch = Channel<unknown>;
const proto = Channel.prototype as Ch;
const wgProto = WaitGroup.prototype;

// The originals are put back on their prototypes and called with the right `this`, never detached.
/* eslint-disable @typescript-eslint/unbound-method */
const original = {
  sendNow: proto.sendNow,
  pollRecv: proto.pollRecv,
  enqueue: proto.enqueue,
  park: proto.park,
  unlink: proto.unlink,
  close: proto.close,
  send: proto.send,
  trySend: proto.trySend,
  add: wgProto.add,
  done: wgProto.done,
  wait: wgProto.wait,
};
/* eslint-enable @typescript-eslint/unbound-method */

const SEND_ON_CLOSED = 'send on closed channel';

/** Which sync primitive a channel implements, from how its blocked receive reads in a deadlock report. */
function recvKind(ch: Ch): TraceKind {
  const reason = ch.opts.recvReason;
  return reason === 'sync.WaitGroup.Wait' ? 'wait' : reason === 'sync.Mutex.Lock' ? 'lock' : 'recv';
}

function sendKind(ch: Ch): TraceKind {
  return ch.opts.recvReason === 'sync.Mutex.Lock' ? 'unlock' : 'send';
}

/** A select's cases share one event, keyed by their group; a plain operation's key is its waiter. */
function keyOf(w: Waiter): object {
  return w.group ?? w;
}

/** Fills in the event of a parked operation that has just completed with `value`. */
function completed(e: MutableEvent | undefined, w: Waiter, r: Recorder, value: string | undefined, ok: boolean): void {
  if (e === undefined) return;
  if (w.group !== null) {
    e.index = w.index;
    e.ch = r.nameOf(w.ch);
    if (w.isSend) e.value = shortValue(w.value);
  }
  if (!w.isSend) {
    e.ok = ok;
    if (ok && value !== undefined) e.value = value;
  }
}

/** Wraps the channel and WaitGroup methods so that every operation is recorded by `r`. */
export function instrument(r: Recorder): void {
  // Inside a hand-off the channel unlinks waiters itself (a select's losing cases); an unlink
  // outside one is an abort.
  let handing = 0;

  proto.send = function (this: Ch, value: unknown, options) {
    if (this.closed && options?.signal?.aborted !== true)
      r.add('send', { ch: r.nameOf(this), value: shortValue(value), panic: SEND_ON_CLOSED });
    return original.send.call(this, value, options);
  };

  proto.trySend = function (this: Ch, value: unknown) {
    if (this.closed) r.add('send', { ch: r.nameOf(this), value: shortValue(value), panic: SEND_ON_CLOSED });
    return original.trySend.call(this, value);
  };

  proto.sendNow = function (this: Ch, value: unknown) {
    const receiver = this.recvq.first;
    handing++;
    let sent: boolean;
    try {
      sent = original.sendNow.call(this, value);
    } finally {
      handing--;
    }
    if (!sent) return false;
    const kind = sendKind(this);
    const v = shortValue(value);
    // A timer's tick has no goroutine behind it; a Mutex's first token is its construction.
    const quiet = this.timer !== null || (kind === 'unlock' && r.firstSight(this));
    const s = quiet ? undefined : r.add(kind, { ch: r.nameOf(this), value: v });
    if (receiver !== null) {
      const e = r.wake(keyOf(receiver));
      completed(e, receiver, r, v, true);
      if (e !== undefined && s !== undefined) e.from = s.seq;
    } else if (s !== undefined) {
      r.pushBuffered(this, s);
    }
    return true;
  };

  proto.pollRecv = function (this: Ch) {
    const count = this.count;
    const sender = this.sendq.first;
    const closed = this.closed;
    // Nothing to take: a due timer may deliver, and then this method runs again, recorded.
    if (count === 0 && sender === null && !closed) return original.pollRecv.call(this);
    const value: unknown = count > 0 ? this.buf[this.head] : sender !== null ? sender.value : undefined;
    handing++;
    let took: ReturnType<typeof original.pollRecv>;
    try {
      took = original.pollRecv.call(this);
    } finally {
      handing--;
    }
    const ok = count > 0 || sender !== null;
    r.firstSight(this);
    const e = r.add(recvKind(this), { ch: r.nameOf(this), ok });
    if (ok) e.value = shortValue(value);
    if (count > 0) {
      const from = r.shiftBuffered(this);
      if (from !== undefined) e.from = from.seq;
      // The parked sender's value moved into the slot just freed.
      if (sender !== null) {
        const s = r.wake(keyOf(sender));
        completed(s, sender, r, undefined, true);
        if (s !== undefined) r.pushBuffered(this, s);
      }
    } else if (sender !== null) {
      const s = r.wake(keyOf(sender));
      completed(s, sender, r, undefined, true);
      if (s !== undefined) e.from = s.seq;
    }
    return took;
  };

  proto.enqueue = function (this: Ch, w: Waiter) {
    original.enqueue.call(this, w);
    if (w.group !== null) {
      if (!r.isBlocked(w.group)) r.block(w.group, r.add('select'));
      return;
    }
    r.firstSight(this);
    const kind = w.isSend ? sendKind(this) : recvKind(this);
    r.block(w, r.add(kind, w.isSend ? { ch: r.nameOf(this), value: shortValue(w.value) } : { ch: r.nameOf(this) }));
  };

  proto.park = function <R>(this: Ch, w: Waiter, signal: AbortSignal | undefined): Promise<R> {
    // The nil channel parks without enqueueing: blocked forever.
    if (this.isNil) r.block(w, r.add(w.isSend ? 'send' : 'recv', { ch: 'nil' }));
    return original.park.call(this, w, signal) as Promise<R>;
  };

  proto.unlink = function (this: Ch, w: Waiter) {
    original.unlink.call(this, w);
    if (handing === 0) {
      const e = r.wake(keyOf(w));
      if (e !== undefined) e.reason = 'canceled';
    }
  };

  proto.close = function (this: Ch) {
    if (this.isNil || this.closed) {
      r.add('close', { ch: r.nameOf(this), panic: this.isNil ? 'close of nil channel' : 'close of closed channel' });
      return original.close.call(this);
    }
    const receivers: Waiter[] = [];
    const senders: Waiter[] = [];
    for (let w = this.recvq.first; w !== null; w = w.next) receivers.push(w);
    for (let w = this.sendq.first; w !== null; w = w.next) senders.push(w);
    // A WaitGroup releases its waiters by closing a channel of its own: not the program's close.
    if (recvKind(this) !== 'wait') r.add('close', { ch: r.nameOf(this) });
    handing++;
    try {
      original.close.call(this);
    } finally {
      handing--;
    }
    for (const w of receivers) completed(r.wake(keyOf(w)), w, r, undefined, false);
    for (const w of senders) {
      const e = r.wake(keyOf(w));
      completed(e, w, r, undefined, false);
      if (e !== undefined) e.panic = SEND_ON_CLOSED;
    }
  };

  wgProto.add = function (this: WaitGroup, delta = 1) {
    try {
      original.add.call(this, delta);
    } catch (e) {
      r.add('add', { ch: 'sync.WaitGroup', value: shortValue(delta), panic: messageOf(e) });
      throw e;
    }
    r.add('add', { ch: 'sync.WaitGroup', value: shortValue(delta) });
  };

  wgProto.wait = function (this: WaitGroup, options) {
    const before = r.events.length;
    const p = original.wait.call(this, options);
    // A wait that blocks receives from the WaitGroup's channel, recorded there; on a zero
    // counter it returns at once without one.
    if (r.events.length === before) r.add('wait', { ch: 'sync.WaitGroup' });
    return p;
  };

  wgProto.done = function (this: WaitGroup) {
    try {
      original.done.call(this);
    } catch (e) {
      r.add('done', { ch: 'sync.WaitGroup', panic: messageOf(e) });
      throw e;
    }
    r.add('done', { ch: 'sync.WaitGroup' });
  };
}

/** Puts the untraced methods back. */
export function uninstrument(): void {
  Object.assign(proto, {
    sendNow: original.sendNow,
    pollRecv: original.pollRecv,
    enqueue: original.enqueue,
    park: original.park,
    unlink: original.unlink,
    close: original.close,
    send: original.send,
    trySend: original.trySend,
  });
  wgProto.add = original.add;
  wgProto.done = original.done;
  wgProto.wait = original.wait;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

import { describe, expect, it } from 'vitest';
import { Channel, CloseOfClosedChannelError, CloseOfNilChannelError, SendOnClosedChannelError } from '../src/index.js';
import { settle, track } from './helpers.js';

describe('make(chan T, n): construction', () => {
  it('defaults to an unbuffered channel', () => {
    const ch = new Channel<number>();
    expect(ch.capacity).toBe(0);
    expect(ch.length).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -Number.POSITIVE_INFINITY, 2 ** 31])(
    'rejects capacity %s with a RangeError',
    (cap) => {
      expect(() => new Channel(cap)).toThrow(RangeError);
    },
  );

  it('rejects a capacity that is not a number with a TypeError', () => {
    expect(() => new Channel('1' as unknown as number)).toThrow(TypeError);
  });

  it('accepts the largest capacity, 2^31-1, without allocating it up front', async () => {
    const ch = new Channel<number>(2 ** 31 - 1);
    for (let i = 0; i < 1000; i++) expect(ch.trySend(i)).toBe(true);
    expect(ch.length).toBe(1000);
    expect(ch.tryRecv()).toEqual({ value: 0, ok: true });
  });

  it('keeps its debug name', () => {
    expect(new Channel<number>(0, { name: 'jobs' }).name).toBe('jobs');
  });
});

describe('unbuffered channel: rendezvous', () => {
  it('a send completes only once a receiver has taken the value', async () => {
    const ch = new Channel<string>();
    const sent = track(ch.send('ping'));
    await settle();
    expect(sent.state).toBe('pending');
    expect(await ch.recv()).toEqual({ value: 'ping', ok: true });
    await settle();
    expect(sent.state).toBe('fulfilled');
  });

  it('a receive waits for a sender', async () => {
    const ch = new Channel<string>();
    const got = track(ch.recv());
    await settle();
    expect(got.state).toBe('pending');
    await ch.send('pong');
    await settle();
    expect(got.current).toEqual({ state: 'fulfilled', value: { value: 'pong', ok: true } });
  });

  it('length stays 0 and trySend fails without a waiting receiver', () => {
    const ch = new Channel<number>();
    expect(ch.trySend(1)).toBe(false);
    expect(ch.length).toBe(0);
  });

  it('trySend hands the value to a waiting receiver', async () => {
    const ch = new Channel<number>();
    const got = ch.recv();
    expect(ch.trySend(7)).toBe(true);
    expect(await got).toEqual({ value: 7, ok: true });
  });

  it('tryRecv takes the value of a blocked sender and completes its send', async () => {
    const ch = new Channel<number>();
    const sent = track(ch.send(3));
    expect(ch.tryRecv()).toEqual({ value: 3, ok: true });
    await settle();
    expect(sent.state).toBe('fulfilled');
    expect(ch.tryRecv()).toBeUndefined();
  });

  it('serves blocked senders first-come, first-served', async () => {
    const ch = new Channel<number>();
    const order: number[] = [];
    for (let i = 0; i < 5; i++) void ch.send(i).then(() => order.push(i));
    const got: number[] = [];
    for (let i = 0; i < 5; i++) got.push((await ch.recv()).value as number);
    await settle();
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('serves blocked receivers first-come, first-served', async () => {
    const ch = new Channel<number>();
    const got: [number, unknown][] = [];
    for (let i = 0; i < 5; i++) void ch.recv().then((r) => got.push([i, r.value]));
    for (let v = 10; v < 15; v++) await ch.send(v);
    await settle();
    expect(got).toEqual([
      [0, 10],
      [1, 11],
      [2, 12],
      [3, 13],
      [4, 14],
    ]);
  });
});

describe('buffered channel: a FIFO ring buffer', () => {
  it('send completes at once until the buffer is full, then waits', async () => {
    const ch = new Channel<number>(2);
    await ch.send(1);
    await ch.send(2);
    expect(ch.length).toBe(2);
    const third = track(ch.send(3));
    await settle();
    expect(third.state).toBe('pending');
    expect(await ch.recv()).toEqual({ value: 1, ok: true });
    await settle();
    // The blocked sender's value moved into the freed slot, behind the older value.
    expect(third.state).toBe('fulfilled');
    expect(ch.length).toBe(2);
    expect(ch.tryRecv()).toEqual({ value: 2, ok: true });
    expect(ch.tryRecv()).toEqual({ value: 3, ok: true });
    expect(ch.tryRecv()).toBeUndefined();
  });

  it('keeps FIFO order across wrap-around and growth of the ring', () => {
    const ch = new Channel<number>(100);
    const model: number[] = [];
    let next = 0;
    // Interleave bursts of sends and receives so the head wraps while the ring grows.
    for (let round = 0; round < 50; round++) {
      const sends = (round * 7) % 13;
      const recvs = (round * 5) % 11;
      for (let i = 0; i < sends; i++) {
        const ok = ch.trySend(next);
        expect(ok).toBe(model.length < 100);
        if (ok) model.push(next);
        next++;
      }
      for (let i = 0; i < recvs; i++) {
        const r = ch.tryRecv();
        if (model.length === 0) expect(r).toBeUndefined();
        else expect(r).toEqual({ value: model.shift(), ok: true });
      }
      expect(ch.length).toBe(model.length);
    }
  });

  it('serves blocked senders in order once the buffer drains', async () => {
    const ch = new Channel<number>(1);
    await ch.send(0);
    for (let i = 1; i <= 4; i++) void ch.send(i);
    const got: unknown[] = [];
    for (let i = 0; i <= 4; i++) got.push((await ch.recv()).value);
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('a waiting receiver gets the value directly, not through the buffer', async () => {
    const ch = new Channel<number>(4);
    const got = ch.recv();
    expect(ch.trySend(9)).toBe(true);
    expect(ch.length).toBe(0);
    expect(await got).toEqual({ value: 9, ok: true });
  });
});

describe('any value can be sent: nothing is a sentinel', () => {
  it.each([0, 1])('undefined and null travel with ok=true (capacity %i)', async (cap) => {
    const ch = new Channel<undefined | null>(cap);
    void ch.send(undefined);
    expect(await ch.recv()).toEqual({ value: undefined, ok: true });
    void ch.send(null);
    expect(await ch.recv()).toEqual({ value: null, ok: true });
  });
});

describe('thenables: recv() carries them, recvValue() adopts them', () => {
  it('recv() returns a thenable intact; recvValue() resolves to what it settles to', async () => {
    const ch = new Channel<PromiseLike<number> | { then(): void }>(3);
    const never = { then(): void {} };
    ch.trySend(never);
    expect((await ch.recv()).value).toBe(never);
    ch.trySend(Promise.resolve(42));
    expect(await (ch.recvValue() as Promise<unknown>)).toBe(42); // adopted, like any promise resolution
    ch.trySend(never);
    const v = track(ch.recvValue());
    await settle();
    expect(v.current.state).toBe('pending'); // a thenable that never settles hangs recvValue
    expect(ch.length).toBe(0); // although the value was taken
  });
});

describe('close(ch)', () => {
  it('buffered values drain in order, then (zero, false)', async () => {
    const ch = new Channel<number>(3, { zero: 0 });
    await ch.send(1);
    await ch.send(2);
    ch.close();
    expect(ch.length).toBe(2);
    expect(await ch.recv()).toEqual({ value: 1, ok: true });
    expect(await ch.recv()).toEqual({ value: 2, ok: true });
    expect(await ch.recv()).toEqual({ value: 0, ok: false });
    expect(await ch.recv()).toEqual({ value: 0, ok: false });
    expect(ch.tryRecv()).toEqual({ value: 0, ok: false });
  });

  it('the zero value is undefined unless given', async () => {
    const ch = new Channel<number>();
    ch.close();
    expect(await ch.recv()).toEqual({ value: undefined, ok: false });
    expect(await ch.recvValue()).toBeUndefined();
  });

  it('wakes every waiting receiver with (zero, false)', async () => {
    const ch = new Channel<string>(0, { zero: '' });
    const a = ch.recv();
    const b = ch.recvValue();
    ch.close();
    expect(await a).toEqual({ value: '', ok: false });
    expect(await b).toBe('');
  });

  it('fails every blocked sender with SendOnClosedChannelError, and every later send', async () => {
    const ch = new Channel<number>(1);
    await ch.send(1);
    const blocked = [ch.send(2), ch.send(3)];
    ch.close();
    for (const p of blocked) {
      await expect(p).rejects.toBeInstanceOf(SendOnClosedChannelError);
      await expect(p).rejects.toThrow('send on closed channel');
    }
    await expect(ch.send(4)).rejects.toBeInstanceOf(SendOnClosedChannelError);
    expect(() => ch.trySend(5)).toThrow(SendOnClosedChannelError);
    // The value buffered before close is still there; the failed sends added nothing.
    expect(await ch.recv()).toEqual({ value: 1, ok: true });
    expect((await ch.recv()).ok).toBe(false);
  });

  it('a second close throws CloseOfClosedChannelError', () => {
    const ch = new Channel<number>();
    ch.close();
    expect(() => ch.close()).toThrow(CloseOfClosedChannelError);
    expect(() => ch.close()).toThrow('close of closed channel');
  });
});

describe('for v := range ch', () => {
  it('yields every value and ends when the channel is closed and drained', async () => {
    const ch = new Channel<number>(2);
    void (async () => {
      for (let i = 0; i < 5; i++) await ch.send(i);
      ch.close();
    })();
    const got: number[] = [];
    for await (const v of ch) got.push(v);
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('breaking out neither closes the channel nor loses a value', async () => {
    const ch = new Channel<number>(10);
    for (let i = 0; i < 5; i++) ch.trySend(i);
    for await (const v of ch) {
      if (v === 1) break;
    }
    expect(ch.length).toBe(3);
    expect(ch.trySend(5)).toBe(true);
    expect(ch.tryRecv()).toEqual({ value: 2, ok: true });
  });

  it('waits for values on an unbuffered channel', async () => {
    const ch = new Channel<string>();
    const got: string[] = [];
    const loop = (async () => {
      for await (const v of ch) got.push(v);
    })();
    await ch.send('a');
    await ch.send('b');
    ch.close();
    await loop;
    expect(got).toEqual(['a', 'b']);
  });
});

describe('the nil channel', () => {
  const nil = Channel.nil<number>();

  it('is one shared channel with capacity 0', () => {
    expect(Channel.nil<string>()).toBe(nil);
    expect(nil.capacity).toBe(0);
    expect(nil.length).toBe(0);
  });

  it('blocks send and receive forever', async () => {
    const s = track(nil.send(1));
    const r = track(nil.recv());
    const v = track(nil.recvValue());
    await settle();
    expect([s.state, r.state, v.state]).toEqual(['pending', 'pending', 'pending']);
    // A send and a receive on nil never meet.
    expect(nil.trySend(1)).toBe(false);
    expect(nil.tryRecv()).toBeUndefined();
  });

  it('close panics with "close of nil channel"', () => {
    expect(() => nil.close()).toThrow(CloseOfNilChannelError);
    expect(() => nil.close()).toThrow('close of nil channel');
  });

  it('a blocked nil operation can still be aborted', async () => {
    const ac = new AbortController();
    const p = nil.recv({ signal: ac.signal });
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});

describe('cancellation with AbortSignal', () => {
  it('an already aborted signal rejects with its reason and does nothing', async () => {
    const ch = new Channel<number>(1);
    const reason = new Error('cancelled');
    const signal = AbortSignal.abort(reason);
    await expect(ch.send(1, { signal })).rejects.toBe(reason);
    expect(ch.length).toBe(0);
    ch.trySend(2);
    await expect(ch.recv({ signal })).rejects.toBe(reason);
    await expect(ch.recvValue({ signal })).rejects.toBe(reason);
    expect(ch.length).toBe(1);
  });

  it('an aborted send is unlinked at once and its value never delivered', async () => {
    const ch = new Channel<number>();
    const ac = new AbortController();
    const p = ch.send(1, { signal: ac.signal });
    void ch.send(2);
    ac.abort('stop');
    await expect(p).rejects.toBe('stop');
    expect(await ch.recv()).toEqual({ value: 2, ok: true });
    expect(ch.tryRecv()).toBeUndefined();
  });

  it('an aborted receive consumes nothing; the next receiver gets the value', async () => {
    const ch = new Channel<number>();
    const ac = new AbortController();
    const first = ch.recv({ signal: ac.signal });
    const second = ch.recv();
    ac.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(ch.trySend(5)).toBe(true);
    expect(await second).toEqual({ value: 5, ok: true });
  });

  it('aborting after completion changes nothing', async () => {
    const ch = new Channel<number>();
    const ac = new AbortController();
    const p = ch.recv({ signal: ac.signal });
    ch.trySend(1);
    ac.abort();
    expect(await p).toEqual({ value: 1, ok: true });
  });

  it('leaves no waiter behind after many aborted operations', async () => {
    const ch = new Channel<number>();
    for (let i = 0; i < 100; i++) {
      const ac = new AbortController();
      const p = i % 2 ? ch.send(i, { signal: ac.signal }) : ch.recv({ signal: ac.signal });
      ac.abort();
      await expect(p).rejects.toBeDefined();
    }
    expect(ch.sendq.first).toBeNull();
    expect(ch.recvq.first).toBeNull();
  });

  it.each([{}, 'signal', 1, null])('a signal that is not an AbortSignal (%s) throws TypeError', (signal) => {
    const ch = new Channel<number>(1);
    const opts = { signal: signal as unknown as AbortSignal };
    expect(() => ch.send(1, opts)).toThrow(TypeError);
    expect(() => ch.recv(opts)).toThrow(TypeError);
    // The failed calls left the channel as it was, and usable.
    expect(ch.length).toBe(0);
    expect(ch.trySend(1)).toBe(true);
  });
});

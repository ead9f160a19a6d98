import { afterEach, describe, expect, it, vi } from 'vitest';
import { Channel, recv, select, send, SendOnClosedChannelError, trySelect } from '../src/index.js';
import { seededRandom, settle, track } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('select: a case ready on entry', () => {
  it('commits a ready receive and resolves to { index, value, ok }', async () => {
    const a = new Channel<number>(1);
    const b = new Channel<string>(1);
    b.trySend('x');
    const r = await select([recv(a), recv(b)]);
    expect(r).toEqual({ index: 1, value: 'x', ok: true });
    expect(b.length).toBe(0);
  });

  it('commits a ready send and resolves to { index }', async () => {
    const out = new Channel<number>(1);
    expect(await select([send(out, 5)])).toEqual({ index: 0 });
    expect(out.tryRecv()).toEqual({ value: 5, ok: true });
  });

  it('runs the handler of the chosen case and resolves to its return value', async () => {
    const a = new Channel<number>(1);
    a.trySend(21);
    const r = await select([recv(a, (v, ok) => (ok ? v * 2 : -1)), recv(Channel.nil<number>(), () => 'never')]);
    expect(r).toBe(42);
  });

  it('awaits an async handler', async () => {
    const a = new Channel<number>(1);
    a.trySend(1);
    expect(await select([recv(a, async (v) => `got ${v}`)])).toBe('got 1');
  });

  it('a receive case on a closed channel is ready with (zero, false)', async () => {
    const c = new Channel<number>(0, { zero: -1 });
    c.close();
    expect(await select([recv(c)])).toEqual({ index: 0, value: -1, ok: false });
  });

  it('a send case on a closed channel rejects with send on closed channel', async () => {
    const c = new Channel<number>(1);
    c.close();
    await expect(select([send(c, 1)])).rejects.toBeInstanceOf(SendOnClosedChannelError);
    expect(() => trySelect([send(c, 1)])).toThrow('send on closed channel');
  });

  it('a handler that throws rejects the select; the value was still taken and the channel is usable', async () => {
    const a = new Channel<number>(2);
    a.trySend(1);
    await expect(
      select([
        recv(a, () => {
          throw new Error('boom');
        }),
      ]),
    ).rejects.toThrow('boom');
    expect(a.length).toBe(0);
    expect(a.trySend(2)).toBe(true);
  });
});

describe('select: fairness (Go TestSelectFairness)', () => {
  it('chooses uniformly among ready cases over 10,000 trials', async () => {
    vi.spyOn(Math, 'random').mockImplementation(seededRandom(12345));
    const trials = 10_000;
    const chans = [0, 1, 2, 3].map(() => new Channel<number>(trials));
    for (const c of chans) for (let i = 0; i < trials; i++) c.trySend(i);
    const counts = [0, 0, 0, 0];
    const cases = chans.map((c) => recv(c));
    for (let i = 0; i < trials; i++) {
      const r = trySelect(cases);
      if (r === undefined) throw new Error('a case must be ready');
      counts[r.index]!++;
    }
    // Binomial(10000, 1/4): mean 2500, sd 43.3. Six standard deviations either way.
    for (const n of counts) {
      expect(n).toBeGreaterThan(2240);
      expect(n).toBeLessThan(2760);
    }
    expect(counts.reduce((a, b) => a + b)).toBe(trials);
  });

  it('with two cases ready, each wins about half the time, whatever their position', () => {
    vi.spyOn(Math, 'random').mockImplementation(seededRandom(7));
    const a = new Channel<number>(10_000);
    const idle = new Channel<number>();
    const b = new Channel<number>(10_000);
    for (let i = 0; i < 10_000; i++) {
      a.trySend(i);
      b.trySend(i);
    }
    const counts = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[trySelect([recv(a), recv(idle), recv(b)])!.index]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0]! - 5000)).toBeLessThan(300); // sd 50
  });
});

describe('select: nil channels and default', () => {
  const nil = Channel.nil<number>();

  it('a nil channel case is never chosen', async () => {
    const ready = new Channel<number>(100);
    for (let i = 0; i < 100; i++) ready.trySend(i);
    for (let i = 0; i < 100; i++) {
      const r = await select([recv(nil), send(nil, 1), recv(ready)]);
      expect(r.index).toBe(2);
    }
  });

  it('default runs only when no case is ready on entry', async () => {
    const c = new Channel<number>(1);
    expect(await select([recv(c)], { default: () => 'idle' })).toBe('idle');
    c.trySend(1);
    expect(await select([recv(c)], { default: () => 'idle' })).toEqual({ index: 0, value: 1, ok: true });
  });

  it('only nil cases plus default: default', async () => {
    expect(await select([recv(nil), send(nil, 0)], { default: () => 'default' })).toBe('default');
  });

  it('a select with no cases blocks forever (select {}), until aborted', async () => {
    const ac = new AbortController();
    const p = track(select([], { signal: ac.signal }));
    const q = track(select([recv(nil)]));
    await settle();
    expect(p.state).toBe('pending');
    expect(q.state).toBe('pending');
    ac.abort('bye');
    await settle();
    expect(p.current).toEqual({ state: 'rejected', reason: 'bye' });
  });

  it('trySelect returns undefined when nothing is ready', () => {
    expect(trySelect([recv(new Channel<number>()), recv(nil)])).toBeUndefined();
    expect(trySelect([])).toBeUndefined();
  });
});

describe('select: parked cases and the hand-off', () => {
  it('a later send commits the receive case and unlinks every other case at once', async () => {
    const a = new Channel<number>();
    const b = new Channel<number>();
    const out = new Channel<number>();
    const p = select([recv(a), recv(b), send(out, 9)]);
    expect(a.trySend(1)).toBe(true);
    // Synchronously after the hand-off, no other case of that select is waiting anywhere.
    expect(b.recvq.first).toBeNull();
    expect(out.sendq.first).toBeNull();
    expect(b.trySend(2)).toBe(false);
    expect(out.tryRecv()).toBeUndefined();
    expect(await p).toEqual({ index: 0, value: 1, ok: true });
  });

  it('a later receive commits the send case', async () => {
    const out = new Channel<string>();
    const p = select([send(out, 'v', () => 'sent'), recv(new Channel<number>())]);
    expect(out.tryRecv()).toEqual({ value: 'v', ok: true });
    expect(await p).toBe('sent');
  });

  it('two cases becoming ready in the same tick: one commits, the other value stays put', async () => {
    const a = new Channel<number>(1);
    const b = new Channel<number>(1);
    const p = select([recv(a), recv(b)]);
    a.trySend(1);
    b.trySend(2); // goes into b's buffer: the select has already committed
    expect(await p).toEqual({ index: 0, value: 1, ok: true });
    expect(b.tryRecv()).toEqual({ value: 2, ok: true });
  });

  it('the same channel in two cases: exactly one commits', async () => {
    const c = new Channel<number>();
    const p = select([recv(c, (v) => ['first', v]), recv(c, (v) => ['second', v])]);
    expect(c.trySend(1)).toBe(true);
    expect(c.trySend(2)).toBe(false);
    // Which of the two: random, as in Go (select.duplicate.test.ts checks it is uniform).
    expect([
      ['first', 1],
      ['second', 1],
    ]).toContainEqual(await p);
  });

  it('closing a channel under a parked receive case commits it with (zero, false)', async () => {
    const c = new Channel<number>(0, { zero: 0 });
    const other = new Channel<number>();
    const p = select([recv(other), recv(c)]);
    c.close();
    expect(other.recvq.first).toBeNull();
    expect(await p).toEqual({ index: 1, value: 0, ok: false });
  });

  it('closing a channel under a parked send case rejects the select with send on closed channel', async () => {
    const c = new Channel<number>();
    const other = new Channel<number>();
    const p = select([recv(other), send(c, 1)]);
    c.close();
    await expect(p).rejects.toBeInstanceOf(SendOnClosedChannelError);
    expect(other.recvq.first).toBeNull();
  });

  it('a send and a receive on the same channel never meet each other', async () => {
    const c = new Channel<number>();
    const p = track(select([send(c, 1), recv(c)]));
    await settle();
    expect(p.state).toBe('pending');
    expect(c.tryRecv()).toEqual({ value: 1, ok: true });
    expect(c.recvq.first).toBeNull();
    await settle();
    expect(p.current).toEqual({ state: 'fulfilled', value: { index: 0 } });
  });
});

describe('select: abort', () => {
  it('an already aborted signal rejects without committing a ready case', async () => {
    const a = new Channel<number>(1);
    a.trySend(1);
    await expect(select([recv(a)], { signal: AbortSignal.abort('no') })).rejects.toBe('no');
    expect(a.length).toBe(1);
  });

  it('aborting a parked select unlinks every case and takes nothing', async () => {
    const a = new Channel<number>();
    const b = new Channel<number>();
    const ac = new AbortController();
    const p = select([recv(a), send(b, 1), recv(b)], { signal: ac.signal });
    expect(a.recvq.first).not.toBeNull();
    ac.abort('stop');
    await expect(p).rejects.toBe('stop');
    expect(a.recvq.first).toBeNull();
    expect(b.sendq.first).toBeNull();
    expect(b.recvq.first).toBeNull();
    // Neither the receive nor the send can happen any more.
    expect(a.trySend(1)).toBe(false);
    expect(b.tryRecv()).toBeUndefined();
  });

  it('a hand-off before the abort wins; the abort then changes nothing', async () => {
    const a = new Channel<number>();
    const ac = new AbortController();
    const p = select([recv(a)], { signal: ac.signal });
    a.trySend(3);
    ac.abort();
    expect(await p).toEqual({ index: 0, value: 3, ok: true });
  });
});

describe('select: evaluation order (the Go spec)', () => {
  it('evaluates every channel and send value once, on entry, in source order', async () => {
    const log: string[] = [];
    const a = new Channel<number>(1);
    const b = new Channel<number>(1);
    const ch = (name: string, c: Channel<number>) => {
      log.push(`chan ${name}`);
      return c;
    };
    const val = (v: number) => {
      log.push(`value ${v}`);
      return v;
    };
    a.trySend(0);
    await select([recv(ch('a', a)), send(ch('b', b), val(1)), send(ch('a2', a), val(2))]);
    expect(log).toEqual(['chan a', 'chan b', 'value 1', 'chan a2', 'value 2']);
  });
});

describe('select: Go TestSelfSelect', () => {
  it.each([0, 10])('send and receive on the same channel neither self-receive nor deadlock (cap %i)', async (cap) => {
    const c = new Channel<number>(cap);
    const worker = async (p: number) => {
      for (let i = 0; i < 1000; i++) {
        const check = (v: number | undefined) => {
          if (cap === 0 && v === p) throw new Error('self receive');
        };
        if (p === 0 || i % 2 === 0) await select([send(c, p), recv(c, check)]);
        else await select([recv(c, check), send(c, p)]);
      }
    };
    await Promise.all([worker(0), worker(1)]);
  });
});

describe('select: bad input', () => {
  it('rejects what is not a case or not a chango channel with TypeError', () => {
    expect(() => select([{} as never])).toThrow(TypeError);
    expect(() => select('x' as never)).toThrow(TypeError);
    expect(() => recv({} as never)).toThrow(TypeError);
    expect(() => send(null as never, 1)).toThrow(TypeError);
    expect(() => recv(new Channel<number>(), 'f' as never)).toThrow(TypeError);
    expect(() => select([], { default: 1 as never })).toThrow(TypeError);
    expect(() => select([], { signal: {} as never })).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { Channel, recv, select, send } from '../src/index.js';
import { channelNameOf, isBlocked, reasonOf } from '../src/runtime/parked.js';
import { Waiter } from '../src/runtime/waiter.js';
import type { Case } from '../src/select/cases.js';
import { record, SelectGroup } from '../src/select/group.js';

/** A parked select built by hand: one waiter per case, linked on the channels' queues. */
function park(chans: Channel<number>[], direct = true) {
  const cases = chans.map((c) => recv(c) as unknown as Case);
  const g = new SelectGroup(cases, direct);
  const settled: unknown[] = [];
  g.resolve = (v) => settled.push(['resolved', v]);
  g.reject = (e) => settled.push(['rejected', e]);
  chans.forEach((c, i) => {
    const w = new Waiter(c, false);
    w.group = g;
    w.index = i;
    g.waiters.push(w);
    c.enqueue(w);
  });
  return { g, settled };
}

describe('SelectGroup: a parked select', () => {
  it('commit unlinks every other case before returning, and resolves once with the record', () => {
    const chans = [new Channel<number>(), new Channel<number>(), new Channel<number>()];
    const { g, settled } = park(chans);
    expect(chans[1]!.trySend(7)).toBe(true); // the channel calls commit at the hand-off
    expect(chans.map((c) => c.recvq.first)).toEqual([null, null, null]);
    expect(g.done).toBe(true);
    expect(isBlocked(g)).toBe(false);
    expect(settled).toEqual([['resolved', { index: 1, value: 7, ok: true }]]);
  });

  it('hands the winner itself to a select with handlers, which runs them after the hand-off', () => {
    const ch = new Channel<number>();
    const { settled } = park([ch], false);
    ch.trySend(1);
    const [[, w]] = settled as [[string, Waiter]];
    expect(w).toBeInstanceOf(Waiter);
    expect(record(w)).toEqual({ index: 0, value: 1, ok: true });
  });

  it('a close under a receive case commits it with (zero, false) and unlinks the others', () => {
    const a = new Channel<number>();
    const b = new Channel<number>();
    const { settled } = park([a, b]);
    b.close();
    expect(a.recvq.first).toBeNull();
    expect(settled).toEqual([['resolved', { index: 1, value: undefined, ok: false }]]);
  });

  it('abort unlinks every case and rejects with the reason; a later abort event is ignored', () => {
    const a = new Channel<number>();
    const ac = new AbortController();
    const { g, settled } = park([a]);
    g.signal = ac.signal;
    ac.signal.addEventListener('abort', g);
    ac.abort('why');
    g.handleEvent();
    expect(a.recvq.first).toBeNull();
    expect(settled).toEqual([['rejected', 'why']]);
  });

  it('names the channels it waits on, for the deadlock report', async () => {
    const a = new Channel<number>(0, { name: 'jobs' });
    const b = new Channel<number>(0, { name: 'quit' });
    const { g } = park([a, b, new Channel<number>()]);
    expect(channelNameOf(g)).toBe('jobs, quit');
    expect(reasonOf(g)).toBe('select');
    a.trySend(1);
    // A select through the public API parks the same way.
    const p = select([send(b, 1)]);
    expect(b.sendq.first?.group).toBeInstanceOf(SelectGroup);
    expect(b.tryRecv()).toEqual({ value: 1, ok: true });
    expect(await p).toEqual({ index: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { Channel } from '../src/index.js';
import { isBlocked } from '../src/runtime/parked.js';
import { WaitQueue, Waiter } from '../src/runtime/waiter.js';

const ch = new Channel<number>();
const make = (n: number) => Array.from({ length: n }, () => new Waiter(ch, false));
const drain = (q: WaitQueue) => {
  const out: Waiter[] = [];
  for (let w = q.shift(); w !== null; w = q.shift()) out.push(w);
  return out;
};

describe('WaitQueue: Go waitq, an intrusive FIFO', () => {
  it('shifts in push order', () => {
    const q = new WaitQueue();
    const ws = make(4);
    ws.forEach((w) => q.push(w));
    expect(drain(q)).toEqual(ws);
    expect(q.first).toBeNull();
    expect(q.last).toBeNull();
  });

  it.each([0, 1, 2])('removes a waiter from anywhere in O(1) (position %i of 3)', (i) => {
    const q = new WaitQueue();
    const ws = make(3);
    ws.forEach((w) => q.push(w));
    q.remove(ws[i]!);
    expect(ws[i]!.queue).toBeNull();
    expect(drain(q)).toEqual(ws.filter((_, j) => j !== i));
  });

  it('a removed waiter can be pushed again', () => {
    const q = new WaitQueue();
    const [a, b] = make(2) as [Waiter, Waiter];
    q.push(a);
    q.push(b);
    q.remove(a);
    q.push(a);
    expect(drain(q)).toEqual([b, a]);
  });

  it('a waiter reports itself blocked while it is linked', () => {
    const q = new WaitQueue();
    const [a] = make(1) as [Waiter];
    expect(isBlocked(a)).toBe(false);
    q.push(a);
    expect(isBlocked(a)).toBe(true);
    q.shift();
    expect(isBlocked(a)).toBe(false);
  });
});

/** The bubble's virtual clock: a timer heap checked against a sorted list (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUBBLE_EPOCH, VirtualClock } from '../src/synctest/clock.js';

describe('VirtualClock', () => {
  it('runs the live timers in (deadline, creation) order and skips cleared ones, whatever the sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ms: fc.integer({ min: -5, max: 50 }), clear: fc.boolean() }), { maxLength: 300 }),
        (ops) => {
          const clock = new VirtualClock();
          const ran: number[] = [];
          const handles = ops.map((op, i) => clock.set((id: number) => ran.push(id), op.ms, i));
          ops.forEach((op, i) => {
            if (op.clear) clock.clear(handles[i]);
          });
          const want = ops
            .map((op, i) => ({ when: Math.max(0, op.ms), i, clear: op.clear }))
            .filter((e) => !e.clear)
            .sort((a, b) => a.when - b.when || a.i - b.i);
          expect(clock.pending).toBe(want.length);
          const times: number[] = [];
          while (clock.advance()) times.push(clock.now());
          expect(ran).toEqual(want.map((e) => e.i));
          expect(times).toEqual([...new Set(want.map((e) => e.when))]);
          expect(clock.pending).toBe(0);
        },
      ),
    );
  });

  it('a timer set by a running timer for the same instant runs in the same advance', () => {
    const clock = new VirtualClock();
    const ran: string[] = [];
    clock.set(() => {
      ran.push('a');
      clock.set(() => ran.push('b'), 0, undefined);
      clock.set(() => ran.push('c'), 10, undefined);
    }, 100, undefined);
    expect(clock.advance()).toBe(true);
    expect(ran).toEqual(['a', 'b']);
    expect(clock.now()).toBe(100);
    expect(clock.advance()).toBe(true);
    expect(clock.now()).toBe(110);
    expect(clock.advance()).toBe(false);
  });

  it('dates start at midnight UTC 2000-01-01; a stopped clock drops its timers', () => {
    const clock = new VirtualClock();
    expect(clock.date().toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(BUBBLE_EPOCH).toBe(Date.UTC(2000, 0, 1));
    let ran = false;
    clock.set(() => (ran = true), 5, undefined);
    clock.stop();
    expect(clock.advance()).toBe(false);
    clock.set(() => (ran = true), 5, undefined);
    expect(clock.advance()).toBe(false);
    expect(ran).toBe(false);
  });

  it('clearing many timers compacts the heap (no unbounded garbage)', () => {
    const clock = new VirtualClock();
    for (let i = 0; i < 10_000; i++) clock.clear(clock.set(() => {}, 1000, undefined));
    expect(clock.pending).toBe(0);
    expect((clock as unknown as { heap: unknown[] }).heap.length).toBeLessThanOrEqual(65);
  });
});

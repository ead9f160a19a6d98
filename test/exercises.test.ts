/**
 * The exercises of docs/exercises: each check passes on the solution and fails on the unsolved
 * file (so it catches the bug). `EXERCISES=mine` runs the checks on the files in docs/exercises,
 * for a learner checking their own answers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Channel } from '../src/index.js';
import * as ex1 from '../docs/exercises/01-premature-close.js';
import * as ex2 from '../docs/exercises/02-bounded-pool.js';
import * as ex3 from '../docs/exercises/03-timeout.js';
import * as sol1 from '../docs/exercises/solutions/01-premature-close.js';
import * as sol2 from '../docs/exercises/solutions/02-bounded-pool.js';
import * as sol3 from '../docs/exercises/solutions/03-timeout.js';
import { track } from './helpers.js';

const mine = process.env.EXERCISES === 'mine';

afterEach(() => {
  vi.useRealTimers();
});

async function check1(m: typeof sol1): Promise<void> {
  expect(await m.squares([3, 1, 2, 5, 4], 3)).toEqual([1, 4, 9, 16, 25]);
  expect(await m.squares([], 2)).toEqual([]);
}

async function check2(m: typeof sol2): Promise<void> {
  let running = 0;
  let most = 0;
  const fetchOne = async (id: number): Promise<string> => {
    running++;
    most = Math.max(most, running);
    // A stand-in for real I/O, which a learner's fetch is. The peak count does not depend on the
    // machine's speed: the pool starts its workers in microtasks, and no timer callback can run
    // before the microtask queue is empty, so the first three fetches are all in flight first.
    await new Promise((resolve) => setTimeout(resolve, 1));
    running--;
    if (id === 99) throw new Error('fetch 99 failed');
    return `item ${id}`;
  };
  expect(await m.fetchAll([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], fetchOne, 3)).toEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => `item ${i}`),
  );
  expect(most).toBe(3);
  await expect(m.fetchAll([1, 99, 2], fetchOne, 2)).rejects.toThrow('fetch 99 failed');
}

async function check3(m: typeof sol3): Promise<void> {
  vi.useFakeTimers();
  const quiet = new Channel<number>();
  const r = track(m.recvOrTimeout(quiet, 100));
  await vi.advanceTimersByTimeAsync(99);
  expect(r.current.state).toBe('pending');
  await vi.advanceTimersByTimeAsync(1);
  expect(r.current).toEqual({ state: 'fulfilled', value: 'timeout' });
  const busy = new Channel<number>(1);
  busy.trySend(7);
  expect(await m.recvOrTimeout(busy, 100)).toBe(7);
  expect(vi.getTimerCount()).toBe(0); // the losing timer is not left behind
}

describe(mine ? 'your answers (docs/exercises)' : 'the solutions (docs/exercises/solutions)', () => {
  it('exercise 1: fix the premature close', () => check1(mine ? ex1 : sol1));
  it('exercise 2: bound the pool with errgroup', () => check2(mine ? ex2 : sol2));
  it('exercise 3: add a timeout with select', () => check3(mine ? ex3 : sol3));
});

describe.skipIf(mine)('the unsolved exercises fail their checks', () => {
  it('exercise 1', async () => {
    // Fake timers that never advance: the workers sleep forever instead of panicking later.
    vi.useFakeTimers();
    await expect(check1(ex1)).rejects.toThrow();
  });
  it('exercise 2', async () => {
    await expect(check2(ex2)).rejects.toThrow();
  });
  it('exercise 3', async () => {
    await expect(check3(ex3)).rejects.toThrow();
  });
});

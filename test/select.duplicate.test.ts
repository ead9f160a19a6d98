/**
 * A parked select with several cases on one channel (Go's TestSelectDuplicateChannel): the
 * partner that arrives later meets one of them chosen uniformly, as Go's pass 2 enqueues the
 * cases in a random order (runtime/select.go: lockorder built from the random pollorder).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Channel, recv, select, send } from '../src/index.js';
import { seededRandom, settle, track } from './helpers.js';

const TRIALS = 1000;

/** |count - n·p| within 6 standard deviations of the binomial: fails only for a biased choice. */
function expectUniform(counts: number[], n: number): void {
  const p = 1 / counts.length;
  const sd = Math.sqrt(n * p * (1 - p));
  for (const c of counts) expect(Math.abs(c - n * p)).toBeLessThan(6 * sd);
}

describe('a parked select with several cases on the same channel', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('select { case c <- 1: case c <- 0: } against a later receiver sends each value about half the time', async () => {
    vi.spyOn(Math, 'random').mockImplementation(seededRandom(10));
    const counts = [0, 0];
    for (let t = 0; t < TRIALS; t++) {
      const c = new Channel<number>();
      const sel = select([send(c, 1), send(c, 0)]);
      const r = await c.recv(); // arrives after the select has parked
      expect(r.ok).toBe(true);
      const won = await sel;
      expect(won.index).toBe(r.value === 1 ? 0 : 1);
      counts[r.value as number]!++;
      expect(c.trySend(9)).toBe(false); // the other case left the queue
    }
    expectUniform(counts, TRIALS);
  });

  it('three receive cases on one channel and one on another: a later sender picks each of the three uniformly', async () => {
    vi.spyOn(Math, 'random').mockImplementation(seededRandom(11));
    const counts = [0, 0, 0];
    for (let t = 0; t < TRIALS; t++) {
      const c = new Channel<number>();
      const d = new Channel<number>();
      const sel = select([recv(c), recv(d), recv(c), recv(c)]);
      await c.send(t);
      const r = await sel;
      expect(r.index).not.toBe(1);
      expect(r).toMatchObject({ value: t, ok: true });
      counts[r.index === 0 ? 0 : r.index - 1]!++;
      expect(d.trySend(1)).toBe(false);
      expect(c.trySend(1)).toBe(false);
    }
    expectUniform(counts, TRIALS);
  });

  it("Go's TestSelectDuplicateChannel: a select queued twice on c, woken through d, leaves c's queue intact", async () => {
    const c = new Channel<number>();
    const d = new Channel<number>();
    const e = new Channel<number>();
    // goroutine A
    const a = (async () => {
      await select([recv(c), recv(c), recv(d)]);
      await e.send(9);
    })();
    await settle(); // A is queued first on c
    // goroutine B
    const b = track(c.recv());
    await settle(); // B is queued on c
    await d.send(7); // wakes A, which dequeues itself from c
    expect((await e.recv()).value).toBe(9);
    await c.send(8); // wakes B: c's queue was not corrupted
    await a;
    await settle();
    expect(b.current).toEqual({ state: 'fulfilled', value: { value: 8, ok: true } });
  });
});

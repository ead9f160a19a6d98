import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModifyLimitWhileActiveError } from '../src/sync/errors.js';
import { ErrGroup } from '../src/sync/errgroup.js';
import { gate, settle, track } from './helpers.js';

describe('ErrGroup: go and wait', () => {
  it('starts fn synchronously and wait resolves once every goroutine is done', async () => {
    const g = new ErrGroup();
    const gates = [gate(), gate()];
    const started: number[] = [];
    for (const [i, gt] of gates.entries()) {
      void g.go(async () => {
        started.push(i);
        await gt.p;
      });
    }
    expect(started).toEqual([0, 1]);
    const w = track(g.wait());
    gates[1]!.open();
    await settle();
    expect(w.settled).toBe(false);
    gates[0]!.open();
    await settle();
    expect(w.fulfilled).toBe(true);
  });

  it('wait on an empty group resolves', async () => {
    await expect(new ErrGroup().wait()).resolves.toBeUndefined();
  });

  it('go resolves once fn has started; without a limit that is at once', async () => {
    const g = new ErrGroup();
    const never = gate();
    const started = track(g.go(() => never.p));
    await settle();
    expect(started.fulfilled).toBe(true);
  });

  it('wait rejects with the first error, after every goroutine has finished', async () => {
    const g = new ErrGroup();
    const [a, b, c] = [gate(), gate(), gate()];
    void g.go(() => a.p);
    void g.go(() => b.p);
    void g.go(() => c.p);
    const w = track(g.wait());
    const first = new Error('first');
    b.fail(first);
    await settle();
    a.fail(new Error('second'));
    await settle();
    expect(w.settled).toBe(false); // c is still running
    c.open();
    await settle();
    expect(w.reason).toBe(first);
    await expect(g.wait()).rejects.toBe(first); // and again
  });

  it("a synchronous throw is the goroutine's error, not the caller's", async () => {
    const g = new ErrGroup();
    const boom = new Error('sync');
    expect(() =>
      g.go(() => {
        throw boom;
      }),
    ).not.toThrow();
    expect(
      g.tryGo(() => {
        throw new Error('later');
      }),
    ).toBe(true);
    await expect(g.wait()).rejects.toBe(boom);
  });

  it('a non-function is a TypeError and queues nothing', async () => {
    const g = new ErrGroup();
    expect(() => g.go(42 as unknown as () => void)).toThrow(TypeError);
    expect(() => g.tryGo(null as unknown as () => void)).toThrow(TypeError);
    g.setLimit(1); // nothing is active
    await expect(g.wait()).resolves.toBeUndefined();
  });
});

describe('ErrGroup: setLimit', () => {
  it('runs at most n at once and starts the queued goroutines in FIFO order', async () => {
    const g = new ErrGroup();
    g.setLimit(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const goes = gates.map((gt, i) =>
      track(
        g.go(async () => {
          started.push(i);
          await gt.p;
        }),
      ),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect(goes.map((t) => t.fulfilled)).toEqual([true, true, false, false]);
    gates[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(goes[2]!.fulfilled).toBe(true);
    expect(goes[3]!.settled).toBe(false);
    gates[0]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]!.open();
    gates[3]!.open();
    await expect(g.wait()).resolves.toBeUndefined();
  });

  it("awaiting go holds the caller back until a slot frees (Go's blocking g.Go)", async () => {
    const g = new ErrGroup();
    g.setLimit(1);
    const a = gate();
    const log: string[] = [];
    const producer = (async () => {
      await g.go(() => a.p);
      log.push('first started');
      await g.go(() => undefined);
      log.push('second started');
    })();
    await settle();
    expect(log).toEqual(['first started']);
    a.open();
    await producer;
    expect(log).toEqual(['first started', 'second started']);
    await g.wait();
  });

  it('wait covers goroutines still queued for a slot', async () => {
    const g = new ErrGroup();
    g.setLimit(1);
    const a = gate();
    const b = gate();
    let bStarted = false;
    void g.go(() => a.p);
    void g.go(async () => {
      bStarted = true;
      await b.p;
    });
    const w = track(g.wait());
    a.open();
    await settle();
    expect(bStarted).toBe(true);
    expect(w.settled).toBe(false); // not resolved in the gap between a's end and b's start
    b.open();
    await settle();
    expect(w.fulfilled).toBe(true);
  });

  it('tryGo starts only when a slot is free, and never jumps the queue', async () => {
    const g = new ErrGroup();
    g.setLimit(1);
    const a = gate();
    expect(g.tryGo(() => a.p)).toBe(true);
    let ran = false;
    expect(g.tryGo(() => void (ran = true))).toBe(false);
    const queued = track(g.go(() => undefined));
    a.open();
    await settle();
    expect(queued.fulfilled).toBe(true);
    expect(ran).toBe(false);
    expect(g.tryGo(() => void (ran = true))).toBe(true);
    expect(ran).toBe(true);
    await g.wait();
  });

  it('a negative limit removes the limit', async () => {
    const g = new ErrGroup();
    g.setLimit(1);
    g.setLimit(-1);
    const gates = [gate(), gate(), gate()];
    for (const gt of gates) expect(g.tryGo(() => gt.p)).toBe(true);
    for (const gt of gates) gt.open();
    await g.wait();
  });

  it('a limit of 0 lets nothing start (Go)', async () => {
    const g = new ErrGroup();
    g.setLimit(0);
    expect(g.tryGo(() => undefined)).toBe(false);
    let ran = false;
    const t = track(g.go(() => void (ran = true)));
    await settle();
    expect(t.settled).toBe(false);
    expect(ran).toBe(false);
  });

  it("modifying the limit while goroutines are active throws Go's panic and changes nothing", async () => {
    const g = new ErrGroup();
    g.setLimit(1);
    const a = gate();
    void g.go(() => a.p);
    void g.go(() => undefined); // queued: active too
    let err: unknown;
    try {
      g.setLimit(5);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModifyLimitWhileActiveError);
    expect((err as Error).message).toBe('errgroup: modify limit while 2 goroutines in the group are still active');
    expect((err as Error).name).toBe('ModifyLimitWhileActiveError');
    expect((err as ModifyLimitWhileActiveError).active).toBe(2);
    a.open();
    await g.wait();
    // The limit is still 1: one slot, so the second tryGo fails.
    const b = gate();
    expect(g.tryGo(() => b.p)).toBe(true);
    expect(g.tryGo(() => undefined)).toBe(false);
    b.open();
    await g.wait();
    g.setLimit(3); // allowed again now that nothing is active
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 31])(
    'setLimit(%s) is a RangeError and changes nothing',
    (n) => {
      const g = new ErrGroup();
      g.setLimit(1);
      expect(() => g.setLimit(n)).toThrow(RangeError);
      expect(g.tryGo(() => new Promise(() => {}))).toBe(true);
      expect(g.tryGo(() => undefined)).toBe(false);
    },
  );

  it('setLimit with a non-number is a TypeError', () => {
    const g = new ErrGroup();
    expect(() => g.setLimit('2' as unknown as number)).toThrow(TypeError);
  });
});

describe('ErrGroup.withContext', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the signal aborts on the first error, with that error as reason, so the others can stop', async () => {
    const { group, signal } = ErrGroup.withContext();
    const boom = new Error('boom');
    let sawAbort: unknown;
    void group.go(
      () =>
        new Promise<void>((_, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = signal.reason;
            reject(signal.reason);
          });
        }),
    );
    const failer = gate();
    void group.go(() => failer.p);
    expect(signal.aborted).toBe(false);
    failer.fail(boom);
    await expect(group.wait()).rejects.toBe(boom);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(boom);
    expect(sawAbort).toBe(boom);
  });

  it('the signal aborts when wait settles without an error (Go cancels the context in Wait)', async () => {
    const { group, signal } = ErrGroup.withContext();
    const a = gate();
    void group.go(() => a.p);
    const w = track(group.wait());
    await settle();
    expect(signal.aborted).toBe(false);
    a.open();
    await settle();
    expect(w.fulfilled).toBe(true);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('AbortError');
  });

  it('the signal is not aborted while the group merely runs', async () => {
    const { group, signal } = ErrGroup.withContext();
    void group.go(() => undefined);
    await settle();
    expect(signal.aborted).toBe(false);
  });

  describe('a parent signal', () => {
    it("aborting the parent aborts the group signal with the parent's reason", () => {
      const parent = new AbortController();
      const { signal } = ErrGroup.withContext(parent.signal);
      expect(signal.aborted).toBe(false);
      parent.abort('shutdown');
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe('shutdown');
    });

    it('an already aborted parent gives an aborted signal', () => {
      const { signal } = ErrGroup.withContext(AbortSignal.abort('gone'));
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe('gone');
    });

    it('the first error aborts the signal, the parent is left alone and its listener removed', async () => {
      const parent = new AbortController();
      const remove = vi.spyOn(parent.signal, 'removeEventListener');
      const { group, signal } = ErrGroup.withContext(parent.signal);
      const boom = new Error('boom');
      void group.go(() => Promise.reject(boom));
      await expect(group.wait()).rejects.toBe(boom);
      expect(signal.reason).toBe(boom);
      expect(parent.signal.aborted).toBe(false);
      expect(remove).toHaveBeenCalledWith('abort', expect.anything());
      parent.abort('later');
      expect(signal.reason).toBe(boom);
    });
  });

  it('a parent that is not an AbortSignal is a TypeError', () => {
    expect(() => ErrGroup.withContext({} as AbortSignal)).toThrow(TypeError);
  });
});

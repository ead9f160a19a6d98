import { describe, expect, it } from 'vitest';
import { Channel, done, recv, select } from '../src/index.js';

describe('done(signal): ctx.Done()', () => {
  it('is closed when the signal aborts, waking every receiver', async () => {
    const ac = new AbortController();
    const d = done(ac.signal);
    expect(d.tryRecv()).toBeUndefined();
    const waiting = d.recv();
    ac.abort(new Error('cancelled'));
    expect(await waiting).toEqual({ value: undefined, ok: false });
    expect(d.tryRecv()).toEqual({ value: undefined, ok: false });
  });

  it('is one channel per signal', () => {
    const ac = new AbortController();
    expect(done(ac.signal)).toBe(done(ac.signal));
  });

  it('is closed at once for an already aborted signal', () => {
    expect(done(AbortSignal.abort()).tryRecv()).toEqual({ value: undefined, ok: false });
  });

  it('translates case <-ctx.Done(): directly', async () => {
    const ac = new AbortController();
    const work = new Channel<number>();
    const p = select([recv(work, (v) => v), recv(done(ac.signal), () => ac.signal.reason as string)]);
    ac.abort('deadline exceeded');
    expect(await p).toBe('deadline exceeded');
    expect(work.recvq.first).toBeNull();
  });

  it('rejects what is not an AbortSignal with TypeError', () => {
    expect(() => done(undefined as unknown as AbortSignal)).toThrow(
      new TypeError('done() needs an AbortSignal, got undefined'),
    );
    expect(() => done({} as AbortSignal)).toThrow(new TypeError('done() needs an AbortSignal, got object'));
  });
});

// Two copies of chango in one process (the dual-package hazard: an ESM and a CommonJS build):
// the module registry reset between two imports gives two copies of every module, as two builds
// do. test/package/dual.mjs checks the same with the real builds of the packed package.
import { describe, expect, it, vi } from 'vitest';

type Chango = typeof import('../src/index.js');

async function twoCopies(): Promise<[Chango, Chango]> {
  vi.resetModules();
  const a = await import('../src/index.js');
  vi.resetModules();
  const b = await import('../src/index.js');
  return [a, b];
}

describe('two copies of chango in one process', () => {
  it('are two copies', async () => {
    const [a, b] = await twoCopies();
    expect(a.Channel).not.toBe(b.Channel);
  });

  it("select takes the other copy's channels, ready or parked", async () => {
    const [a, b] = await twoCopies();
    const ch = new b.Channel<number>(1);
    await ch.send(1);
    expect(await a.select([a.recv(ch)])).toEqual({ index: 0, value: 1, ok: true });
    const parked = a.select([a.recv(new a.Channel<number>()), a.recv(ch, (v, ok) => `${v} ${ok}`)]);
    await ch.send(2);
    expect(await parked).toBe('2 true');
    const u = new a.Channel<number>();
    const sending = b.select([b.send(u, 3, () => 'sent')]);
    expect(await u.recvValue()).toBe(3);
    expect(await sending).toBe('sent');
  });

  it("select takes the other copy's cases, and a closed channel of the other copy", async () => {
    const [a, b] = await twoCopies();
    const done = new b.Channel<number>();
    done.close();
    expect(a.trySelect([b.recv(done)])).toEqual({ index: 0, value: undefined, ok: false });
    expect(() => a.trySelect([a.send(done, 1)])).toThrow('send on closed channel');
  });

  it('still rejects what is not a channel', async () => {
    const [a] = await twoCopies();
    expect(() => a.recv({} as never)).toThrow(TypeError);
    expect(() => a.trySelect([{} as never])).toThrow(TypeError);
  });
});

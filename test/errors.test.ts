import { describe, expect, it } from 'vitest';
import { CloseOfClosedChannelError, CloseOfNilChannelError, SendOnClosedChannelError } from '../src/index.js';

describe("errors carry Go's panic messages", () => {
  it.each([
    [SendOnClosedChannelError, 'SendOnClosedChannelError', 'send on closed channel'],
    [CloseOfClosedChannelError, 'CloseOfClosedChannelError', 'close of closed channel'],
    [CloseOfNilChannelError, 'CloseOfNilChannelError', 'close of nil channel'],
  ] as const)('%o', (Cls, name, message) => {
    const e = new Cls();
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.message).toBe(message);
    expect(String(e)).toBe(`${name}: ${message}`);
  });
});

describe('every exported error says how Go dies of it', () => {
  it('carries the chango.goDeath marker chango/node reads', async () => {
    const { goDeathOf } = await import('../src/channel/godeath.js');
    const api: Record<string, unknown> = await import('../src/index.js');
    const errors = Object.entries(api).filter(
      ([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Error,
    );
    expect(errors.length).toBeGreaterThanOrEqual(7);
    for (const [name, Cls] of errors) {
      const e = new (Cls as new (n: number) => Error)(1);
      expect([name, goDeathOf(e)]).toEqual([name, name === 'UnlockOfUnlockedMutexError' ? 'fatal error' : 'panic']);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  CloseOfClosedChannelError,
  CloseOfNilChannelError,
  GoFatalError,
  GoPanicError,
  ModifyLimitWhileActiveError,
  SendOnClosedChannelError,
  UnlockOfUnlockedMutexError,
} from '../src/index.js';

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
    const { goDeathOf } = await import('../src/runtime/panic.js');
    const api: Record<string, unknown> = await import('../src/index.js');
    const errors = Object.entries(api).filter(
      ([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Error,
    );
    expect(errors.length).toBeGreaterThanOrEqual(9);
    for (const [name, Cls] of errors) {
      const e = new (Cls as new (n: number) => Error)(1);
      const fatal = name === 'UnlockOfUnlockedMutexError' || name === 'GoFatalError';
      expect([name, goDeathOf(e)]).toEqual([name, fatal ? 'fatal error' : 'panic']);
      // One instanceof catches every chango panic (or fatal error), as the marker says.
      expect([name, e instanceof (fatal ? GoFatalError : GoPanicError)]).toEqual([name, true]);
      expect([name, e instanceof (fatal ? GoPanicError : GoFatalError)]).toEqual([name, false]);
    }
  });
});

describe("the marker stays out of Node's error dumps", () => {
  it('is not enumerable, so util.inspect does not print it', async () => {
    const { inspect } = await import('node:util');
    for (const e of [new SendOnClosedChannelError(), new UnlockOfUnlockedMutexError()]) {
      expect(Object.keys(e)).not.toContain('chango.goDeath');
      expect(inspect(e)).not.toContain('goDeath');
    }
  });
});

describe('the two ways of dying', () => {
  it('GoPanicError and GoFatalError name themselves and keep the message', () => {
    const p = new GoPanicError('boom');
    const f = new GoFatalError('bang');
    expect([String(p), String(f)]).toEqual(['GoPanicError: boom', 'GoFatalError: bang']);
    expect(p).toBeInstanceOf(Error);
    expect(f).toBeInstanceOf(Error);
  });

  it('a subclass keeps its own name, not the base one', () => {
    expect(new SendOnClosedChannelError().name).toBe('SendOnClosedChannelError');
    expect(new UnlockOfUnlockedMutexError().name).toBe('UnlockOfUnlockedMutexError');
    expect(new ModifyLimitWhileActiveError(2).message).toBe(
      'errgroup: modify limit while 2 goroutines in the group are still active',
    );
  });
});

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

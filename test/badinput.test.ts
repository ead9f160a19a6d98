/**
 * Bad input gets chango's own TypeErrors, saying what was wrong, and changes nothing: no value
 * sent or taken, no waiter left behind.
 */
import { describe, expect, it } from 'vitest';
import { Channel, recv, select, send, trySelect } from '../src/index.js';

describe('bad options objects', () => {
  it('send(v, null), recv(null) and recvValue(null) throw a TypeError naming the options, and change nothing', () => {
    const ch = new Channel<number>(1);
    expect(() => ch.send(1, null as never)).toThrow(new TypeError('options must be an object, got null'));
    expect(ch.length).toBe(0);
    ch.trySend(7);
    expect(() => ch.recv(null as never)).toThrow(/options must be an object.*got null/);
    expect(() => ch.recvValue(null as never)).toThrow(/options must be an object.*got null/);
    expect(() => ch.send(1, 5 as never)).toThrow(/options must be an object.*got number/);
    expect(ch.length).toBe(1);
    expect(ch.tryRecv()).toEqual({ value: 7, ok: true });
  });

  it('an unbuffered send given null options parks nothing', () => {
    const ch = new Channel<number>();
    expect(() => ch.send(1, null as never)).toThrow(TypeError);
    expect(ch.tryRecv()).toBeUndefined();
  });

  it("select(cases, null) throws a TypeError naming select's options, and commits nothing", () => {
    const ch = new Channel<number>(1);
    ch.trySend(1);
    expect(() => select([recv(ch)], null as never)).toThrow(
      new TypeError("select's options must be an object, got null"),
    );
    expect(() => select([recv(ch)], 'x' as never)).toThrow(TypeError);
    expect(ch.length).toBe(1);
    expect(trySelect([recv(ch)])).toEqual({ index: 0, value: 1, ok: true });
  });

  it('select with null options and a parkable case parks nothing', () => {
    const ch = new Channel<number>();
    expect(() => select([send(ch, 1)], null as never)).toThrow(TypeError);
    expect(ch.tryRecv()).toBeUndefined();
  });
});

describe('a method called without its channel', () => {
  it.each(['send', 'trySend', 'recv', 'recvValue', 'tryRecv', 'close'] as const)(
    '%s throws a TypeError that says how to call it',
    (name) => {
      const ch = new Channel<number>(1);
      ch.trySend(3);
      const method = ch[name] as (this: unknown, ...args: unknown[]) => unknown;
      expect(() => method(1)).toThrow(TypeError);
      expect(() => method(1)).toThrow(`Channel.${name} called without its channel: use ch.${name}()`);
      expect(() => method.call(null, 1)).toThrow(`Channel.${name} called without its channel`);
      // Nothing changed.
      expect(ch.length).toBe(1);
      expect(ch.tryRecv()).toEqual({ value: 3, ok: true });
    },
  );

  it('destructured send and recv work once bound', async () => {
    const ch = new Channel<number>(1);
    const send1 = ch.send.bind(ch);
    const recv1 = ch.recv.bind(ch);
    await send1(4);
    expect(await recv1()).toEqual({ value: 4, ok: true });
  });

  it('the async iterator method too', () => {
    const ch = new Channel<number>();
    const it = ch[Symbol.asyncIterator] as (this: unknown) => unknown;
    expect(() => it()).toThrow('Channel.[Symbol.asyncIterator] called without its channel');
  });
});

describe('new Channel(-0)', () => {
  it('has capacity 0, not -0', () => {
    expect(Object.is(new Channel(-0).capacity, 0)).toBe(true);
    expect(Object.is(new Channel<number>(-0, { zero: 0 }).capacity, 0)).toBe(true);
  });
});

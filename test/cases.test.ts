import { describe, expect, it } from 'vitest';
import { Channel, recv, send, type RecvChannel, type SendChannel } from '../src/index.js';
import { type Case, isCase } from '../src/select/cases.js';

describe('recv(ch) and send(ch, v): select cases', () => {
  it('are immutable records of the channel, the value and the handler, evaluated where written', () => {
    const ch = new Channel<number>(1);
    const fn = () => 1;
    const r = recv(ch, fn) as unknown as Case;
    const s = send(ch, 42) as unknown as Case;
    expect(isCase(r) && isCase(s)).toBe(true);
    expect([r.ch, r.isSend, r.handler]).toEqual([ch, false, fn]);
    expect([s.ch, s.isSend, s.value, s.handler]).toEqual([ch, true, 42, undefined]);
  });

  it('accept the direction views of a chango channel and the nil channel', () => {
    const ch = new Channel<number>();
    const rx: RecvChannel<number> = ch;
    const tx: SendChannel<number> = ch;
    expect(() => recv(rx)).not.toThrow();
    expect(() => send(tx, 1)).not.toThrow();
    expect(() => recv(Channel.nil<number>())).not.toThrow();
  });

  it('reject what is not a chango channel with a TypeError', () => {
    const fake = { recv: async () => ({ value: 1, ok: true }) } as unknown as RecvChannel<number>;
    expect(() => recv(fake)).toThrow(TypeError);
    expect(() => recv({} as never)).toThrow(TypeError);
    expect(() => send(null as never, 1)).toThrow(TypeError);
  });

  it('reject a handler that is not a function with a TypeError', () => {
    const ch = new Channel<number>();
    expect(() => recv(ch, 'f' as never)).toThrow(/handler must be a function/);
    expect(() => send(ch, 1, 2 as never)).toThrow(TypeError);
  });
});

/**
 * `for await (const v of ch)` left while a `next()` is pending: the iterator's `return()` must
 * withdraw that receive, or the next value sent would go to a receiver nobody reads.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Channel } from '../src/index.js';
import { settle, track } from './helpers.js';

describe('iterator return() while next() is pending', () => {
  it('withdraws the pending receive: the next send blocks and its value is not lost', async () => {
    const ch = new Channel<string>();
    const it = ch[Symbol.asyncIterator]();
    const pending = track(it.next());
    await settle();
    expect(pending.current.state).toBe('pending');
    const ret = await it.return!();
    expect(ret).toEqual({ value: undefined, done: true });
    await settle();
    // The pending next() ends the loop instead of waiting for a value it would drop.
    expect(pending.current).toEqual({ state: 'fulfilled', value: { value: undefined, done: true } });
    // No receiver is left on the channel: an unbuffered send has nobody to hand to.
    expect(ch.trySend('x')).toBe(false);
    const sent = track(ch.send('x'));
    await settle();
    expect(sent.current.state).toBe('pending');
    // The value goes to the next real receiver.
    expect(await ch.recv()).toEqual({ value: 'x', ok: true });
    await settle();
    expect(sent.current.state).toBe('fulfilled');
  });

  it('after return(), next() is done and takes nothing', async () => {
    const ch = new Channel<number>(2);
    ch.trySend(1);
    const it = ch[Symbol.asyncIterator]();
    await it.return!();
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(ch.length).toBe(1);
  });

  it('return() after the pending next() has completed changes nothing', async () => {
    const ch = new Channel<number>();
    const it = ch[Symbol.asyncIterator]();
    const p = it.next();
    expect(ch.trySend(5)).toBe(true);
    expect(await p).toEqual({ value: 5, done: false });
    await it.return!();
    expect(ch.trySend(6)).toBe(false);
  });

  it("Node's Readable.from(ch) destroyed mid-read leaves no receiver behind (no value vanishes)", async () => {
    const ch = new Channel<string>();
    const stream = Readable.from(ch);
    const got: string[] = [];
    stream.on('data', (v: string) => got.push(v));
    await settle();
    await ch.send('a');
    await settle();
    expect(got).toEqual(['a']);
    // The stream is waiting in next(); destroying it calls the iterator's return().
    const closed = new Promise<void>((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
    await settle();
    const sent = track(ch.send('x'));
    await settle();
    expect(sent.current.state).toBe('pending');
    expect(await ch.recv()).toEqual({ value: 'x', ok: true });
    expect(got).toEqual(['a']);
  });
});

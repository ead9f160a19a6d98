/**
 * Where a panic points: `send on closed channel` for a send that was blocked when `close()` ran
 * names the sending goroutine (its `await ch.send(v)`, or its select with the send case), as
 * Go's traceback does, not the `close()` call.
 */
import { describe, expect, it } from 'vitest';
import { Channel, select, send, SendOnClosedChannelError } from '../src/index.js';
import { formatPanic } from '../src/runtime/report.js';
import { settle } from './helpers.js';

async function blockedSender(ch: Channel<number>): Promise<unknown> {
  try {
    await ch.send(1); // SENDER-LINE
  } catch (e) {
    return e;
  }
  return undefined;
}

async function blockedSelectSender(ch: Channel<number>): Promise<unknown> {
  try {
    await select([send(ch, 1)]); // SELECT-LINE
  } catch (e) {
    return e;
  }
  return undefined;
}

async function blockedSelectSenderWithHandler(ch: Channel<number>): Promise<unknown> {
  try {
    await select([send(ch, 1, () => 'sent')]); // HANDLER-LINE
  } catch (e) {
    return e;
  }
  return undefined;
}

function theCloser(ch: Channel<number>): void {
  ch.close();
}

describe('a blocked send failed by close()', () => {
  it.each([
    ['a plain send', blockedSender, 'blockedSender'],
    ['a select send case', blockedSelectSender, 'blockedSelectSender'],
    ['a select send case with a handler', blockedSelectSenderWithHandler, 'blockedSelectSenderWithHandler'],
  ] as const)('%s: the error and the panic report point at the sender, not at close()', async (_, sender, name) => {
    const ch = new Channel<number>();
    const failed = sender(ch);
    await settle();
    theCloser(ch);
    const e = (await failed) as Error;
    expect(e).toBeInstanceOf(SendOnClosedChannelError);
    expect(e.message).toBe('send on closed channel');
    expect(e.stack).toContain(name);
    expect(e.stack).toContain('panicsite.test.ts');
    expect(e.stack).not.toContain('theCloser');
    const report = formatPanic(e);
    expect(report.startsWith('panic: send on closed channel\n\ngoroutine [running]:\n')).toBe(true);
    expect(report).toContain(name);
    expect(report).not.toContain('theCloser');
  });

  it('the sender still fails before anything it awaits after the send', async () => {
    const ch = new Channel<number>();
    const order: string[] = [];
    const sender = (async () => {
      try {
        await ch.send(1);
        order.push('sent');
      } catch {
        order.push('failed');
      }
    })();
    await settle();
    ch.close();
    await sender;
    expect(order).toEqual(['failed']);
  });
});

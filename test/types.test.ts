/**
 * Type-level tests. `npm run typecheck` (tsc over test/) is what checks them: every
 * `@ts-expect-error` below must be an error, and every expectTypeOf must hold.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  after,
  Channel,
  recv,
  select,
  send,
  trySelect,
  type RecvChannel,
  type RecvResult,
  type SendChannel,
} from '../src/index.js';

describe('direction types: chan<- T and <-chan T', () => {
  it('a worker cannot send on its receive-only jobs nor receive from its send-only results', () => {
    async function worker(jobs: RecvChannel<number>, results: SendChannel<number>): Promise<void> {
      for await (const j of jobs) await results.send(j * 2);
      // @ts-expect-error: jobs is receive-only (<-chan int)
      await jobs.send(1);
      // @ts-expect-error: a receive-only channel cannot be closed
      jobs.close();
      // @ts-expect-error: results is send-only (chan<- int)
      await results.recv();
      // @ts-expect-error: results is send-only
      results.tryRecv();
    }
    const ch = new Channel<number>(1);
    // A bidirectional channel converts implicitly to either direction, as in Go.
    void worker(ch, ch);
    // @ts-expect-error: the element types must match
    void worker(new Channel<string>(), ch);
  });

  it('send-only is contravariant, receive-only covariant', () => {
    const numbers = new Channel<number>();
    const r: RecvChannel<number | string> = numbers;
    void r;
    const wide = new Channel<number | string>();
    const s: SendChannel<number> = wide;
    void s;
    // @ts-expect-error: a channel of numbers cannot accept strings
    const bad: SendChannel<number | string> = numbers;
    void bad;
  });
});

describe('v, ok := <-ch', () => {
  it('ok narrows value to T', async () => {
    const ch = new Channel<number>(3);
    for (let i = 0; i < 3; i++) ch.trySend(i);
    const r = await ch.recv();
    expectTypeOf(r).toEqualTypeOf<RecvResult<number>>();
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    else expectTypeOf(r.value).toEqualTypeOf<number | undefined>();
    expectTypeOf(ch.tryRecv()).toEqualTypeOf<RecvResult<number> | undefined>();
    expectTypeOf(await ch.recvValue()).toEqualTypeOf<number | undefined>();
  });

  it('for await yields T', async () => {
    const ch = new Channel<string>();
    ch.close();
    for await (const v of ch) expectTypeOf(v).toEqualTypeOf<string>();
  });

  it("v := <-ch is typed T when the channel has a zero value, T | undefined without one", async () => {
    const n = new Channel<number>(1, { zero: 0 });
    expectTypeOf(n).toEqualTypeOf<Channel<number, number>>();
    n.trySend(1);
    n.close();
    expectTypeOf(await n.recvValue()).toEqualTypeOf<number>();
    const r = await n.recv();
    if (!r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    const t = n.tryRecv();
    if (t !== undefined && !t.ok) expectTypeOf(t.value).toEqualTypeOf<number>();
    // Still a Channel<number> (and a RecvChannel<number>) where one is asked for.
    const plain: Channel<number> = n;
    const ro: RecvChannel<number, number> = n;
    expectTypeOf(await ro.recvValue()).toEqualTypeOf<number>();
    void plain;
    // Without a zero, closed receives read undefined: the types say so.
    const u = new Channel<number>(0, { name: 'u' });
    expectTypeOf(u).toEqualTypeOf<Channel<number>>();
    expectTypeOf(u.recvValue()).toEqualTypeOf<Promise<number | undefined>>();
    // @ts-expect-error: a channel without a zero value is not one whose receives read T
    const bad: RecvChannel<number, number> = u;
    void bad;
  });

  it('select handler values and records are typed T for a channel with a zero value', async () => {
    const n = new Channel<number>(1, { zero: 0 });
    const u = new Channel<number>(1);
    n.close();
    u.close();
    await select([
      recv(n, (v) => expectTypeOf(v).toEqualTypeOf<number>()),
      recv(u, (v) => expectTypeOf(v).toEqualTypeOf<number | undefined>()),
      recv(n, (v, ok) => {
        if (!ok) expectTypeOf(v).toEqualTypeOf<number>();
      }),
    ]);
    const r = await select([recv(n), recv(u)]);
    if (r.index === 0 && !r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    if (r.index === 1 && !r.ok) expectTypeOf(r.value).toEqualTypeOf<number | undefined>();
  });

  it('the zero value must be a T', () => {
    // @ts-expect-error: zero must have the element type
    void new Channel<number>(0, { zero: 'x' });
  });
});

describe('select keeps each case its own type', () => {
  it('switching on index narrows value', async () => {
    const nums = new Channel<number>();
    const strs = new Channel<string>(1);
    const out = new Channel<boolean>();
    strs.trySend('s');
    const r = await select([recv(nums), recv(strs), send(out, true)]);
    switch (r.index) {
      case 0:
        if (r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
        break;
      case 1:
        if (r.ok) expectTypeOf(r.value).toEqualTypeOf<string>();
        break;
      case 2:
        expectTypeOf(r).toEqualTypeOf<{ readonly index: 2 }>();
        break;
    }
  });

  it('handler parameters are typed and narrowed by ok; select resolves to the handlers union', async () => {
    const nums = new Channel<number>();
    const r = await select([
      recv(nums, (v, ok) => {
        if (ok) expectTypeOf(v).toEqualTypeOf<number>();
        else expectTypeOf(v).toEqualTypeOf<number | undefined>();
        return 'n' as const;
      }),
      recv(after(10), () => 1 as const),
      send(nums, 3, async () => true as const),
    ]);
    expectTypeOf(r).toEqualTypeOf<'n' | 1 | true>();
  });

  it('default adds its own result type', async () => {
    const r = await select([recv(new Channel<number>(), () => 1 as const)], { default: () => 'none' as const });
    expectTypeOf(r).toEqualTypeOf<1 | 'none'>();
  });

  it('trySelect adds undefined', () => {
    const r = trySelect([recv(new Channel<number>())]);
    expectTypeOf(r).toEqualTypeOf<
      { readonly index: 0; readonly value: number; readonly ok: true } | { readonly index: 0; readonly value: number | undefined; readonly ok: false } | undefined
    >();
  });

  it('a send case must send the element type', () => {
    const nums = new Channel<number>();
    // @ts-expect-error: a string cannot be sent on a channel of numbers
    void send(nums, 'x');
    // @ts-expect-error: cannot build a send case on a receive-only channel
    void send(nums as RecvChannel<number>, 1);
  });
});

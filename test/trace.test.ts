/**
 * chango/trace: the recorder sees every kind of operation, pairs each receive with the send it
 * took from, and goes away completely when stopped. Programs here are deterministic (no timers
 * but fake ones) and the clock is a counter, so a trace is a fixed list.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { after, Channel, Mutex, recv, select, send, sleep, WaitGroup } from '../src/index.js';
import { goroutineContext, setGoroutineContext, syncContext } from '../src/trace/context.js';
import { formatTrace, go, shortValue, startTrace, type Trace, type TraceData } from '../src/trace/index.js';
import { settle, track } from './helpers.js';

const als = new AsyncLocalStorage<string>();
beforeAll(() => {
  setGoroutineContext({ run: (n, fn) => als.run(n, fn), current: () => als.getStore() });
});

let running: Trace | undefined;
afterEach(() => {
  running?.stop();
  running = undefined;
  vi.useRealTimers();
});

function trace(): Trace {
  let n = 0;
  running = startTrace({ now: () => n++ });
  return running;
}

function text(t: TraceData): string[] {
  return formatTrace(t, { times: false }).trimEnd().split('\n');
}

describe('the trace of a program', () => {
  it('is the expected event list: fan-out/fan-in with a WaitGroup', async () => {
    const t = trace();
    const jobs = new Channel<number>(0, { name: 'jobs' });
    const results = new Channel<number>(2, { name: 'results' });
    const wg = new WaitGroup();
    for (let w = 1; w <= 2; w++) {
      wg.add(1);
      go(`worker ${w}`, async () => {
        try {
          for await (const j of jobs) await results.send(j * 10);
        } finally {
          wg.done();
        }
      });
    }
    await jobs.send(1);
    await jobs.send(2);
    jobs.close();
    await wg.wait();
    results.close();
    for await (const r of results) void r;
    await settle();
    expect(text(t.stop())).toEqual([
      '#0 main      wg.Add(1)',
      '#1 main      go worker 1',
      '#2 worker 1  <-jobs 1  (blocked, from #6)',
      '#3 main      wg.Add(1)',
      '#4 main      go worker 2',
      '#5 worker 2  <-jobs 2  (blocked, from #8)',
      '#6 main      jobs <- 1',
      '#7 worker 1  results <- 10',
      '#8 main      jobs <- 2',
      '#9 worker 1  <-jobs closed  (blocked)',
      '#10 worker 2  results <- 20',
      '#11 main      close(jobs)',
      '#12 main      wg.Wait()  (blocked)',
      '#13 worker 2  <-jobs closed',
      '#14 worker 1  wg.Done()',
      '#15 worker 2  wg.Done()',
      '#16 worker 1  return',
      '#17 main      close(results)',
      '#18 main      <-results 10  (from #7)',
      '#19 worker 2  return',
      '#20 main      <-results 20  (from #10)',
      '#21 main      <-results closed',
    ]);
  });

  it('records times: when an operation blocked and when it completed', async () => {
    const t = trace();
    const ch = new Channel<string>(0, { name: 'c' });
    const r = ch.recv(); // blocks at time 1 (time 0 is the start)
    await ch.send('x');
    await r;
    const { events, duration } = t.stop();
    expect(events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['recv', 1, 3],
      ['send', 2, 2],
    ]);
    expect(events[0]?.from).toBe(1);
    expect(events[0]?.value).toBe('"x"');
    expect(duration).toBe(4);
    expect(formatTrace({ events, goroutines: ['main'], duration })).toContain('blocked 2.000 ms');
  });

  it('pairs a buffered receive with the send whose value it took, in FIFO order, through a parked sender', async () => {
    const t = trace();
    const ch = new Channel<number>(1, { name: 'b' });
    await ch.send(1); // #0 buffered
    const p = ch.send(2); // #1 parks: the buffer is full
    expect(ch.tryRecv()?.value).toBe(1); // #2 takes 1; 2 moves into the buffer
    expect(ch.tryRecv()?.value).toBe(2); // #3
    await p;
    const { events } = t.stop();
    expect(events.map((e) => [e.seq, e.kind, e.value, e.from])).toEqual([
      [0, 'send', '1', undefined],
      [1, 'send', '2', undefined],
      [2, 'recv', '1', 0],
      [3, 'recv', '2', 1],
    ]);
    expect(events[1]?.end).not.toBeNull();
  });

  it('records select: the case that won, with its channel and value', async () => {
    const t = trace();
    const a = new Channel<number>(0, { name: 'a' });
    const b = new Channel<number>(0, { name: 'b' });
    const s = select([recv(a), recv(b)]);
    await b.send(7);
    await s;
    const out = new Channel<number>(0, { name: 'out' });
    const s2 = select([send(out, 5), recv(a)]);
    expect(out.tryRecv()?.value).toBe(5);
    await s2;
    expect(text(t.stop())).toEqual([
      '#0 main  select case 1: <-b 7  (blocked, from #1)',
      '#1 main  b <- 7',
      '#2 main  select case 0: out <- 5  (blocked)',
      '#3 main  <-out 5  (from #2)',
    ]);
  });

  it('marks panics: send on a closed channel, a parked send woken by close, close of a closed channel', async () => {
    const t = trace();
    const ch = new Channel<number>(0, { name: 'results' });
    const parked = track(ch.send(1));
    ch.close();
    await expect(ch.send(2)).rejects.toThrow('send on closed channel');
    expect(() => ch.close()).toThrow('close of closed channel');
    await settle();
    expect(parked.current.state).toBe('rejected');
    expect(text(t.stop())).toEqual([
      '#0 main  results <- 1  (blocked)  panic: send on closed channel',
      '#1 main  close(results)',
      '#2 main  results <- 2  panic: send on closed channel',
      '#3 main  close(results)  panic: close of closed channel',
    ]);
  });

  it('marks what is still blocked at the end with Go’s wait reason (a deadlock)', () => {
    const t = trace();
    const ch = new Channel<number>(0, { name: 'results' });
    void ch.send(1);
    void new WaitGroup().wait(); // zero counter: returns at once
    const wg = new WaitGroup();
    wg.add(1);
    void wg.wait();
    void Channel.nil<number>().recv();
    expect(text(t.stop())).toEqual([
      '#0 main  results <- 1  (blocked forever [chan send])',
      '#1 main  wg.Wait()',
      '#2 main  wg.Add(1)',
      '#3 main  wg.Wait()  (blocked forever [sync.WaitGroup.Wait])',
      '#4 main  <-nil  (blocked forever [chan receive (nil chan)])',
    ]);
  });

  it('marks an aborted operation as canceled', async () => {
    const t = trace();
    const ctrl = new AbortController();
    const p = new Channel<number>(0, { name: 'c' }).recv({ signal: ctrl.signal });
    ctrl.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    const { events } = t.stop();
    expect(events[0]?.reason).toBe('canceled');
    expect(events[0]?.end).toBe(2);
  });

  it('records Mutex lock and unlock, with the hand-off of the lock between goroutines', async () => {
    const mu = new Mutex();
    const t = trace();
    await mu.lock();
    go('other', async () => {
      await mu.lock();
      mu.unlock();
    });
    mu.unlock();
    await settle();
    expect(text(t.stop())).toEqual([
      '#0 main   mu.Lock()',
      '#1 main   go other',
      '#2 other  mu.Lock()  (blocked, from #3)',
      '#3 main   mu.Unlock()',
      '#4 other  mu.Unlock()',
      '#5 other  return',
    ]);
  });

  it('records timers: a sleep is a blocked receive on the timer channel', async () => {
    vi.useFakeTimers();
    const t = trace();
    const s = sleep(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await s;
    const c = after(0);
    await vi.advanceTimersByTimeAsync(0);
    await c.recv();
    const [e0, e1] = t.stop().events;
    expect(e0).toMatchObject({ kind: 'recv', ch: 'time.Timer.C', ok: true, value: 'time' });
    expect(e0?.end).not.toBe(e0?.start);
    expect(e1).toMatchObject({ kind: 'recv', ch: 'time.Timer.C', ok: true });
  });

  it('names unnamed channels chan#N and numbers goroutines that share a name', async () => {
    const t = trace();
    const c1 = new Channel<number>(2);
    const c2 = new Channel<number>(2);
    c1.trySend(1);
    c2.trySend(2);
    c1.trySend(3);
    go('w', () => undefined);
    go('w', () => undefined);
    await settle();
    const d = t.stop();
    expect(d.events.filter((e) => e.kind === 'send').map((e) => e.ch)).toEqual(['chan#1', 'chan#2', 'chan#1']);
    expect(d.goroutines).toEqual(['main', 'w', 'w#2']);
  });

  it("records a goroutine's panic on its exit and leaves the rejection unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => {
      unhandled.push(e);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const t = trace();
      const boom = new Error('boom');
      go('bad', async () => {
        await null;
        throw boom;
      });
      await settle();
      await settle();
      const exit = t.stop().events.find((e) => e.kind === 'exit');
      expect(exit).toMatchObject({ g: 'bad', panic: 'boom' });
      expect(unhandled).toEqual([boom]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('tracing off', () => {
  it('leaves the untraced methods in place, before and after a trace', () => {
    const names = ['send', 'trySend', 'sendNow', 'pollRecv', 'enqueue', 'park', 'unlink', 'close'] as const;
    const proto = Channel.prototype as unknown as Record<string, unknown>;
    const before = names.map((n) => proto[n]);
    const wgBefore = [WaitGroup.prototype.add, WaitGroup.prototype.done, WaitGroup.prototype.wait];
    const t = startTrace();
    expect(names.map((n) => proto[n])).not.toEqual(before);
    t.stop();
    expect(names.map((n) => proto[n])).toEqual(before);
    expect([WaitGroup.prototype.add, WaitGroup.prototype.done, WaitGroup.prototype.wait]).toEqual(wgBefore);
  });

  it('records nothing after stop, and stop is idempotent', () => {
    const t = startTrace();
    const ch = new Channel<number>(1);
    ch.trySend(1);
    const d1 = t.stop();
    ch.tryRecv();
    expect(t.stop()).toBe(d1);
    expect(d1.events).toHaveLength(1);
  });

  it('allows one trace at a time, as Go does', () => {
    running = startTrace();
    expect(() => startTrace()).toThrow('tracing is already enabled');
  });

  it('go without a trace just starts the function', async () => {
    let ran = false;
    go('x', async () => {
      await null;
      ran = true;
    });
    await settle();
    expect(ran).toBe(true);
    expect(() => go('x', 42 as unknown as () => void)).toThrow(TypeError);
  });
});

describe('goroutine names', () => {
  it('the platform-neutral context knows a name only during the synchronous start', async () => {
    const previous = setGoroutineContext(syncContext);
    try {
      let first: string | undefined;
      let later: string | undefined = 'unset';
      syncContext.run('g', () => {
        first = goroutineContext().current();
        void Promise.resolve().then(() => {
          later = goroutineContext().current();
        });
      });
      await settle();
      expect([first, later]).toEqual(['g', undefined]);
    } finally {
      setGoroutineContext(previous);
    }
  });
});

describe('shortValue', () => {
  it('is short and never throws', () => {
    expect(shortValue(42)).toBe('42');
    expect(shortValue(-0)).toBe('-0');
    expect(shortValue('hi')).toBe('"hi"');
    expect(shortValue('x'.repeat(100))).toHaveLength(24);
    expect(shortValue(null)).toBe('nil');
    expect(shortValue(undefined)).toBe('');
    expect(shortValue([1, 2])).toBe('[2]');
    expect(shortValue({ a: 1 })).toBe('{…}');
    expect(shortValue(new Map())).toBe('Map{…}');
    expect(shortValue(Symbol('s'))).toBe('Symbol(s)');
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('no');
        },
      },
    );
    expect(shortValue(hostile)).toBe('{…}');
  });
});

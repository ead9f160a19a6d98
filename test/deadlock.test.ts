/**
 * chango/node: the park list, the deadlock and panic reports, the detector's decisions (on a fake
 * process, event by event) and, as processes, the programs of examples/deadlock and the seed's
 * question 1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Channel, Mutex, recv, select, Semaphore, SendOnClosedChannelError, WaitGroup } from '../src/index.js';
import { type ChannelOptions } from '../src/channel/types.js';
import { channelNameOf, isBlocked, reasonOf } from '../src/runtime/parked.js';
import { setParkTracker, WaitQueue, Waiter, type Parked, type WaitReason } from '../src/runtime/waiter.js';
import type { Case } from '../src/select/cases.js';
import { SelectGroup } from '../src/select/group.js';
import { DeadlockDetector, type NodeProcess } from '../src/node/deadlock.js';
import { ParkList } from '../src/runtime/parklist.js';
import {
  DEADLOCK_MESSAGE,
  describe as describeOp,
  formatDeadlock,
  formatPanic,
  isChangoPanic,
} from '../src/runtime/report.js';
import { userFrames } from '../src/runtime/stack.js';
import { settle } from './helpers.js';
import { UnlockOfUnlockedMutexError } from '../src/sync/errors.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

afterEach(() => {
  setParkTracker(null);
});

/**
 * A parked operation as the core makes them, built by hand and never settled: a waiter (or, for
 * `select`, a select's group) that reads as `reason` on the channel(s) named `channelName`.
 */
function record(reason: WaitReason, channelName?: string, blocked = true, stack?: string): Parked {
  const named = (name: string | undefined, recvReason?: WaitReason): Channel<number> =>
    new Channel<number>(0, { name, recvReason } as ChannelOptions<number>);
  let p: Parked;
  if (reason === 'select' || reason === 'select (no cases)') {
    const names = reason === 'select' ? (channelName?.split(', ') ?? [undefined]) : [];
    const g = new SelectGroup(
      names.map((n) => recv(named(n)) as unknown as Case),
      true,
    );
    g.done = !blocked;
    p = g;
  } else {
    const nil = reason.endsWith('(nil chan)');
    const ch = nil ? Channel.nil<number>() : named(channelName, reason.startsWith('chan ') ? undefined : reason);
    const w = new Waiter(ch, reason.startsWith('chan send'));
    if (blocked) new WaitQueue().push(w);
    p = w;
  }
  p.site = stack === undefined ? undefined : ({ stack } as Error);
  return p;
}

describe('ParkList', () => {
  it('keeps the blocked operations in the order they blocked', () => {
    const list = new ParkList();
    const a = record('chan send', 'a');
    const b = record('chan receive', 'b', false);
    const c = record('select');
    list.park(a);
    list.park(b);
    list.park(c);
    expect(list.blocked()).toEqual([a, c]);
  });

  it('drops completed records as it grows, so a long-running program does not leak', () => {
    const list = new ParkList();
    const stuck = record('chan receive', 'stuck');
    list.park(stuck);
    for (let i = 0; i < 100_000; i++) list.park(record('chan send', 'x', false));
    expect(list.size).toBeLessThanOrEqual(64);
    expect(list.blocked()).toEqual([stuck]);
  });

  it('keeps every record while they are all blocked', () => {
    const list = new ParkList();
    for (let i = 0; i < 1000; i++) list.park(record('chan send', `c${i}`));
    expect(list.size).toBe(1000);
    expect(list.blocked().map(channelNameOf)).toEqual(Array.from({ length: 1000 }, (_, i) => `c${i}`));
  });

  it('sees real channel operations park and complete', async () => {
    const list = new ParkList();
    setParkTracker(list);
    const ch = new Channel<number>(0, { name: 'results' });
    const sent = ch.send(1); // parks: nobody receives yet
    const parked = list.blocked();
    expect(parked).toHaveLength(1);
    const p = parked[0] as Parked;
    expect(reasonOf(p)).toBe('chan send');
    expect(channelNameOf(p)).toBe('results');
    expect(p.site?.stack).toContain(THIS_FILE);
    expect(isBlocked(p)).toBe(true);
    expect(await ch.recvValue()).toBe(1);
    await sent;
    expect(isBlocked(p)).toBe(false);
    expect(list.blocked()).toEqual([]);
  });

  it('sees an aborted operation stop being blocked', async () => {
    const list = new ParkList();
    setParkTracker(list);
    const ctrl = new AbortController();
    const r = Channel.nil<number>().recv({ signal: ctrl.signal });
    expect(list.blocked().map(reasonOf)).toEqual(['chan receive (nil chan)']);
    ctrl.abort();
    await expect(r).rejects.toBeDefined();
    expect(list.blocked()).toEqual([]);
  });

  it('reads the wait reason and the channel names off every kind of real operation', async () => {
    const list = new ParkList(false);
    setParkTracker(list);
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    const mu = new Mutex();
    await mu.lock();
    const sem = new Semaphore(1);
    await sem.acquire(1);
    const wg = new WaitGroup();
    wg.add(1);
    const ops = [
      new Channel<number>(0, { name: 'out' }).send(1, { signal }),
      new Channel<number>().recv({ signal }),
      Channel.nil<number>().send(1, { signal }),
      Channel.nil<number>().recv({ signal }),
      select([recv(new Channel<number>(0, { name: 'a' })), recv(new Channel<number>())], { signal }),
      select([], { signal }),
      wg.wait({ signal }),
      mu.lock({ signal }),
      sem.acquire(1, { signal }),
    ];
    expect(list.blocked().map((p) => [reasonOf(p), channelNameOf(p)])).toEqual([
      ['chan send', 'out'],
      ['chan receive', undefined],
      ['chan send (nil chan)', 'nil'],
      ['chan receive (nil chan)', 'nil'],
      ['select', 'a'],
      ['select (no cases)', undefined],
      ['sync.WaitGroup.Wait', 'sync.WaitGroup'],
      ['sync.Mutex.Lock', 'sync.Mutex'],
      ['semacquire', 'semaphore.Weighted'],
    ]);
    ctrl.abort();
    await Promise.allSettled(ops);
    expect(list.blocked()).toEqual([]);
  });

  it('sees a parked select once, with the names of its channels', async () => {
    const list = new ParkList();
    setParkTracker(list);
    const a = new Channel<number>(0, { name: 'a' });
    const b = new Channel<number>(0, { name: 'b' });
    const s = select([recv(a), recv(b)]);
    const parked = list.blocked();
    expect(parked.map((p) => [reasonOf(p), channelNameOf(p)])).toEqual([['select', 'a, b']]);
    a.close();
    await s;
    await settle();
    expect(list.blocked()).toEqual([]);
  });
});

describe('the deadlock report', () => {
  it("starts with Go's message and lists each blocked operation with its call site", async () => {
    const list = new ParkList();
    setParkTracker(list);
    const results = new Channel<number>(0, { name: 'results' });
    const sent = results.send(1); // the call site the report must show
    const line = lineOf('results.send(1); // the call site');
    void new Channel<number>().recv();
    const text = formatDeadlock(list.blocked());
    expect(text.split('\n')[0]).toBe(DEADLOCK_MESSAGE);
    expect(text).toContain('goroutine [chan send]: send on channel "results"');
    expect(text).toContain(`${THIS_FILE}:${line}:`);
    expect(text).toContain('goroutine [chan receive]: receive from an unnamed channel');
    // chango's own frames are left out: the first frame is the user's.
    expect(text).not.toMatch(/src[/\\]channel[/\\]/);
    results.close();
    await expect(sent).rejects.toThrow(SendOnClosedChannelError);
  });

  it('describes every wait reason in plain words', () => {
    expect(describeOp(record('chan send', 'jobs'))).toBe('send on channel "jobs"');
    expect(describeOp(record('chan receive'))).toBe('receive from an unnamed channel');
    expect(describeOp(record('chan send (nil chan)'))).toBe('send on the nil channel (blocks forever)');
    expect(describeOp(record('chan receive (nil chan)'))).toBe('receive from the nil channel (blocks forever)');
    expect(describeOp(record('select', 'a, b'))).toBe('select on channels named a, b');
    expect(describeOp(record('select'))).toBe('select on unnamed channels');
    expect(describeOp(record('select (no cases)'))).toBe('select with no cases (blocks forever)');
    expect(describeOp(record('sync.WaitGroup.Wait', 'sync.WaitGroup'))).toBe('wait on sync.WaitGroup');
    expect(describeOp(record('sync.Mutex.Lock'))).toBe('wait on sync.Mutex.Lock');
  });

  it('says so when main waits on something that is not a chango operation', () => {
    const text = formatDeadlock([], true);
    expect(text).toContain(DEADLOCK_MESSAGE);
    expect(text).toContain('goroutine [main]: main awaits a promise that is not a chango operation');
  });

  it('says so when a record has no stack', () => {
    expect(formatDeadlock([record('chan send', 'x')])).toContain('(no call site');
  });
});

describe('userFrames', () => {
  it("drops chango's frames and Node's internals and turns file URLs into paths", () => {
    const stack = [
      'Error: parked',
      `    at trackPark (${ROOT}src/runtime/waiter.ts:59:15)`,
      `    at Channel.park (${ROOT}src/channel/channel.ts:350:5)`,
      '    at worker (file:///home/me/app/main.ts:12:19)',
      '    at async Promise.all (index 0)',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
      '    at /home/me/app/main.ts:30:1',
    ].join('\n');
    expect(userFrames(stack)).toEqual(['at worker (/home/me/app/main.ts:12:19)', 'at /home/me/app/main.ts:30:1']);
  });

  it("keeps chango's frames when there is nothing else", () => {
    const stack = `Error\n    at f (${ROOT}src/channel/channel.ts:1:1)`;
    expect(userFrames(stack)).toEqual([`at f (${ROOT}src/channel/channel.ts:1:1)`]);
  });

  it('returns nothing for no stack', () => {
    expect(userFrames(undefined)).toEqual([]);
  });
});

describe('the panic report', () => {
  it("prints Go's panic line and the call site", () => {
    const e = new SendOnClosedChannelError();
    const text = formatPanic(e);
    expect(text.split('\n')[0]).toBe('panic: send on closed channel');
    expect(text).toContain('goroutine [running]:');
    expect(text).toContain(THIS_FILE);
  });

  it("reads Go's fatal errors as fatal errors", () => {
    const e = new UnlockOfUnlockedMutexError();
    expect(formatPanic(e).split('\n')[0]).toBe('fatal error: sync: unlock of unlocked mutex');
  });

  it('recognises the errors of another copy of chango by their registry-symbol marker', () => {
    const fromOtherCopy = Object.assign(new Error('send on closed channel'), {
      [Symbol.for('chango.goDeath')]: 'panic',
    });
    expect(isChangoPanic(fromOtherCopy)).toBe(true);
    expect(isChangoPanic(Object.assign(new Error('x'), { name: 'SendOnClosedChannelError' }))).toBe(false);
  });

  it("recognises chango's errors by their marker and nothing else", () => {
    expect(isChangoPanic(new SendOnClosedChannelError())).toBe(true);
    expect(isChangoPanic(new Error('send on closed channel'))).toBe(false);
    expect(isChangoPanic('send on closed channel')).toBe(false);
    expect(isChangoPanic(null)).toBe(false);
  });
});

type Listener = (...args: unknown[]) => void;

/** The events of a Node process, emitted by hand. */
class FakeProcess implements NodeProcess {
  readonly listeners = new Map<string, Listener[]>();
  exitCode: number | string | null | undefined = undefined;
  exitCalls: (number | undefined)[] = [];
  immediates: (() => void)[] = [];
  written = '';

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }

  exit(code?: number): void {
    this.exitCalls.push(code);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }

  /** Node's natural end: beforeExit, then (if nothing ran) exit. */
  drainAndExit(): void {
    this.emit('beforeExit', 0);
    this.emit('exit', 0);
  }

  detector(): DeadlockDetector {
    return new DeadlockDetector(
      this,
      (s) => {
        this.written += s;
      },
      (fn) => {
        this.immediates.push(fn);
      },
    );
  }
}

describe('DeadlockDetector', () => {
  it('reports when the loop drains with a top-level await pending (exit code 13), and exits 2', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    // Node's own listener, added when the entry module starts, after an `--import`ed detector.
    proc.on('exit', () => {
      proc.exitCode ??= 13;
    });
    void new Channel<number>(0, { name: 'results' }).send(1);
    proc.drainAndExit();
    expect(proc.written).toContain(DEADLOCK_MESSAGE);
    expect(proc.written).toContain('send on channel "results"');
    expect(proc.exitCode).toBe(2);
    d.uninstall();
  });

  it('reports when runMain is still running, even with no chango operation blocked', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    d.mainRunning = true;
    proc.drainAndExit();
    expect(proc.written).toContain(DEADLOCK_MESSAGE);
    expect(proc.written).toContain('goroutine [main]');
    expect(proc.exitCode).toBe(2);
    d.uninstall();
  });

  it('stays silent when main has returned, whatever is left blocked (Go drops it)', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    void new Channel<number>().recv();
    proc.drainAndExit();
    expect(proc.written).toBe('');
    expect(proc.exitCode).toBeUndefined();
    d.uninstall();
  });

  it('stays silent on an explicit process.exit (os.Exit), main blocked or not', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    d.mainRunning = true;
    proc.emit('exit', 0); // no beforeExit: the program called process.exit()
    expect(proc.written).toBe('');
    d.uninstall();
  });

  it('does not take a drain for a deadlock when a beforeExit listener gave the loop more work', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    d.mainRunning = true;
    proc.emit('beforeExit', 0);
    for (const fn of proc.immediates) fn(); // the loop ran again
    proc.emit('exit', 0); // and later the program called process.exit()
    expect(proc.written).toBe('');
    d.uninstall();
  });

  it('reports once', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    d.mainRunning = true;
    proc.drainAndExit();
    const first = proc.written;
    proc.drainAndExit();
    expect(proc.written).toBe(first);
    d.uninstall();
  });

  it("turns an unhandled chango panic into Go's report and status 2", () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    proc.emit('uncaughtExceptionMonitor', new SendOnClosedChannelError(), 'unhandledRejection');
    expect(proc.written.split('\n')[0]).toBe('panic: send on closed channel');
    expect(proc.exitCalls).toEqual([2]);
    d.uninstall();
  });

  it('leaves other errors, and programs with their own uncaughtException handler, to Node', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    proc.emit('uncaughtExceptionMonitor', new Error('boom'), 'uncaughtException');
    proc.on('uncaughtException', () => {});
    proc.emit('uncaughtExceptionMonitor', new SendOnClosedChannelError(), 'uncaughtException');
    expect(proc.written).toBe('');
    expect(proc.exitCalls).toEqual([]);
    d.uninstall();
  });

  it('uninstalls completely: no tracker, no listeners', () => {
    const proc = new FakeProcess();
    const d = proc.detector();
    d.install();
    d.install(); // idempotent
    expect(proc.listenerCount('exit')).toBe(1);
    d.uninstall();
    for (const ls of proc.listeners.values()) expect(ls).toEqual([]);
    void new Channel<number>().recv();
    expect(d.parked.size).toBe(0);
  });
});

// ---- processes ----------------------------------------------------------------------------

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs a TypeScript program the way `npx tsx file` does, one process at a time. */
function run(file: string): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The 1-based line of the first line of `file` (or of this file) that contains `text`. */
function lineOf(text: string, file = THIS_FILE): number {
  const i = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text) && !l.includes('lineOf('));
  if (i < 0) throw new Error(`no line with ${text} in ${file}`);
  return i + 1;
}

describe('programs', () => {
  it("question 1 (wg.Wait() in main): Go's fatal error, the WaitGroup wait and its line, status 2", () => {
    const file = `${ROOT}examples/seed/04-wait-in-main/main.ts`;
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(r.stderr).toContain('goroutine [sync.WaitGroup.Wait]: wait on sync.WaitGroup');
    expect(r.stderr).toContain(`main.ts:${lineOf('await wg.wait()', file)}:`);
  });

  it('a send nobody receives: the channel by name and the call site', () => {
    const file = `${ROOT}examples/deadlock/unbuffered-send/main.ts`;
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'fatal error: all goroutines are asleep - deadlock!',
        '',
        'goroutine [chan send]: send on channel "results"',
        `\tat <anonymous> (${file}:${lineOf('await results.send(42)', file)}:15)`,
        '',
      ].join('\n'),
    );
  });

  it('goroutines left blocked after main returns: status 0, no report', () => {
    const r = run('examples/deadlock/left-behind/main.ts');
    expect(r).toEqual({ stdout: 'main returns\n', stderr: '', status: 0 });
  });

  it('runMain: the process ends when main returns, a ticker notwithstanding', () => {
    const r = run('examples/deadlock/main-returns/main.ts');
    expect(r).toEqual({ stdout: 'main returns\n', stderr: '', status: 0 });
  });

  it('without chango/node, Node exits quietly with status 13', () => {
    const r = run('examples/deadlock/no-detector/main.ts');
    expect(r).toEqual({ stdout: '', stderr: '', status: 13 });
  });
});

/**
 * Channels owned by a worker thread: created there, returned to this thread by a goroutine, and
 * used here as remotes (test/threads/owned-worker.ts). The channel rules with the owner on the
 * worker: rendezvous, FIFO, close, aborts, select; what this thread may not do on them; and the
 * owner thread dying. Events are ordered by what the owner's channel shows (asked of the worker),
 * never by waiting for time to pass.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SendOnClosedChannelError } from '../../src/channel/errors.js';
import {
  OwnerExitedError,
  OwnerThreadError,
  RemoteChannel,
  recv,
  select,
  ThreadChannel,
  WorkerExitedError,
  WorkerPool,
} from '../../src/threads/index.js';
import { track, until } from '../helpers.js';
import { buildThreads } from './build.js';

// owned-worker.ts and the programs bundled into JavaScript: a thread starts without loading TypeScript.
const built = await buildThreads(
  ['owned-exits.ts', 'owned-deadlock.ts', 'owned-third-exits.ts', 'owned-third-deadlock.ts'],
  'owned-worker.ts',
);
const { worker: MODULE, options: OPTIONS } = built;
// One thread: every goroutine of this file runs where the channels it names were made.
const pool = new WorkerPool(MODULE, { ...OPTIONS, size: 1 });
const pools: WorkerPool[] = [pool];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  built.remove();
});

let names = 0;
/** `make(chan T, capacity)` on the worker, as a remote here. */
async function make<T>(capacity: number, zero?: T): Promise<[RemoteChannel<T>, string]> {
  const name = `c${++names}`;
  const ch = await pool.go<RemoteChannel<T>>('make', name, capacity, zero);
  return [ch, name];
}

describe('a ThreadChannel created on a worker thread, used here', () => {
  it('arrives as a remote channel with its capacity and zero value', async () => {
    const [ch, name] = await make<number>(3, 7);
    expect(ch).toBeInstanceOf(RemoteChannel);
    expect(ch.capacity).toBe(3);
    await pool.go('closeIt', name);
    expect(await ch.recv()).toEqual({ value: 7, ok: false });
  });

  it('unbuffered: a send on the owner completes only when this thread has taken the value', async () => {
    const [ch, name] = await make<number>(0);
    await pool.go('sendLater', name, [1], false);
    await pool.go('untilParked', name, 'send');
    expect(await pool.go('takeLog')).toEqual([]);
    expect(await ch.recv()).toEqual({ value: 1, ok: true });
    expect(await pool.go('takeLog')).toEqual([['sent', 1]]);
  });

  it('unbuffered: a send here completes only when a receiver on the owner has taken the value', async () => {
    const [ch, name] = await make<number>(0);
    const p = ch.send(5);
    const sent = track(p);
    await pool.go('untilParked', name, 'send');
    expect(sent.current.state).toBe('pending');
    const got = pool.go('recvAll', name, 1);
    await p;
    expect(await got).toEqual([5]);
  });

  it('buffered: FIFO from the owner to this thread, nothing lost or doubled, then the close', async () => {
    const [ch, name] = await make<number>(8);
    const values = Array.from({ length: 200 }, (_, i) => i);
    await pool.go('sendLater', name, values, true);
    const got: number[] = [];
    for await (const v of ch) got.push(v);
    expect(got).toEqual(values);
  });

  it('buffered: FIFO from this thread to the owner', async () => {
    const [ch, name] = await make<number>(4);
    const got = pool.go('recvAll', name, 20);
    for (let i = 0; i < 20; i++) await ch.send(i);
    expect(await got).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('close with values buffered: this thread drains them, then reads (zero, false)', async () => {
    const [ch, name] = await make<number>(4, 0);
    await pool.go('sendLater', name, [1, 2, 3], true);
    expect(await ch.recv()).toEqual({ value: 1, ok: true });
    expect(await ch.recvValue()).toBe(2);
    expect(await ch.recv()).toEqual({ value: 3, ok: true });
    expect(await ch.recv()).toEqual({ value: 0, ok: false });
    expect(await ch.recv()).toEqual({ value: 0, ok: false });
  });

  it('close by the owner wakes a receive parked here with (zero, false)', async () => {
    const [ch, name] = await make<string>(0, '');
    const r = ch.recv();
    await pool.go('untilParked', name, 'recv');
    await pool.go('closeIt', name);
    expect(await r).toEqual({ value: '', ok: false });
  });

  it('close by the owner fails a send parked here, and a later send, with send on closed channel', async () => {
    const [ch, name] = await make<number>(0);
    const s = ch.send(1);
    await pool.go('untilParked', name, 'send');
    await pool.go('closeIt', name);
    await expect(s).rejects.toBeInstanceOf(SendOnClosedChannelError);
    await expect(ch.send(2)).rejects.toThrow('send on closed channel');
  });

  it('an aborted receive here takes nothing: the value goes to the next receiver', async () => {
    const [ch, name] = await make<number>(0);
    const ctl = new AbortController();
    const r = ch.recv({ signal: ctl.signal });
    await pool.go('untilParked', name, 'recv');
    ctl.abort('stop');
    await expect(r).rejects.toBe('stop');
    expect(await pool.go('queues', name)).toEqual({ senders: false, receivers: false, length: 0 });
    await pool.go('sendLater', name, [9], false);
    expect(await ch.recvValue()).toBe(9);
  });

  it('an aborted send here delivers nothing', async () => {
    const [ch, name] = await make<number>(0);
    const ctl = new AbortController();
    const s = ch.send(1, { signal: ctl.signal });
    await pool.go('untilParked', name, 'send');
    ctl.abort('stop');
    await expect(s).rejects.toBe('stop');
    expect(await pool.go('queues', name)).toEqual({ senders: false, receivers: false, length: 0 });
    const got = pool.go('recvAll', name, 1);
    await ch.send(2);
    expect(await got).toEqual([2]);
  });

  it('select here waits on the owner’s channels and commits the one its sender reaches', async () => {
    const [a] = await make<number>(0);
    const [b, bName] = await make<number>(0);
    const s = select([recv(a), recv(b)]);
    await pool.go('untilParked', bName, 'recv');
    await pool.go('sendLater', bName, [4], false);
    expect(await s).toEqual({ index: 1, value: 4, ok: true });
    expect(await pool.go('queues', bName)).toEqual({ senders: false, receivers: false, length: 0 });
  });

  it('ping-pong with each channel owned by its sender', async () => {
    const ping = new ThreadChannel<number>();
    const pong = await pool.go<RemoteChannel<number>>('startPong', ping);
    for (let i = 0; i < 50; i++) {
      await ping.send(i);
      expect(await pong.recvValue()).toBe(i + 1);
    }
    ping.close();
    expect((await pong.recv()).ok).toBe(false);
  });
});

describe('what this thread may not do with a worker’s channel', () => {
  it('trySend, tryRecv, close, length and select with default throw OwnerThreadError, naming what to use', async () => {
    const [ch, name] = await make<number>(2);
    expect(() => ch.trySend(1)).toThrow(OwnerThreadError);
    expect(() => ch.tryRecv()).toThrow(OwnerThreadError);
    expect(() => ch.close()).toThrow(/close it on the thread that created it/);
    expect(() => ch.length).toThrow(/length on a channel created on a worker thread/);
    expect(() => select([recv(ch)], { default: () => 0 })).toThrow(OwnerThreadError);
    // Nothing reached the owner.
    expect(await pool.go('queues', name)).toEqual({ senders: false, receivers: false, length: 0 });
  });

  it('a select may not mix channels of two owner threads', async () => {
    const [a] = await make<number>(0);
    const p2 = new WorkerPool(MODULE, { ...OPTIONS, size: 1 });
    pools.push(p2);
    const b = await p2.go<RemoteChannel<number>>('make', 'x', 0);
    expect(() => select([recv(a), recv(b)])).toThrow(/one owner thread/);
  });

  it('a worker may send its channel as a value (chanchan.test.ts), but not return a channel of this thread', async () => {
    const out = new ThreadChannel<unknown>(1);
    expect(await pool.go('sendOwnChannel', out)).toBe('sent');
    expect(await out.recvValue()).toBeInstanceOf(RemoteChannel);
    await expect(pool.go('returnGiven', out)).rejects.toThrow(/belongs to the main thread already/);
  });
});

describe('a channel that cannot be handed over', () => {
  it('one whose zero value cannot be cloned rejects its goroutine with DataCloneError; the thread lives on', async () => {
    await expect(pool.go('makeUncloneableZero')).rejects.toMatchObject({ name: 'DataCloneError' });
    const [ch, name] = await make<number>(1);
    await pool.go('sendLater', name, [3], false);
    expect(await ch.recvValue()).toBe(3);
  });
});

describe('the owner thread dying', () => {
  it('fails the operations parked here and every later one with OwnerExitedError', async () => {
    const p = new WorkerPool(MODULE, { ...OPTIONS, size: 1 });
    pools.push(p);
    const ch = await p.go<RemoteChannel<number>>('make', 'd', 4);
    const s = await p.go<RemoteChannel<number>>('make', 's', 0);
    const r = track(ch.recv());
    const sent = track(s.send(1));
    await p.go('untilParked', 'd', 'recv');
    await p.go('untilParked', 's', 'send');
    const exit = await p.go('exitNow', 5).catch((e: unknown) => e);
    expect(exit).toBeInstanceOf(WorkerExitedError);
    await until(() => r.current.state !== 'pending' && sent.current.state !== 'pending');
    expect((r.current as { reason: unknown }).reason).toBeInstanceOf(OwnerExitedError);
    expect((r.current as { reason: OwnerExitedError }).reason.exitCode).toBe(5);
    expect((sent.current as { reason: unknown }).reason).toBeInstanceOf(OwnerExitedError);
    await expect(ch.recv()).rejects.toBeInstanceOf(OwnerExitedError);
    await expect(s.send(2)).rejects.toBeInstanceOf(OwnerExitedError);
  });
});

describe('programs with a channel owned by a worker', () => {
  const run = (file: string) =>
    spawnSync(process.execPath, [join(built.dir, 'programs', file.replace(/\.ts$/, '.mjs'))], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, THREADS_WORKER: built.worker.href },
    });

  it('exit on their own once done, without closing the pool', () => {
    const r = run('owned-exits.ts');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('sum 36 false\n');
    expect(r.status).toBe(0);
  });

  it('report a deadlock as Go does when main waits on a worker’s channel and the worker on main', () => {
    const r = run('owned-deadlock.ts');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.stderr).toContain('receive from channel "ping"');
    expect(r.status).toBe(2);
  });

  it('exit on their own when a worker’s channel is used by another worker through main', () => {
    const r = run('owned-third-exits.ts');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('sum 36 false\n');
    expect(r.status).toBe(0);
  });

  it('report a deadlock as Go does when a worker waits on another worker’s channel and main on it', () => {
    const r = run('owned-third-deadlock.ts');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.status).toBe(2);
  });
});

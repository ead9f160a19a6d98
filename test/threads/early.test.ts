/**
 * The answers to a turn's first batch leave as soon as it is dispatched when none of its requests
 * had to wait (link.ts). A request that completes by waking an operation another thread had
 * parked (a send handed to a parked receive) has two answers: its own, and the parked operation's,
 * whose reply is made once its promise settles. Posted apart, an owner that dies between the two
 * posts would tell the sender its value was taken and the receiver that the owner died: a value
 * lost in a hand-off, which docs/threads.md rules out ("a hand-off's two answers travel in the
 * same message").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ThreadChannel, WorkerPool } from '../../src/threads/index.js';
import type { RemoteChannel } from '../../src/threads/index.js';
import { buildThreads } from './build.js';

const built = await buildThreads([], 'chanchan-worker.ts');
const pools: WorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  built.remove();
});

let names = 0;

/** A channel made on `pool`'s thread (kept there by name), as it arrives here inside a value. */
async function madeOn<T>(pool: WorkerPool, capacity: number): Promise<[RemoteChannel<T>, string]> {
  const name = `e${++names}`;
  await pool.go('makeMine', name, capacity);
  const out = new ThreadChannel<{ c: RemoteChannel<T> }>(1);
  await pool.go('sendMine', out, name);
  return [(await out.recvValue())!.c, name];
}

describe('the early post of a batch’s answers, and the owner’s death', () => {
  it('a send handed to a parked receive, the owner dying right after: both complete, or both fail', async () => {
    const pool = new WorkerPool(built.worker, { ...built.options, size: 1 });
    pools.push(pool);
    const [c, cName] = await madeOn<number>(pool, 0);
    const [d, dName] = await madeOn<number>(pool, 0);
    await pool.go('exitOnRecv', dName, 3);
    await pool.go('untilParked', dName, 'recv');
    const r = c.recv();
    await pool.go('untilParked', cName, 'recv');
    // One batch: the hand-off on c (to this thread's parked receive), then the send that wakes the
    // owner's goroutine which exits its thread, in the same turn there.
    const s = c.send(7);
    const exits = d.send(0);
    const [received, sent] = await Promise.allSettled([r, s]);
    await exits.catch(() => undefined);
    expect({ received: received.status, sent: sent.status }).toEqual(
      sent.status === 'fulfilled'
        ? { received: 'fulfilled', sent: 'fulfilled' }
        : { received: 'rejected', sent: 'rejected' },
    );
  });
});

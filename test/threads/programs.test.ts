/**
 * Whole programs with worker threads, run as processes: how they end is the point (exit on their
 * own; a deadlock across threads reported as Go reports it). Each run starts real threads.
 * The programs run bundled (build.ts); by hand, `npx tsx test/threads/programs/deadlock.ts`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildThreads } from './build.js';

// The programs and their worker module, bundled: no TypeScript loader in the process or its threads.
const built = await buildThreads(['exits.ts', 'deadlock.ts', 'deadlock-local.ts', 'close-asleep.ts']);
afterAll(() => built.remove());

const run = built.run;

describe('programs with worker threads', () => {
  it('exit on their own once done, without closing the pool', () => {
    const r = run('exits.ts');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('sum 72\n');
    expect(r.status).toBe(0);
  });

  it('wait in pool.close() for threads whose sleep reports are read after it', () => {
    // Failed (status 13: close() never settled) while a report read after close() unref'd the
    // terminating thread, letting the process exit before the thread's exit event.
    const r = run('close-asleep.ts');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('closed 1\nclosed 2\nclosed 3\n');
    expect(r.status).toBe(0);
  });

  it('report a deadlock across threads as Go does, status 2', () => {
    const r = run('deadlock.ts');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.stderr).toContain('[chan receive]');
    expect(r.status).toBe(2);
  });

  it('report a deadlock inside a worker thread instead of exiting 0', () => {
    const r = run('deadlock-local.ts');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.status).toBe(2);
  });
});

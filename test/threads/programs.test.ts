/**
 * Whole programs with worker threads, run as processes: how they end is the point (exit on their
 * own; a deadlock across threads reported as Go reports it). Each run starts real threads.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Starting a thread loads TypeScript anew in it (about 1 s, several on a loaded machine).
vi.setConfig({ testTimeout: 90_000 });

function run(file: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `test/threads/programs/${file}`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('programs with worker threads', () => {
  it('exit on their own once done, without closing the pool', () => {
    const r = run('exits.ts');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('sum 72\n');
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

/**
 * Every example takes `--trace FILE`: the flag is in each, and a run with it draws the file while
 * the program behaves as without it (same exit status).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXml } from './xml.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chango-trace-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mains(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? mains(p) : n === 'main.ts' ? [p] : [];
  });
}

function run(example: string, file: string): { status: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', `examples/${example}/main.ts`, '--trace', join(dir, file)],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: r.status, out: readFileSync(join(dir, file), 'utf8') };
}

const lanes = (svg: string): string[] =>
  [...svg.matchAll(/<text class="lane"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);

describe('--trace FILE', () => {
  it('is accepted by every example', () => {
    const all = mains(join(ROOT, 'examples'));
    expect(all.length).toBeGreaterThanOrEqual(16);
    const without = all.filter((f) => !readFileSync(f, 'utf8').includes('traceFromArgs();'));
    expect(without.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('draws the seed worker pool as an SVG with a lane per worker', () => {
    const { status, out } = run('seed/01-waitgroup', 'pool.svg');
    expect(status).toBe(0);
    expect(parseXml(out).name).toBe('svg');
    expect(lanes(out)).toEqual(['main', 'worker 1', 'worker 2', 'worker 3', 'worker 4', 'closer']);
    expect(out.match(/class="handoff"/g)).toHaveLength(20); // 10 jobs and 10 results handed over
  });

  it('draws the premature close with the panic, as the program dies of it (status 2)', () => {
    const { status, out } = run('seed/03-close-early/panics', 'close.html');
    expect(status).toBe(2);
    expect(out).toContain('panic: send on closed channel');
    expect(out).toContain('close(results)');
  });

  it('draws question 1 with main blocked forever in wg.Wait (status 2)', () => {
    const { status, out } = run('seed/04-wait-in-main', 'deadlock.svg');
    expect(status).toBe(2);
    expect(out).toContain('blocked forever [sync.WaitGroup.Wait]');
  });

  it('writes the text form for any other extension', () => {
    const { status, out } = run('patterns/pipeline', 'pipeline.txt');
    expect(status).toBe(0);
    expect(out).toMatch(/ sq +<-chan#\d+ 2/);
    expect(out).toMatch(/ main +<-chan#\d+ 16/);
  });
});

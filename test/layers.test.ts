import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of src/, as Go's runtime has them: each folder may import only itself and the folders
 * listed (null: anything). README.md's Architecture section describes the same map.
 */
const FLOORS: Record<string, readonly string[] | null> = {
  runtime: ['runtime'],
  channel: ['runtime', 'channel'],
  select: ['runtime', 'channel', 'select'],
  time: ['runtime', 'channel', 'time'],
  // Go's context imports time (a deadline is a timer); x/sync/errgroup imports context.
  context: ['runtime', 'channel', 'time', 'context'],
  sync: ['runtime', 'channel', 'context', 'sync'],
  // chango/trace wraps the channel's and the WaitGroup's methods while a trace runs.
  trace: ['runtime', 'channel', 'sync', 'trace'],
  // chango/threads: channels across worker threads, built on the channel and select floors.
  threads: ['runtime', 'channel', 'select', 'threads'],
  synctest: ['runtime', 'channel', 'select', 'time', 'synctest'],
  node: null,
  '.': null,
};

const src = resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import and re-export of `file` (type-only ones included), as absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)].map((m) =>
    resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')),
  );
}

const floorOf = (file: string): string => relative(src, dirname(file)) || '.';
const files = sources(src);
const graph = new Map(files.map((f) => [f, importsOf(f)] as const));

describe('the layout of src/', () => {
  it('has a floor for every folder', () => {
    expect([...new Set(files.map(floorOf))].filter((f) => !(f in FLOORS))).toEqual([]);
  });

  it('imports nothing from a floor above', () => {
    const upward: string[] = [];
    for (const [f, deps] of graph) {
      const allowed = FLOORS[floorOf(f)];
      if (allowed === null || allowed === undefined) continue;
      for (const d of deps) if (!allowed.includes(floorOf(d))) upward.push(`${relative(src, f)} -> ${relative(src, d)}`);
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]): void => {
      state.set(f, 'open');
      path.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].map((x) => relative(src, x)).join(' -> '));
        else if (!state.has(d)) visit(d, path);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('every import resolves to a file of src/ (the check reads real edges)', () => {
    const missing = [...graph.values()].flat().filter((d) => !graph.has(d));
    expect(missing).toEqual([]);
    expect([...graph.values()].flat().length).toBeGreaterThan(50);
  });
});

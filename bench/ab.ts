/**
 * A/B of chango against itself: the same benchmark rows, built from this tree ("new") and from a
 * git commit ("base", HEAD by default), run in paired rounds, a fresh process per cell, the order
 * alternating (base first in even rounds, new first in odd ones). Per round, each row gets the
 * ratio new / base of its time; the median, the min-max and how many rounds new was faster say
 * whether a change to src/ pays, with the machine's drift paired out.
 *
 *   npm run bench:ab -- --only w3 --libs chango --rounds 10
 *   npm run bench:ab -- --base main --only w1,w2 --libs "chango,floor (hand" --rounds 8 --cpu
 *   npm run bench:ab -- --only w3 --libs chango --rounds 20 --interleave 50000 --cpu
 *
 * --libs picks rows by name prefix, as in bench/run.ts. Both builds use this tree's bench/
 * (workloads, harness) with their own src/, so only chango's code differs. --node-flags passes
 * flags to every cell, as in bench/run.ts.
 *
 * --interleave N runs both builds in ONE process instead, in turns of N operations each
 * (bench/abpair.ts): far steadier on a loaded machine, at the price of a shared heap and JIT
 * state. Use it to decide whether a change pays; publish numbers from bench/run.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CellResult } from './harness.js';
import { WORKLOADS } from './workloads/index.js';
import { bundleForNode } from './bundle.js';

interface Options {
  base: string;
  only: string[];
  libs: string[] | null;
  rounds: number;
  clock: 'wall' | 'cpu';
  nodeFlags: string[];
  /** Operations per turn in the one-process mode; 0 for a process per cell. */
  interleave: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { base: 'HEAD', only: [], libs: null, rounds: 8, clock: 'wall', nodeFlags: [], interleave: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--base') o.base = next();
    else if (a === '--only') o.only = next().split(',');
    else if (a === '--libs') o.libs = next().split(',');
    else if (a === '--rounds') o.rounds = Math.max(1, Number(next()));
    else if (a === '--cpu') o.clock = 'cpu';
    else if (a === '--node-flags') o.nodeFlags = next().split(/\s+/).filter(Boolean);
    else if (a === '--interleave') o.interleave = Math.max(1, Number(next()));
    else throw new Error(`unknown option ${a}`);
  }
  if (o.only.length === 0) throw new Error('--only w1[,w2...] is required');
  return o;
}

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..');

/** Bundles `entry` (under bench/) with the given src/ directory in place of this tree's. */
async function bundle(srcDir: string, outfile: string, entry = 'cell.ts'): Promise<void> {
  const thisSrc = join(root, 'src');
  await bundleForNode(
    join(here, entry),
    outfile,

    srcDir === thisSrc
      ? []
      : [
          {
            name: 'base-src',
            setup(b) {
              // Redirect every file under this tree's src/ to the same path under the base's.
              b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
                if (!args.path.startsWith(thisSrc)) return undefined;
                const { readFile } = await import('node:fs/promises');
                const p = join(srcDir, args.path.slice(thisSrc.length));
                return { contents: await readFile(p, 'utf8'), loader: 'ts', resolveDir: join(p, '..') };
              });
            },
          },
        ],
  );
}

interface Pair {
  base: number[];
  new: number[];
  cpuBase: number[];
  cpuNew: number[];
}

function runPair(files: { base: string; new: string }, flags: string[], spec: object): Pair {
  const driver = join(here, '.cache', 'abpair.mjs');
  const p = spawnSync(
    process.execPath,
    [...flags, '--expose-gc', driver, files.base, files.new, JSON.stringify(spec)],
    {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
      timeout: 900_000,
    },
  );
  const last = p.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Pair;
  } catch {
    throw new Error(`${JSON.stringify(spec)}: ${p.stderr}`);
  }
}

function runCell(file: string, flags: string[], spec: object): CellResult {
  const p = spawnSync(process.execPath, [...flags, '--expose-gc', file, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    timeout: 300_000,
  });
  const last = p.stdout.trim().split('\n').pop() ?? '';
  const reply = JSON.parse(last) as { ok: boolean; cell?: CellResult; message?: string };
  if (!reply.ok || reply.cell === undefined) throw new Error(`${JSON.stringify(spec)}: ${reply.message ?? p.stderr}`);
  return reply.cell;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'chango-ab-'));
  try {
    execFileSync('sh', ['-c', `git -C "${root}" archive "${o.base}" src | tar -x -C "${dir}"`]);
    const rev = execFileSync('git', ['-C', root, 'rev-parse', '--short', o.base], { encoding: 'utf8' }).trim();
    const cache = join(here, '.cache');
    const files = { base: join(cache, 'ab-base.mjs'), new: join(cache, 'ab-new.mjs') };
    const lib = { base: join(cache, 'ab-base-w.mjs'), new: join(cache, 'ab-new-w.mjs') };
    if (o.interleave > 0) {
      await bundle(join(dir, 'src'), lib.base, 'workloads/index.ts');
      await bundle(join(root, 'src'), lib.new, 'workloads/index.ts');
      await bundle(join(root, 'src'), join(cache, 'abpair.mjs'), 'abpair.ts');
    } else {
      await bundle(join(dir, 'src'), files.base);
      await bundle(join(root, 'src'), files.new);
    }
    const mode = o.interleave > 0 ? `one process, turns of ${o.interleave}` : 'a process per cell';
    process.stderr.write(
      `A/B: base ${o.base} (${rev}) vs this tree, ${o.rounds} rounds, ${mode}, ${o.clock} time, load ${loadavg()[0]!.toFixed(2)}\n`,
    );
    for (const id of o.only) {
      const w = WORKLOADS.find((x) => x.id === id);
      if (w === undefined) throw new Error(`unknown workload ${id}`);
      const rows = w.rows.filter(
        (r) =>
          r.run !== undefined && r.na === undefined && (o.libs === null || o.libs.some((l) => r.name.startsWith(l))),
      );
      for (const row of rows) {
        const ratios: number[] = [];
        const base: number[] = [];
        const next: number[] = [];
        if (o.interleave > 0) {
          const pair = runPair(lib, o.nodeFlags, { workload: w.id, row: row.name, n: o.interleave, rounds: o.rounds });
          const cpu = o.clock === 'cpu' && pair.cpuBase.every(Number.isFinite);
          base.push(...(cpu ? pair.cpuBase : pair.base));
          next.push(...(cpu ? pair.cpuNew : pair.new));
          next.forEach((x, i) => ratios.push(x / base[i]!));
        }
        for (let round = 0; o.interleave === 0 && round < o.rounds; round++) {
          const spec = { workload: w.id, row: row.name, n: w.n, warm: !w.noWarmup };
          const order = round % 2 === 0 ? (['base', 'new'] as const) : (['new', 'base'] as const);
          const got: Record<string, number> = {};
          for (const which of order) {
            const c = runCell(files[which], o.nodeFlags, spec);
            got[which] = o.clock === 'cpu' && Number.isFinite(c.cpu) ? c.cpu : c.value;
          }
          base.push(got['base']!);
          next.push(got['new']!);
          ratios.push(got['new']! / got['base']!);
          process.stderr.write('.');
        }
        const wins = ratios.filter((r) => r < 1).length;
        process.stderr.write('\n');
        console.log(
          `${w.id} ${row.name}: new/base ${median(ratios).toFixed(3)}x (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}), new faster in ${wins}/${ratios.length}; base ${median(base).toFixed(0)}, new ${median(next).toFixed(0)} ${w.unit === 'job' ? 'ns/job' : 'ns/op'}`,
        );
      }
    }
    process.stderr.write(`load at end ${loadavg()[0]!.toFixed(2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

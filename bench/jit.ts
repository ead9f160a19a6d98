/**
 * Benchmark-only: V8's tiering per fresh process, to tell a JIT history that goes with the slow
 * processes from load (bench/NOTES.md, "W3's per-process variation"). Runs each given row of a
 * workload in `--procs` fresh processes, the rows interleaved (a, b, a, b, ...) so that load meets
 * them alike, every process under `--trace-opt --trace-deopt` (bench/jitcell.ts), and prints per
 * process its CPU ns per operation and what V8 did to chango's and the workload's functions
 * during the timed run: deoptimizations (function: reason) and how many (re)optimizations.
 *
 *   npx tsx bench/jit.ts --only w3 --libs "chango,floor (hand-written channel)" --procs 12
 *   npx tsx bench/jit.ts --only w3 --libs chango --procs 12 --flags "--max-semi-space-size=16"
 *
 * `--json FILE` also writes every process's record. Nothing here is timed for publication.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { bundleForNode } from './bundle.js';

const args = process.argv.slice(2);
function opt(name: string, dflt: string): string {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : dflt;
}
const workload = opt('--only', 'w3');
const rows = opt('--libs', 'chango').split(',');
const procs = Number(opt('--procs', '12'));
const n = Number(opt('--n', workload === 'w3' ? '500000' : workload === 'w4' ? '200000' : '200000'));
const extra = opt('--flags', '').split(/\s+/).filter(Boolean);
const trace = !args.includes('--no-trace');
const count = args.includes('--count');
/** `--inlining`: also record which functions TurboFan inlined into which (--trace-turbo-inlining). */
const inlining = args.includes('--inlining');
const jsonOut = opt('--json', '');
/** `--prof DIR`: a CPU profile per process, DIR/<index>.cpuprofile, summarized per process below. */
const profDir = opt('--prof', '');
let procIndex = 0;

const CELL = new URL('./.cache/jitcell.mjs', import.meta.url).pathname;
await bundleForNode(new URL('./jitcell.ts', import.meta.url).pathname, CELL);

interface Proc {
  index: number;
  row: string;
  cpu: number;
  wall: number;
  /** With --count: parks per operation, per channel in the order they first parked ("send/recv"). */
  flow: string;
  /** CPU ns per step of a fixed calibration loop around the timed run (bench/jitcell.ts). */
  calib: number;
  /** The same for an integer loop without allocation (ns per step). */
  alu: number;
  /** The young generation's size after the timed run (MB). */
  newSpace: number;
  /** GCs during the timed run (--trace-gc). */
  scavenges: number;
  markCompacts: number;
  /** Deoptimizations during the timed run, "function: reason". */
  deopts: string[];
  /** Deoptimizations during the warm-up. */
  warmDeopts: string[];
  /** TurboFan compiles completed during the timed run. */
  opts: number;
  optimizedInTimed: string[];
  /** With --inlining: "callee > caller" for every inlining decision, warm-up and timed run. */
  inlined: string[];
  /** TurboFan compiles completed during the warm-up, in order. */
  warmOpts: string[];
  status?: Record<string, string>;
  /** The timed run on the profile's clock (µs). */
  t0?: number;
  t1?: number;
  /** With --prof: self ns per operation per function during the timed run. */
  self?: Record<string, number>;
}

const NAME = /<JSFunction ([^ >]*) ?\(sfi = (0x[0-9a-f]+)\)>/;
function fnName(line: string): string {
  const m = NAME.exec(line);
  if (m === null) return '?';
  // The workload's closures are anonymous: name them by bytecode offset where a deopt gives one.
  return m[1] === '' ? '(anonymous)' : m[1]!;
}

function runOne(row: string): Proc {
  const index = procIndex++;
  const prof = profDir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${index}.cpuprofile`];
  const flags = [
    ...(trace ? ['--trace-opt', '--trace-deopt', '--trace-gc'] : []),
    ...(inlining ? ['--trace-turbo-inlining'] : []),
    '--allow-natives-syntax',
    '--expose-gc',
    ...prof,
    ...extra,
  ];
  const p = spawnSync(
    'stdbuf',
    ['-oL', process.execPath, ...flags, CELL, JSON.stringify({ workload, row, n, count })],
    {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
      cwd: new URL('.', import.meta.url).pathname,
    },
  );
  if (p.status !== 0) throw new Error(`cell failed: ${p.stderr}`);
  const rec: Proc = {
    index,
    row,
    cpu: NaN,
    wall: NaN,
    flow: '',
    calib: NaN,
    alu: NaN,
    newSpace: NaN,
    warmOpts: [],
    inlined: [],
    deopts: [],
    warmDeopts: [],
    opts: 0,
    optimizedInTimed: [],
    scavenges: 0,
    markCompacts: 0,
  };
  let timed = false;
  for (const line of p.stdout.split('\n')) {
    if (line.startsWith('@@timed ')) {
      timed = true;
      rec.t0 = Number(line.slice(8));
    } else if (line.startsWith('@@end ')) rec.t1 = Number(line.slice(6));
    else if (line.startsWith('@@result ')) {
      const r = JSON.parse(line.slice(9)) as Pick<Proc, 'cpu' | 'wall' | 'flow' | 'calib' | 'alu' | 'newSpace'>;
      rec.newSpace = r.newSpace;
      rec.calib = r.calib;
      rec.alu = r.alu;
      rec.cpu = r.cpu;
      rec.wall = r.wall;
      rec.flow = r.flow;
    } else if (line.startsWith('@@opt ')) rec.status = JSON.parse(line.slice(6)) as Record<string, string>;
    else if (line.startsWith('[bailout')) {
      const reason = /reason: ([^)]*)\)/.exec(line)?.[1] ?? '?';
      const off = /bytecode offset (\d+)/.exec(line)?.[1] ?? '?';
      const name = fnName(line);
      const key = `${name}${name === '(anonymous)' ? `@${off}` : ''}: ${reason}`;
      (timed ? rec.deopts : rec.warmDeopts).push(key);
    } else if (timed && line.includes(': Scavenge ')) rec.scavenges++;
    else if (timed && line.includes(': Mark-Compact ')) rec.markCompacts++;
    else if (line.startsWith('Inlining ')) {
      const m = /SharedFunctionInfo ([^>]*)>\} into .*SharedFunctionInfo ([^>]*)>/.exec(line);
      if (m !== null) rec.inlined.push(`${m[1] || '(anonymous)'} > ${m[2] || '(anonymous)'}`);
    } else if (!timed && line.startsWith('[completed optimizing')) rec.warmOpts.push(fnName(line));
    else if (timed && line.startsWith('[completed optimizing')) {
      rec.opts++;
      rec.optimizedInTimed.push(fnName(line));
    }
  }
  return rec;
}

/** `--from FILE`: summarize the processes of an earlier `--json FILE` (and its --prof DIR) again. */
const from = opt('--from', '');
const all: Proc[] = from === '' ? [] : (JSON.parse(readFileSync(from, 'utf8')) as Proc[]);
for (let i = 0; i < (from === '' ? procs : 0); i++) {
  for (const row of i % 2 === 0 ? rows : [...rows].reverse()) {
    const r = runOne(row);
    all.push(r);
    console.log(
      `${row.slice(0, 16).padEnd(16)} cpu ${r.cpu.toFixed(0).padStart(5)} calib ${r.calib.toFixed(0).padStart(4)} alu ${r.alu.toFixed(2)} new ${r.newSpace}M wall ${r.wall.toFixed(0).padStart(5)} ${r.flow} gc ${r.scavenges}/${r.markCompacts} timed: ${r.opts} opts [${r.optimizedInTimed.join(' ')}] deopts [${r.deopts.join('; ')}]`,
    );
  }
}
if (profDir !== '') {
  const modules = moduleLines();
  for (const r of all) r.self = selfPerOp(`${profDir}/${r.index}.cpuprofile`, r.t0!, r.t1!, r.cpu, modules);
  for (const row of rows) printProfiles(all.filter((r) => r.row === row));
  printCategories(rows, all);
}
if (inlining) printInlining(all);
if (jsonOut !== '') writeFileSync(jsonOut, JSON.stringify(all, null, 1));
for (const row of rows) {
  const cpus = all.filter((r) => r.row === row).map((r) => r.cpu);
  cpus.sort((a, b) => a - b);
  console.log(`${row}: cpu ns/op sorted ${cpus.map((c) => c.toFixed(0)).join(' ')}`);
  const rs = all.filter((r) => r.row === row);
  for (const k of ['calib', 'alu'] as const) {
    const norm = rs.map((r) => r.cpu / r[k]).sort((a, b) => a - b);
    console.log(
      `  ${k}: correlation with cpu ${pearson(
        rs.map((r) => r.cpu),
        rs.map((r) => r[k]),
      ).toFixed(
        2,
      )}; cpu / ${k} max/min ${(norm.at(-1)! / norm[0]!).toFixed(2)} (cpu alone ${(cpus.at(-1)! / cpus[0]!).toFixed(2)})`,
    );
  }
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The bundle's module markers (esbuild's `// src/...` comments): [first line, module]. */
function moduleLines(): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  readFileSync(CELL, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (/^\/\/ (src|bench)\//.test(l)) out.push([i + 1, l.slice(3)]);
    });
  return out;
}

/** What a sampled frame belongs to: a module of the bundle, a peer package, Node, or V8. */
function category(cf: ProfileNode['callFrame'], modules: Array<[number, string]>): string {
  if (cf.url === '') return cf.functionName.startsWith('(') ? cf.functionName : '(V8/Node builtins)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(cf.url);
  if (pkg !== null) return pkg[1]!;
  if (!cf.url.endsWith('jitcell.mjs')) return 'node internals';
  let mod = '?';
  for (const [line, m] of modules) if (line <= cf.lineNumber + 1) mod = m;
  if (mod.startsWith('src/')) return 'chango src/';
  return mod.startsWith('bench/workloads') ? "workload's async functions (await/resume)" : mod;
}

/**
 * Self time per function between t0 and t1 (µs, the profile's clock), in ns per operation,
 * scaled so that the functions add up to the process's CPU ns per operation: a loaded machine
 * descheduled the process for part of the samples, which a wall-clock profiler charges to
 * whatever ran last.
 */
function selfPerOp(
  file: string,
  t0: number,
  t1: number,
  cpu: number,
  modules: Array<[number, string]>,
): Record<string, number> {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self: Record<string, number> = {};
  let total = 0;
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t < t0 || t > t1) continue;
    const cf = byId.get(p.samples[i]!)!.callFrame;
    if (cf.functionName === '(idle)') continue;
    const cat = category(cf, modules);
    const where = cf.url === '' ? '' : ` ${cat.startsWith('workload') ? 'workload' : cat}:${cf.lineNumber + 1}`;
    const key = `${cf.functionName || '(anonymous)'}${where}`;
    const dt = p.timeDeltas[i] ?? 0;
    self[key] = (self[key] ?? 0) + dt;
    self[`#${cat}`] = (self[`#${cat}`] ?? 0) + dt;
    total += dt;
  }
  for (const k of Object.keys(self)) self[k] = (self[k]! * cpu) / total;
  return self;
}

/** A table: the top functions by self ns per operation, one column per process, fastest first. */
function printProfiles(ps: Proc[]): void {
  ps.sort((a, b) => a.cpu - b.cpu);
  const total = new Map<string, number>();
  for (const r of ps)
    for (const [k, v] of Object.entries(r.self!)) if (!k.startsWith('#')) total.set(k, (total.get(k) ?? 0) + v);
  const top = [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
  const col = (x: number) => x.toFixed(0).padStart(5);
  console.log(`\n${ps[0]!.row}: self CPU ns/op during the timed run, processes fastest first`);
  console.log(`${'cpu ns/op'.padEnd(60)}${ps.map((r) => col(r.cpu)).join('')}`);
  for (const [k] of top) console.log(`${k.slice(0, 59).padEnd(60)}${ps.map((r) => col(r.self![k] ?? 0)).join('')}`);
}

/** Side by side: the median over processes of each category's CPU ns per operation, per row. */
function printCategories(rowNames: string[], ps: Proc[]): void {
  const cats = new Set<string>();
  for (const r of ps) for (const k of Object.keys(r.self!)) if (k.startsWith('#')) cats.add(k);
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  console.log(`\n| CPU ns per op (median of processes) | ${rowNames.join(' | ')} |`);
  console.log(`| --- |${rowNames.map(() => ' ---: |').join('')}`);
  const line = (label: string, f: (r: Proc) => number) =>
    console.log(
      `| ${label} | ${rowNames.map((row) => med(ps.filter((r) => r.row === row).map(f)).toFixed(0)).join(' | ')} |`,
    );
  line('total (process CPU time)', (r) => r.cpu);
  const order = [...cats].sort(
    (a, b) => ps.reduce((x, r) => x + (r.self![b] ?? 0), 0) - ps.reduce((x, r) => x + (r.self![a] ?? 0), 0),
  );
  for (const c of order) line(c.slice(1), (r) => r.self![c] ?? 0);
}

/**
 * The inlining decisions that not every process of a row made, with the CPU time of the
 * processes that made them: a decision that goes with the slow processes shows here.
 */
function printInlining(ps: Proc[]): void {
  for (const row of new Set(ps.map((r) => r.row))) {
    const rs = ps.filter((r) => r.row === row).sort((a, b) => a.cpu - b.cpu);
    const sets = rs.map((r) => new Set(r.inlined));
    const all = new Set(rs.flatMap((r) => r.inlined));
    console.log(`\n${row}: inlining decisions not made in every process (cpu ns/op of those that made them)`);
    console.log(`  processes: ${rs.map((r) => r.cpu.toFixed(0)).join(' ')}`);
    for (const d of [...all].sort()) {
      const who = rs.filter((_, i) => sets[i]!.has(d));
      if (who.length === rs.length) continue;
      console.log(`  ${d.padEnd(40)} ${who.map((r) => r.cpu.toFixed(0)).join(' ')}`);
    }
  }
}

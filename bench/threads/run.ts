/**
 * `npm run bench:threads`: the cross-thread benchmarks, each sample in a fresh process
 * (bench/threads/case.ts, built into JavaScript first by bench/threads/build.ts), cases
 * interleaved round by round so that drift on a shared machine hits them alike. Prints a table
 * (median and range of the samples) and writes bench/threads/RESULTS.md.
 *
 *   npm run bench:threads                 5 rounds (10 for the CPU-bound fan-out), about 9 minutes on 2 cores
 *   npm run bench:threads -- --rounds 3   fewer rounds (--cpu-rounds n: the CPU-bound fan-out's, 2x rounds by default)
 *   npm run bench:threads -- --quick      1 round, small n: a smoke run (writes nothing)
 *   npm run bench:threads -- --only msg   one group (cpu, tiny or msg): for an A/B (writes nothing)
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildThreadBench } from './build.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const ri = args.indexOf('--rounds');
const rounds = quick ? 1 : ri >= 0 ? Number(args[ri + 1]) : 5;
// The CPU-bound fan-out moves most between processes (a process's compute speed is its own, up to
// 1.5x apart on this machine): twice the rounds of the others unless told.
const ci = args.indexOf('--cpu-rounds');
const cpuRounds = quick ? 1 : ci >= 0 ? Number(args[ci + 1]) : 2 * rounds;
const oi = args.indexOf('--only');
const only = oi >= 0 ? args[oi + 1] : undefined;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = quick ? { CPU_JOBS: '200', TINY_JOBS: '10000', PINGS: '2000', STREAM: '10000' } : {};

interface Case {
  readonly group: string;
  readonly label: string;
  readonly name: string;
  readonly threads: number;
}

const ALL: Case[] = [
  { group: 'cpu', label: 'main thread, 8 async workers', name: 'cpu-main', threads: 1 },
  { group: 'cpu', label: 'chango, 1 thread (4 goroutines)', name: 'cpu-chango', threads: 1 },
  { group: 'cpu', label: 'chango, 2 threads (4 goroutines each)', name: 'cpu-chango', threads: 2 },
  { group: 'cpu', label: 'chango, 2 threads (16 goroutines each)', name: 'cpu-chango-16', threads: 2 },
  { group: 'cpu', label: 'chango, 2 threads (64 goroutines each)', name: 'cpu-chango-64', threads: 2 },
  { group: 'cpu', label: 'chango, 4 threads (4 goroutines each)', name: 'cpu-chango', threads: 4 },
  { group: 'cpu', label: 'piscina, 2 threads', name: 'cpu-piscina', threads: 2 },
  { group: 'cpu', label: 'tinypool, 2 threads', name: 'cpu-tinypool', threads: 2 },
  {
    group: 'cpu',
    label: 'hand-written MessagePort pool, 2 threads (16 jobs in flight each)',
    name: 'cpu-port',
    threads: 2,
  },
  {
    group: 'cpu',
    label:
      'in one process: main thread, chango (2 threads, 16 and 64 goroutines each) and the MessagePort pool in turn',
    name: 'cpu-inproc',
    threads: 2,
  },
  { group: 'tiny', label: 'chango, 2 threads (16 goroutines each)', name: 'tiny-chango', threads: 2 },
  { group: 'tiny', label: 'chango, 2 threads (64 goroutines each)', name: 'tiny-chango-64', threads: 2 },
  { group: 'tiny', label: 'chango, 2 threads (128 goroutines each)', name: 'tiny-chango-128', threads: 2 },
  { group: 'tiny', label: 'piscina, 2 threads (64 in flight each)', name: 'tiny-piscina', threads: 2 },
  { group: 'tiny', label: 'tinypool, 2 threads (64 in flight each)', name: 'tiny-tinypool', threads: 2 },
  { group: 'msg', label: 'ping-pong, ThreadChannel, both owned by main', name: 'pingpong-chango', threads: 1 },
  {
    group: 'msg',
    label: 'ping-pong, ping owned by main, pong by the worker (each by its sender)',
    name: 'pingpong-chango-owned',
    threads: 1,
  },
  { group: 'msg', label: 'ping-pong, raw postMessage round trip', name: 'pingpong-postmessage', threads: 1 },
  { group: 'msg', label: 'ping-pong, local Channel', name: 'pingpong-local', threads: 1 },
  {
    group: 'msg',
    label: 'stream, ThreadChannel(1024) owned by main, worker -> main',
    name: 'stream-chango',
    threads: 1,
  },
  {
    group: 'msg',
    label: 'stream, ThreadChannel(1024) created on the sending worker',
    name: 'stream-chango-owned',
    threads: 1,
  },
  { group: 'msg', label: 'stream, local Channel(1024)', name: 'stream-local', threads: 1 },
];

const CASES: Case[] = only === undefined ? ALL : ALL.filter((c) => c.group === only);

/** One sample: wall ms, operations, and the owner thread's CPU ms (NaN where Linux does not say). */
interface Sample {
  ms: number;
  n: number;
  ownerCpu: number;
  /** The CPU time of the whole process (every thread), in ms. */
  cpu: number;
  /** cpu-inproc: the median over its rounds of main thread / chango, and of main thread / the port pool. */
  ratio?: number;
  ratio64?: number;
  portRatio?: number;
}

const built = await buildThreadBench();
const samples = new Map<Case, Sample[]>(CASES.map((c) => [c, []]));
const load: number[] = [];
for (let r = 0; r < Math.max(rounds, cpuRounds); r++) {
  const these = CASES.filter((c) => r < (c.group === 'cpu' ? cpuRounds : rounds));
  for (let k = 0; k < these.length; k++) {
    const c = these[(k + r) % these.length] as Case;
    load.push(loadavg()[0] as number);
    const p = spawnSync(process.execPath, [built, c.name, String(c.threads)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 300_000,
    });
    const line = p.stdout.trim().split('\n').pop() ?? '';
    if (p.status !== 0 || !line.startsWith('{')) {
      console.error(`${c.label}: failed (status ${p.status})\nstdout:\n${p.stdout}\nstderr:\n${p.stderr}`);
      process.exit(1);
    }
    samples.get(c)!.push(JSON.parse(line) as Sample);
    process.stderr.write('.');
  }
}
process.stderr.write('\n');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const f = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const perOp = (c: Case): number[] => samples.get(c)!.map((s) => (s.ms * 1000) / s.n);
const ms = (c: Case): number[] => samples.get(c)!.map((s) => s.ms);
const ownerPerOp = (c: Case): number[] => samples.get(c)!.map((s) => (s.ownerCpu * 1000) / s.n);
const allPerOp = (c: Case): number[] => samples.get(c)!.map((s) => (s.cpu * 1000) / s.n);

const out: string[] = [];
out.push(`# Thread benchmarks (bench/threads)`);
out.push('');
out.push(
  `${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ` +
    `${only === 'cpu' ? cpuRounds : rounds} fresh-process samples per row (unless said), load average ${Math.min(...load).toFixed(1)} to ${Math.max(...load).toFixed(1)} during the run.`,
);
if (only === undefined || only === 'cpu') {
  const cpuMain = CASES[0] as Case;
  const mainMedian = median(ms(cpuMain));
  const inproc = CASES.find((c) => c.name === 'cpu-inproc');
  out.push('');
  out.push(
    `## CPU-bound fan-out: ${samples.get(cpuMain)![0]?.n} jobs of a prime count (about 1 ms each), ${cpuRounds} fresh-process samples per row`,
  );
  out.push('');
  out.push('| row | ms (median) | range | speed-up over main thread (median) | main thread CPU, µs/job |');
  out.push('| --- | ---: | ---: | ---: | ---: |');
  for (const c of CASES.filter((x) => x.group === 'cpu' && x !== inproc)) {
    const m = median(ms(c));
    out.push(
      `| ${c.label} | ${f(m)} | ${f(Math.min(...ms(c)))}–${f(Math.max(...ms(c)))} | ${(mainMedian / m).toFixed(2)}x | ${f(median(ownerPerOp(c)))} |`,
    );
  }
  out.push('');
  out.push(
    "Speed-up: the main thread's median time over the row's, each from its own fresh processes. A process's " +
      'compute speed is its own (it moves by up to 1.5x between processes on this machine), so this ratio of two ' +
      'medians moves with the processes the main-thread row happened to get.',
  );
  if (inproc !== undefined) {
    const ratios = samples.get(inproc)!.map((s) => s.ratio ?? Number.NaN);
    const ratios64 = samples.get(inproc)!.map((s) => s.ratio64 ?? Number.NaN);
    const portRatios = samples.get(inproc)!.map((s) => s.portRatio ?? Number.NaN);
    const row = (label: string, xs: number[]): string =>
      `| ${label} | ${median(xs).toFixed(2)}x | ${Math.min(...xs).toFixed(2)}x–${Math.max(...xs).toFixed(2)}x |`;
    out.push('');
    out.push(
      `### The same speed-up measured inside one process (${cpuRounds} fresh processes; in each, ` +
        'the main thread alone, chango (16, then 64 goroutines per thread) and the MessagePort pool run the fan-out in turn, after a warm-up, ' +
        "and the process's ratio is the median of its rounds)",
    );
    out.push('');
    out.push('| row | speed-up over main thread, median of the processes | range |');
    out.push('| --- | ---: | ---: |');
    out.push(row('chango, 2 threads (16 goroutines each)', ratios));
    out.push(row('chango, 2 threads (64 goroutines each)', ratios64));
    out.push(row('hand-written MessagePort pool, 2 threads (16 jobs in flight each)', portRatios));
  }
}
if (only === undefined || only === 'tiny') {
  out.push('');
  out.push(`## Tiny jobs (\`x * 2\`), µs per job, after a warm-up (bench/threads/case.ts)`);
  out.push('');
  out.push('| row | µs/job (median) | range | main thread CPU, µs/job | all threads CPU, µs/job |');
  out.push('| --- | ---: | ---: | ---: | ---: |');
  for (const c of CASES.filter((x) => x.group === 'tiny')) {
    out.push(
      `| ${c.label} | ${f(median(perOp(c)))} | ${f(Math.min(...perOp(c)))}–${f(Math.max(...perOp(c)))} | ${f(median(ownerPerOp(c)))} | ${f(median(allPerOp(c)))} |`,
    );
  }
}
if (only === undefined || only === 'msg') {
  // A ping-pong sample's n counts two messages per cycle, so its per-message figure is half a
  // cycle: for the raw postMessage row, half a round trip. The target compares each row's cost
  // per message with the whole round trip, so it is printed on its own.
  const raw = CASES.find((c) => c.name === 'pingpong-postmessage');
  const roundTrip = raw === undefined ? Number.NaN : 2 * median(perOp(raw));
  out.push('');
  out.push(`## Per message, µs (a ping-pong cycle counts as two messages)`);
  out.push('');
  out.push(
    '| row | µs/message (median) | range | µs per ping-pong cycle | main thread CPU, µs/message | at most the round trip |',
  );
  out.push('| --- | ---: | ---: | ---: | ---: | :---: |');
  for (const c of CASES.filter((x) => x.group === 'msg')) {
    const m = median(perOp(c));
    const ping = c.name.startsWith('pingpong');
    const versus =
      c === raw || c.name.endsWith('-local') || Number.isNaN(roundTrip) ? '' : m <= roundTrip ? 'yes' : 'no';
    out.push(
      `| ${c.label} | ${f(m)} | ${f(Math.min(...perOp(c)))}–${f(Math.max(...perOp(c)))} | ${ping ? f(2 * m) : ''} | ${f(median(ownerPerOp(c)))} | ${versus} |`,
    );
  }
  if (raw !== undefined) {
    out.push('');
    out.push(
      `The raw \`postMessage\` round trip (one post to a worker and its answer back) took ${f(roundTrip)} µs in this run ` +
        `(${f(median(perOp(raw)))} µs per message); "at most the round trip" compares each cross-thread row's µs per message with it.`,
    );
  }
}
out.push('');
out.push(
  'Main thread CPU: the CPU time the main (owner) thread used during the timed part, from Linux (10 ms ticks); ' +
    'unlike the wall time it does not grow when other processes take the core. All threads CPU: the same for the ' +
    'whole process (main thread and workers, from `process.cpuUsage()`).',
);
const text = out.join('\n') + '\n';
console.log(text);
if (!quick && only === undefined) writeFileSync(new URL('./RESULTS.md', import.meta.url), text);

/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts): every workload for chango and
 * its peers, side by side, in one process.
 *
 *   npm run bench                      full run (5 rounds), prints tables, writes bench/RESULTS.md
 *   npm run bench -- --quick           fast look: small n, 1 round, checks still on; writes nothing
 *   npm run bench -- --only w1,w5b     some workloads (ids: w1 w2 w3 w4 w5 w5b w5m w6a w6b w6c starve)
 *   npm run bench -- --libs chango,ts  only rows whose name starts with one of these
 *   npm run bench -- --runs 3          rounds per workload (default 5)
 *   npm run bench -- --out FILE        write the report there (default bench/RESULTS.md; --out - for none)
 *
 * Exits non-zero if any workload computed a wrong result.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import {
  CheckError,
  fmt,
  notesOf,
  renderMarkdown,
  renderText,
  runWorkload,
  tableCells,
  type RunOptions,
  type Workload,
  type WorkloadResult,
} from './harness.js';
import { PEERS, versionOf } from './peers.js';
import { w1 } from './workloads/w1-pingpong.js';
import { w2 } from './workloads/w2-buffered.js';
import { w3 } from './workloads/w3-workerpool.js';
import { w4 } from './workloads/w4-select-fanin.js';
import { w5 } from './workloads/w5-select-after.js';
import { w5b } from './workloads/w5b-select-idle.js';
import { w5m } from './workloads/w5m-million-selects.js';
import { w6a, w6b, w6c } from './workloads/w6-memory.js';
import { starvation } from './workloads/starvation.js';

const WORKLOADS: Workload[] = [w1, w2, w3, w4, w5, w5b, w5m, w6a, w6b, w6c, starvation];

function parseArgs(argv: string[]): RunOptions & { out: string | null } {
  const opts: RunOptions & { out: string | null } = {
    quick: false,
    runs: 5,
    only: null,
    libs: null,
    out: 'bench/RESULTS.md',
    log: (line) => process.stderr.write(`${line}\n`),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--runs') opts.runs = Math.max(1, Number(next()));
    else if (a === '--only') opts.only = next().split(',');
    else if (a === '--libs') opts.libs = next().split(',');
    else if (a === '--out') opts.out = next();
    else throw new Error(`unknown option ${a}`);
  }
  if (opts.quick && !argv.includes('--out')) opts.out = null;
  if (opts.out === '-') opts.out = null;
  return opts;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1] !== undefined) return m[1];
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

function machine(): string[] {
  return [
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}`,
    `- CPU: ${cpuModel()}, ${cpus().length} cores (/proc/cpuinfo)`,
    `- load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
    `- versions: chango ${versionOf('chango')} (this tree), ${PEERS.map((p) => `${p} ${versionOf(p)}`).join(', ')}`,
  ];
}

function targetLines(res: WorkloadResult): string[] {
  return (res.workload.targets ?? []).map((t) => {
    const r = t.evaluate(res);
    const mark = r.met === undefined ? 'n/a' : r.met ? 'MET' : 'MISSED';
    return `${mark.padEnd(6)} ${t.label}: ${r.value}${r.detail ? ` (${r.detail})` : ''}`;
  });
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const selected = WORKLOADS.filter((w) => opts.only === null || opts.only.includes(w.id));
  const header = machine();
  console.log(header.join('\n'));
  console.log(opts.quick ? '\n(quick run: small n, one round; the times are not results)' : '');

  const started = performance.now();
  const results: WorkloadResult[] = [];
  let failed = false;
  for (const w of selected) {
    opts.log(`running ${w.id} (${w.title})`);
    const w0 = performance.now();
    let res: WorkloadResult;
    try {
      res = await runWorkload(w, opts);
    } catch (e) {
      failed = true;
      console.error(`\n${w.id} FAILED: ${e instanceof CheckError ? e.message : ((e as Error).stack ?? e)}`);
      continue;
    }
    results.push(res);
    opts.log(`${w.id} took ${((performance.now() - w0) / 1000).toFixed(1)} s`);
    console.log(`\n## ${w.title} (n = ${fmt(res.n)}, ${res.runs} run${res.runs > 1 ? 's' : ''}, median)\n`);
    console.log(renderText(tableCells(res)));
    for (const note of notesOf(res)) console.log(`  - ${note}`);
    for (const line of targetLines(res)) console.log(`  ${line}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nnoise: ${noise(results)}`);
  console.log(
    `total ${seconds.toFixed(1)} s; load average at end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );

  if (opts.out !== null && !failed) {
    writeFileSync(opts.out, report(header, results, seconds, opts));
    console.log(`wrote ${opts.out}`);
  }
  if (failed) {
    console.error('\nsome workloads FAILED their checks');
    process.exitCode = 1;
  }
}

/** How noisy the run was: the median and the worst spread over the timed rows. */
function noise(results: WorkloadResult[]): string {
  const spreads = results
    .filter((r) => r.workload.metric?.time !== false)
    .flatMap((r) => r.rows.filter((row) => row.samples.length > 1).map((row) => row.spread))
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  if (spreads.length === 0) return 'n/a (one run per row)';
  const pct = (x: number) => `±${((x * 100) / 2).toFixed(0)}%`;
  return `median spread over the timed rows ${pct(spreads[spreads.length >> 1]!)}, worst ${pct(spreads[spreads.length - 1]!)}`;
}

function report(header: string[], results: WorkloadResult[], seconds: number, opts: RunOptions): string {
  const out: string[] = [];
  out.push('# chango benchmark results', '');
  out.push(
    'Generated by `npm run bench` (bench/run.ts); see bench/NOTES.md for the profile and the analysis.',
    'Absolute times drift between runs on this shared machine: compare rows within one run only.',
    '',
  );
  out.push(
    '## Machine',
    '',
    ...header,
    `- load average at end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
  out.push(
    `- ${opts.runs} interleaved rounds per workload in one process; median shown; spread = ±half of (max-min)/median`,
  );
  out.push(`- total time: ${seconds.toFixed(0)} s`);
  out.push(`- noise: ${noise(results)}`, '');
  out.push('## Targets', '', '| target | chango | verdict |', '| --- | --- | --- |');
  for (const res of results) {
    for (const t of res.workload.targets ?? []) {
      const r = t.evaluate(res);
      out.push(
        `| ${t.label} | ${r.value} | ${r.met === undefined ? 'n/a' : r.met ? 'met' : 'MISSED'}${r.detail ? `: ${r.detail}` : ''} |`,
      );
    }
  }
  out.push('');
  for (const res of results) {
    out.push(`## ${res.workload.title}`, '', `n = ${fmt(res.n)}, ${res.runs} runs, median.`, '');
    out.push(renderMarkdown(tableCells(res)), '');
    for (const note of notesOf(res)) out.push(`- ${note}`);
    out.push('');
  }
  return out.join('\n');
}

// A workload whose goroutines deadlock leaves nothing for the event loop to do, and Node would
// exit with code 0 halfway through: treat exiting before main() finished as a failure.
let finished = false;
process.on('exit', () => {
  if (!finished) {
    console.error('\nbench: the process ran out of work before the run finished (a workload deadlocked?)');
    process.exitCode = 1;
  }
});

main().then(
  () => {
    finished = true;
  },
  (e) => {
    finished = true;
    console.error(e);
    process.exitCode = 1;
  },
);

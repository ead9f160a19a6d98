/**
 * The shared benchmark harness: workload and row types, the runner, statistics, and the tables.
 *
 * A workload is a list of rows (chango, chango's fastest idiom, each peer, the hand-written
 * floor). Every row is an async function `run(n, m)` that does the work for `n` operations and
 * checks its own result through `m.check(...)`: a wrong answer throws a {@link CheckError}, which
 * fails the whole run (non-zero exit) instead of posting a time.
 *
 * Repeats run in ONE process, in interleaved rounds: round r runs every row once, starting at a
 * rotated position. Machine drift (this box is shared; absolute times move by up to 1.5x) then
 * hits every row of a workload alike, which is what the ratios need, and one process avoids
 * paying a tsx start-up per sample. Every row gets an untimed warm-up run first, so all rows are
 * measured with their code optimized. No GC is forced before a timed sample (see runOnce): a
 * major GC caused by the previous row's garbage may land in any sample, which the median over
 * interleaved rounds absorbs.
 */

/** Thrown when a workload computed a wrong result. */
export class CheckError extends Error {
  override name = 'CheckError';
}

/** Passed to each row: it measures, checks, and records extra metrics. */
export interface Meter {
  /** Starts the clock (optional: without start/stop the whole run is timed). */
  start(): void;
  /** Stops the clock. */
  stop(): void;
  /** Fails the run unless `actual === expected`. */
  check(what: string, actual: unknown, expected: unknown): void;
  /** Overrides the primary metric (e.g. bytes per channel); otherwise it is elapsed ns / n. */
  result(value: number): void;
  /** Records a secondary metric shown in its own column (medians over the runs). */
  extra(key: string, value: number): void;
}

export type RowKind = 'chango' | 'chango-idiom' | 'peer' | 'peer-idiom' | 'floor';

export interface Row {
  /** Library (and variant) as shown in the table. */
  name: string;
  kind: RowKind;
  /** Set instead of `run` when the library has no way to express the workload. */
  na?: string;
  /** A short remark shown under the table. */
  note?: string;
  run?: (n: number, m: Meter) => Promise<void>;
}

export interface Column {
  key: string;
  label: string;
  /** Digits after the point. */
  digits?: number;
}

export interface Target {
  /** What is measured, as in the issue. */
  label: string;
  /** Computes the value and whether it meets the target, from the row medians (by row name). */
  evaluate(results: WorkloadResult): { value: string; met: boolean | undefined; detail?: string };
}

export interface Workload {
  id: string;
  title: string;
  /** What one operation is ("message", "job", "iteration", ...). */
  unit: string;
  /** Primary metric: time per op (default) or a number the rows report through m.result(). */
  metric?: { label: string; digits?: number; time?: false };
  n: number;
  quickN: number;
  /** Runs per row; defaults to the harness setting (5, or 1 when --quick). */
  runs?: number;
  /** Skip the untimed warm-up (e.g. memory workloads, where it proves nothing). */
  noWarmup?: boolean;
  columns?: Column[];
  rows: Row[];
  targets?: Target[];
  /** Free text printed under the table. */
  notes?: string[];
}

export interface RowResult {
  row: Row;
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** (max - min) / median over the samples. */
  spread: number;
  extras: Record<string, number>;
}

export interface WorkloadResult {
  workload: Workload;
  n: number;
  runs: number;
  rows: RowResult[];
  get(name: string): RowResult | undefined;
}

export interface RunOptions {
  quick: boolean;
  runs: number;
  only: string[] | null;
  libs: string[] | null;
  log: (line: string) => void;
}

// ---- statistics ----------------------------------------------------------------------------

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

// ---- environment helpers -------------------------------------------------------------------

const gcFn = (globalThis as { gc?: () => void }).gc;

/** Full garbage collection; the harness needs --expose-gc (npm run bench passes it). */
export function gc(): void {
  if (gcFn === undefined) throw new Error('run with node --expose-gc (npm run bench does)');
  gcFn();
}

export function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

/** Number of live timers (setTimeout/setInterval) in this process. */
export function pendingTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

/** Resolves after the event loop has had a turn (lets parked code settle, flushes macrotasks). */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// ---- running -------------------------------------------------------------------------------

class RowMeter implements Meter {
  private t0 = 0;
  private c0: NodeJS.CpuUsage | undefined;
  elapsed = -1;
  /** CPU time (user + system, all threads of the process) over the same span, in ms. */
  cpu = -1;
  value: number | undefined;
  extras: Record<string, number> = {};

  constructor(private readonly rowName: string) {}

  start(): void {
    this.c0 = process.cpuUsage();
    this.t0 = performance.now();
  }
  stop(): void {
    this.elapsed = performance.now() - this.t0;
    const c = process.cpuUsage(this.c0);
    this.cpu = (c.user + c.system) / 1000;
  }
  check(what: string, actual: unknown, expected: unknown): void {
    if (!Object.is(actual, expected)) {
      throw new CheckError(`${this.rowName}: ${what}: got ${String(actual)}, expected ${String(expected)}`);
    }
  }
  result(value: number): void {
    this.value = value;
  }
  extra(key: string, value: number): void {
    this.extras[key] = value;
  }
}

/** Samples every row gets, whatever it costs. */
export const MIN_RUNS = 3;
/** After MIN_RUNS samples, a row whose samples took longer than this in all gets no more. */
export const ROW_BUDGET_MS = 4_000;

async function runOnce(row: Row, n: number): Promise<RowMeter> {
  const m = new RowMeter(row.name);
  // No forced gc() here: after a full GC, V8 keeps the young generation small for a while and
  // an allocating loop right after it measured up to 2.5x slower (W5b's 100k selects: ~450 vs
  // ~170 ns/iteration), which is not how a program runs. Memory workloads force their own GCs
  // around an untimed pass.
  await tick();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await row.run!(n, m);
  if (m.elapsed < 0) {
    m.elapsed = performance.now() - t0;
    const c = process.cpuUsage(c0);
    m.cpu = (c.user + c.system) / 1000;
  }
  return m;
}

export async function runWorkload(w: Workload, opts: RunOptions): Promise<WorkloadResult> {
  const n = opts.quick ? w.quickN : w.n;
  const runs = opts.quick ? 1 : Math.min(w.runs ?? opts.runs, opts.runs);
  const rows = w.rows.filter((r) => opts.libs === null || opts.libs.some((l) => r.name.startsWith(l)));
  const live = rows.filter((r) => r.run !== undefined && r.na === undefined);
  const samples = new Map<Row, number[]>(live.map((r) => [r, []]));
  const extras = new Map<Row, Record<string, number[]>>(live.map((r) => [r, {}]));
  const timeMetric = w.metric?.time !== false;

  if (!w.noWarmup && !opts.quick) {
    const warmN = Math.max(1, Math.floor(n / 10));
    for (const r of live) await runOnce(r, warmN);
  }
  // Rows that are slow (a peer at 10-50x chango's time) stop after MIN_RUNS samples once their
  // samples add up to ROW_BUDGET_MS: their median is far from any threshold, and the full run
  // stays within a few minutes.
  const spent = new Map<Row, number>(live.map((r) => [r, 0]));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < live.length; k++) {
      const r = live[(k + round) % live.length] as Row;
      if (round >= MIN_RUNS && spent.get(r)! > ROW_BUDGET_MS) continue;
      const t0 = performance.now();
      const m = await runOnce(r, n);
      spent.set(r, spent.get(r)! + performance.now() - t0);
      const v = m.value ?? (timeMetric ? (m.elapsed * 1e6) / n : NaN);
      samples.get(r)!.push(v);
      const ex = extras.get(r)!;
      if (timeMetric && m.value === undefined) (ex['cpu'] ??= []).push((m.cpu * 1e6) / n);
      for (const [key, value] of Object.entries(m.extras)) (ex[key] ??= []).push(value);
    }
    opts.log(`  ${w.id}: round ${round + 1}/${runs} done`);
  }

  const results: RowResult[] = rows.map((row) => {
    const s = samples.get(row) ?? [];
    const med = median(s);
    const ex: Record<string, number> = {};
    for (const [key, values] of Object.entries(extras.get(row) ?? {})) ex[key] = median(values);
    return {
      row,
      samples: s,
      median: med,
      min: s.length ? Math.min(...s) : NaN,
      max: s.length ? Math.max(...s) : NaN,
      spread: s.length && med !== 0 ? (Math.max(...s) - Math.min(...s)) / med : NaN,
      extras: ex,
    };
  });
  return { workload: w, n, runs, rows: results, get: (name) => results.find((r) => r.row.name === name) };
}

// ---- target helpers ------------------------------------------------------------------------

/** The fastest plain (non-idiom) peer row of a result, by median. */
export function fastestPeer(res: WorkloadResult): RowResult | undefined {
  let best: RowResult | undefined;
  for (const r of res.rows) {
    if (r.row.kind !== 'peer' || !Number.isFinite(r.median)) continue;
    if (best === undefined || r.median < best.median) best = r;
  }
  return best;
}

/** Target: chango row median / fastest plain peer median <= `max`. */
export function ratioToFastestPeer(label: string, changoRow: string, max: number): Target {
  return {
    label,
    evaluate(res) {
      const c = res.get(changoRow);
      const p = fastestPeer(res);
      if (c === undefined || p === undefined || !Number.isFinite(c.median)) return { value: 'n/a', met: undefined };
      const ratio = c.median / p.median;
      return {
        value: `${ratio.toFixed(2)}x (${fmt(c.median, 0)} vs ${p.row.name} ${fmt(p.median, 0)})`,
        met: ratio <= max,
        detail: ratio <= max ? `meets <= ${max}x` : `misses <= ${max}x by ${(ratio / max).toFixed(2)}x`,
      };
    },
  };
}

/** Target: a row's value (median of the primary metric or an extra) <= `max`. */
export function atMost(label: string, rowName: string, max: number, key?: string, unit = ''): Target {
  return {
    label,
    evaluate(res) {
      const r = res.get(rowName);
      const v = r === undefined ? NaN : key === undefined ? r.median : (r.extras[key] ?? NaN);
      if (!Number.isFinite(v)) return { value: 'n/a', met: undefined };
      return {
        value: `${fmt(v, v < 10 ? 2 : 0)}${unit}`,
        met: v <= max,
        detail: v <= max ? `meets <= ${max}${unit}` : `misses <= ${max}${unit} by ${(v / max).toFixed(2)}x`,
      };
    },
  };
}

// ---- formatting ----------------------------------------------------------------------------

export function fmt(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function fmtRate(nsPerOp: number): string {
  if (!Number.isFinite(nsPerOp) || nsPerOp <= 0) return 'n/a';
  const r = 1e9 / nsPerOp;
  if (r >= 1e6) return `${(r / 1e6).toFixed(2)} M`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(1)} k`;
  return r.toFixed(0);
}

/** Builds the table for one workload as rows of cells (first row is the header). */
export function tableCells(res: WorkloadResult): string[][] {
  const w = res.workload;
  const timeMetric = w.metric?.time !== false;
  const primary = w.metric?.label ?? `ns/${w.unit}`;
  const digits = w.metric?.digits ?? 0;
  const chango = res.rows.find((r) => r.row.kind === 'chango');
  const cols = w.columns ?? [];
  const header = ['library', primary];
  const showRuns = res.rows.some((r) => r.samples.length > 0 && r.samples.length !== res.runs);
  if (timeMetric) header.push(`${w.unit}s/s`);
  header.push('vs chango', 'spread');
  if (showRuns) header.push('runs');
  if (timeMetric) header.push(`cpu ns/${w.unit}`);
  for (const c of cols) header.push(c.label);
  const out = [header];
  for (const r of res.rows) {
    if (r.row.na !== undefined || r.row.run === undefined) {
      const cells = [r.row.name, `n/a: ${r.row.na ?? 'not available'}`];
      while (cells.length < header.length) cells.push('');
      out.push(cells);
      continue;
    }
    const ratio = chango !== undefined && Number.isFinite(chango.median) ? r.median / chango.median : NaN;
    const cells = [r.row.name, fmt(r.median, digits)];
    if (timeMetric) cells.push(fmtRate(r.median));
    cells.push(Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a');
    cells.push(r.samples.length > 1 && Number.isFinite(r.spread) ? `±${((r.spread * 100) / 2).toFixed(0)}%` : '-');
    if (showRuns) cells.push(String(r.samples.length));
    if (timeMetric) cells.push(fmt(r.extras['cpu'] ?? NaN, 0));
    for (const c of cols) cells.push(fmt(r.extras[c.key] ?? NaN, c.digits ?? 0));
    out.push(cells);
  }
  return out;
}

export function renderText(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function renderMarkdown(cells: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const head = cells[0]!;
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...cells.slice(1).map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function notesOf(res: WorkloadResult): string[] {
  const out = [...(res.workload.notes ?? [])];
  for (const r of res.rows) if (r.row.note !== undefined) out.push(`${r.row.name}: ${r.row.note}`);
  return out;
}

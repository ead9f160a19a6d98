/**
 * The shared benchmark harness: workload and row types, one measured cell, the paired-round
 * statistics, and the tables.
 *
 * A workload is a list of rows (chango, chango's fastest idiom, each peer, the hand-written
 * floor). Every row is an async function `run(n, m)` that does the work for `n` operations and
 * checks its own result through `m.check(...)`: a wrong answer throws a {@link CheckError}, which
 * fails the whole run (non-zero exit) instead of posting a time.
 *
 * A cell is one row measured once, in a process of its own (bench/cell.ts): an untimed warm-up
 * run, then the timed run. bench/run.ts runs a workload's row of cells once per round, in
 * alternating order (forward, backward, ...), and each round gives every row a ratio to the
 * fastest peer of that same round. Drift on the shared machine then hits a round's cells alike;
 * a fresh process per cell keeps one cell's JIT state, inline caches and heap out of the next
 * (the same build ran W3 at 477 and 779 ns per job in consecutive processes, see NOTES.md).
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
  /** Computes the value and whether it meets the target, from the row results (by row name). */
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
  /** Rounds at most (a deterministic metric needs fewer); defaults to the run's setting. */
  runs?: number;
  /** Skip the untimed warm-up (e.g. memory workloads, where it proves nothing). */
  noWarmup?: boolean;
  columns?: Column[];
  rows: Row[];
  targets?: Target[];
  /** Free text printed under the table. */
  notes?: string[];
}

/** What one cell (one row, one round, one process) measured. */
export interface CellResult {
  /** The primary metric: ns per op, or what the row passed to m.result(). */
  value: number;
  /** CPU ns per op (user + system, all threads) over the timed span; NaN for other metrics. */
  cpu: number;
  extras: Record<string, number>;
}

export interface RowResult {
  row: Row;
  /** One sample per round the row ran in (NaN where it was skipped). */
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** Per round: this row's sample / the fastest plain peer's sample of the same round. */
  ratios: number[];
  /** Median, min and max of `ratios` (NaN without peers or for non-time metrics). */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  extras: Record<string, number>;
}

export interface WorkloadResult {
  workload: Workload;
  n: number;
  rounds: number;
  rows: RowResult[];
  /** The peer that was fastest in the most rounds. */
  fastestPeer: RowResult | undefined;
  /** The Go twin's ns/op with GOMAXPROCS=1 (bench/go), when it was run. */
  go?: number;
  /** Which time the samples and ratios are: wall (default) or CPU (user + system); the other is the `cpu` column. */
  clock: 'wall' | 'cpu';
  get(name: string): RowResult | undefined;
}

// ---- statistics ----------------------------------------------------------------------------

export function median(xs: readonly number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function finiteMin(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite);
  return f.length ? Math.min(...f) : NaN;
}

function finiteMax(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite);
  return f.length ? Math.max(...f) : NaN;
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

// ---- one cell ------------------------------------------------------------------------------

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

/**
 * Measures one cell in this process: an untimed warm-up run at n/10 (so the timed run meets
 * optimized code, as a long-running program would), then the timed run.
 */
export async function measureCell(w: Workload, row: Row, n: number, warm: boolean): Promise<CellResult> {
  if (warm && !w.noWarmup) await runOnce(row, Math.max(1, Math.floor(n / 10)));
  const m = await runOnce(row, n);
  const timeMetric = w.metric?.time !== false;
  return {
    value: m.value ?? (timeMetric ? (m.elapsed * 1e6) / n : NaN),
    cpu: timeMetric && m.value === undefined ? (m.cpu * 1e6) / n : NaN,
    extras: m.extras,
  };
}

// ---- paired rounds -------------------------------------------------------------------------

/** True when the workload's rows get ratios to the fastest peer (time metric, and peers). */
export function hasRatios(w: Workload): boolean {
  return w.metric?.time !== false && w.rows.some((r) => r.kind === 'peer' && r.run !== undefined && r.na === undefined);
}

/**
 * Builds the result from the cells: `cells[round]` maps a row to what it measured that round
 * (a row skipped in a round has no entry).
 */
export function summarize(
  w: Workload,
  n: number,
  rows: readonly Row[],
  cells: ReadonlyArray<ReadonlyMap<Row, CellResult>>,
  clock: 'wall' | 'cpu' = 'wall',
): WorkloadResult {
  const ratios = hasRatios(w);
  const fastestCount = new Map<Row, number>();
  const fastestOf = cells.map((round) => {
    let best: Row | undefined;
    for (const [row, c] of round) {
      if (row.kind !== 'peer' || !Number.isFinite(c.value)) continue;
      if (best === undefined || c.value < round.get(best)!.value) best = row;
    }
    if (best !== undefined) fastestCount.set(best, (fastestCount.get(best) ?? 0) + 1);
    return best === undefined ? NaN : round.get(best)!.value;
  });
  const results: RowResult[] = rows.map((row) => {
    const samples = cells.map((round) => round.get(row)?.value ?? NaN);
    const rs = ratios ? samples.map((s, i) => s / (fastestOf[i] as number)) : [];
    const extras: Record<string, number> = {};
    const keys = new Set(cells.flatMap((round) => Object.keys(round.get(row)?.extras ?? {})));
    for (const key of keys) extras[key] = median(cells.map((round) => round.get(row)?.extras[key] ?? NaN));
    const cpu = median(cells.map((round) => round.get(row)?.cpu ?? NaN));
    if (Number.isFinite(cpu)) extras['cpu'] = cpu;
    return {
      row,
      samples,
      median: median(samples),
      min: finiteMin(samples),
      max: finiteMax(samples),
      ratios: rs,
      ratio: median(rs),
      ratioMin: finiteMin(rs),
      ratioMax: finiteMax(rs),
      extras,
    };
  });
  let fastest: RowResult | undefined;
  let most = 0;
  for (const r of results) {
    const k = fastestCount.get(r.row) ?? 0;
    if (k > most) {
      most = k;
      fastest = r;
    }
  }
  return {
    workload: w,
    n,
    rounds: cells.length,
    clock,
    rows: results,
    fastestPeer: fastest,
    get: (name) => results.find((r) => r.row.name === name),
  };
}

/**
 * Whether a row's per-round ratios say it beats the fastest peer: 'win' when every round does,
 * 'not a win' when the median does but the spread reaches 1.0, 'loss' when no round does, and
 * 'changes side' when the median does not but some round does.
 */
export function verdict(r: RowResult): string {
  if (!Number.isFinite(r.ratio)) return '';
  if (r.ratioMax < 1) return 'win';
  if (r.ratio < 1) return 'not a win (spread crosses 1.0)';
  if (r.ratioMin < 1) return 'changes side';
  return 'slower';
}

// ---- target helpers ------------------------------------------------------------------------

export function fmtRatio(r: RowResult): string {
  return `${r.ratio.toFixed(2)}x (${r.ratioMin.toFixed(2)}-${r.ratioMax.toFixed(2)})`;
}

/**
 * Target: the median over rounds of (chango row / fastest plain peer of the round) <= `max`.
 * The detail says whether every round met it.
 */
export function ratioToFastestPeer(label: string, changoRow: string, max: number): Target {
  return {
    label,
    evaluate(res) {
      const c = res.get(changoRow);
      const p = res.fastestPeer;
      if (c === undefined || p === undefined || !Number.isFinite(c.ratio)) return { value: 'n/a', met: undefined };
      const met = c.ratio <= max;
      const rounds = c.ratios.filter(Number.isFinite).length;
      const detail = !met
        ? `misses <= ${max}x by ${(c.ratio / max).toFixed(2)}x`
        : c.ratioMax <= max
          ? `meets <= ${max}x in all ${rounds} rounds`
          : `the median meets <= ${max}x; ${c.ratios.filter((x) => x > max).length} of ${rounds} rounds do not`;
      return {
        value: `${fmtRatio(c)} (${fmt(c.median, 0)} vs ${p.row.name} ${fmt(p.median, 0)} ns)`,
        met,
        detail,
      };
    },
  };
}

/**
 * Target: the median over rounds of (row `a` / row `b` of the same round) <= `max`; e.g. an
 * idiom no slower than the plain form.
 */
export function pairedRatio(label: string, a: string, b: string, max: number): Target {
  return {
    label,
    evaluate(res) {
      const ra = res.get(a);
      const rb = res.get(b);
      if (ra === undefined || rb === undefined) return { value: 'n/a', met: undefined };
      const rs = ra.samples.map((x, i) => x / (rb.samples[i] as number)).filter(Number.isFinite);
      if (rs.length === 0) return { value: 'n/a', met: undefined };
      const med = median(rs);
      return {
        value: `${med.toFixed(2)}x (${finiteMin(rs).toFixed(2)}-${finiteMax(rs).toFixed(2)}) (${fmt(ra.median)} vs ${fmt(rb.median)})`,
        met: med <= max,
        detail: med <= max ? `meets <= ${max}x` : `misses <= ${max}x by ${(med / max).toFixed(2)}x`,
      };
    },
  };
}

/** Target: a row's median time <= `factor` times the Go twin's (GOMAXPROCS=1). */
export function withinOfGo(label: string, rowName: string, factor: number): Target {
  return {
    label,
    evaluate(res) {
      const r = res.get(rowName);
      if (r === undefined || res.go === undefined || !Number.isFinite(r.median))
        return { value: 'n/a (Go twin not run)', met: undefined };
      const x = r.median / res.go;
      return {
        value: `${x.toFixed(2)}x (${fmt(r.median)} vs Go ${fmt(res.go)} ns)`,
        met: x <= factor,
        detail: x <= factor ? `meets <= ${factor}x` : `misses <= ${factor}x by ${(x / factor).toFixed(2)}x`,
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
  const ratios = hasRatios(w);
  const cpuFirst = res.clock === 'cpu' && timeMetric;
  const primary = w.metric?.label ?? `${cpuFirst ? 'cpu ' : ''}ns/${w.unit}`;
  const digits = w.metric?.digits ?? 0;
  const cols = w.columns ?? [];
  const header = ['library', primary];
  if (timeMetric) header.push(`${w.unit}s/s`);
  if (ratios) header.push('vs fastest peer (min-max)', 'verdict');
  else header.push('min-max');
  header.push('rounds');
  if (timeMetric) header.push(`${cpuFirst ? 'wall' : 'cpu'} ns/${w.unit}`);
  for (const c of cols) header.push(c.label);
  const out = [header];
  for (const r of res.rows) {
    if (r.row.na !== undefined || r.row.run === undefined) {
      const cells = [r.row.name, `n/a: ${r.row.na ?? 'not available'}`];
      while (cells.length < header.length) cells.push('');
      out.push(cells);
      continue;
    }
    const cells = [r.row.name, fmt(r.median, digits)];
    if (timeMetric) cells.push(fmtRate(r.median));
    if (ratios) {
      cells.push(Number.isFinite(r.ratio) ? fmtRatio(r) : 'n/a');
      cells.push(
        r.row.kind === 'peer' || r.row.kind === 'peer-idiom'
          ? r === res.fastestPeer
            ? 'fastest peer'
            : ''
          : verdict(r),
      );
    } else {
      cells.push(`${fmt(r.min, digits)}-${fmt(r.max, digits)}`);
    }
    cells.push(String(r.samples.filter(Number.isFinite).length));
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

/** The text form of a trace: one line per event, for terminals and tests. */
import type { TraceData, TraceEvent } from './event.js';

/**
 * Options of {@link formatTrace}.
 *
 * @example
 * ```ts
 * expect(formatTrace(data, { times: false })).toBe('#0 main  jobs <- 1\n');
 * ```
 */
export interface FormatOptions {
  /** Print the times column (default true). Tests leave it out to compare the order alone. */
  readonly times?: boolean;
}

/**
 * One line per event, in the order they began, written as the Go statement it was:
 *
 * ```text
 *    0.012 ms  main      jobs <- 1
 *    0.020 ms  worker 1  <-jobs 1  (blocked 0.015 ms, from #4)
 *    0.031 ms  main      close(jobs)
 * ```
 *
 * @example
 * ```ts
 * console.log(formatTrace(t.stop()));
 * ```
 */
export function formatTrace(trace: TraceData, options: FormatOptions = {}): string {
  const times = options.times ?? true;
  const width = Math.max(4, ...trace.goroutines.map((g) => g.length));
  const lines: string[] = [];
  for (const e of trace.events) {
    const head = times ? `${e.start.toFixed(3).padStart(10)} ms  ` : '';
    lines.push(`${head}#${e.seq} ${e.g.padEnd(width)}  ${describe(e)}${suffix(e, times)}`);
  }
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}

/** The Go statement an event stands for: `jobs <- 1`, `<-results`, `close(jobs)`, `wg.Wait()`. */
export function describe(e: TraceEvent): string {
  const ch = e.ch ?? '?';
  const v = e.value !== undefined && e.value !== '' ? ` ${e.value}` : '';
  switch (e.kind) {
    case 'go':
      return `go ${e.value ?? ''}`;
    case 'exit':
      return 'return';
    case 'send':
      return `${ch} <-${v === '' ? ' struct{}{}' : v}`;
    case 'recv':
      return e.end === null ? `<-${ch}` : e.ok === false ? `<-${ch} closed` : `<-${ch}${v}`;
    case 'select':
      if (e.index === undefined) return 'select';
      return `select case ${e.index}: ${e.ok === undefined ? `${ch} <-${v}` : e.ok ? `<-${ch}${v}` : `<-${ch} closed`}`;
    case 'close':
      return `close(${ch})`;
    case 'add':
      return `wg.Add(${e.value ?? ''})`;
    case 'done':
      return 'wg.Done()';
    case 'wait':
      return 'wg.Wait()';
    case 'lock':
      return 'mu.Lock()';
    case 'unlock':
      return 'mu.Unlock()';
  }
}

function suffix(e: TraceEvent, times: boolean): string {
  const notes: string[] = [];
  if (e.end === null) notes.push(`blocked forever [${e.reason ?? 'blocked'}]`);
  else if (e.end > e.start) notes.push(times ? `blocked ${(e.end - e.start).toFixed(3)} ms` : 'blocked');
  if (e.from !== undefined) notes.push(`from #${e.from}`);
  if (e.reason === 'canceled') notes.push('canceled');
  const panic = e.panic !== undefined ? `  panic: ${e.panic}` : '';
  return (notes.length > 0 ? `  (${notes.join(', ')})` : '') + panic;
}

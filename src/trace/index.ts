/**
 * `chango/trace`: see a chango program run, as Go's `runtime/trace` and `go tool trace` show a Go
 * program. Record with {@link startTrace}, name goroutines with {@link go}, then print the events
 * ({@link formatTrace}) or draw them ({@link renderSvg}, {@link renderHtml}).
 *
 * Platform-neutral: recording and rendering return strings. Writing a file, and carrying
 * goroutine names across awaits, is `chango/node`'s `traceToFile`.
 *
 * @example
 * ```ts
 * import { go, startTrace, renderSvg } from 'chango/trace';
 *
 * const t = startTrace();
 * go('worker 1', () => worker(1, jobs, results));
 * // ...
 * document.body.innerHTML = renderSvg(t.stop());
 * ```
 */
export type { TraceData, TraceEvent, TraceKind } from './event.js';
export { startTrace } from './trace.js';
export type { Trace, TraceOptions } from './trace.js';
export { go } from './go.js';
export { setGoroutineContext } from './context.js';
export type { GoroutineContext } from './context.js';
export { formatTrace } from './text.js';
export type { FormatOptions } from './text.js';
export { shortValue } from './short.js';
export { renderSvg } from './svg.js';
export type { SvgOptions } from './svg.js';
export { renderHtml } from './html.js';

/**
 * `chango/node/trace`: tracing a Node program into a file. `chango/trace` records, this writes the
 * picture when the process exits (normally, by a panic or by Go's deadlock report) and carries
 * goroutine names across awaits with AsyncLocalStorage. `chango/node` re-exports it; import it
 * from here to trace a program without installing chango/node's deadlock detector (Go's
 * `runtime/trace` without the rest of the runtime's reporting).
 *
 * @example
 * ```ts
 * import { traceFromArgs } from 'chango/node/trace';
 *
 * traceFromArgs(); // node app.js --trace run.svg draws this run
 * ```
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import type { TraceData } from '../trace/event.js';
import { setGoroutineContext } from '../trace/context.js';
import { renderHtml } from '../trace/html.js';
import { renderSvg, type SvgOptions } from '../trace/svg.js';
import { formatTrace } from '../trace/text.js';
import { startTrace, type Trace } from '../trace/trace.js';

const names = new AsyncLocalStorage<string>();

/**
 * Renders a trace for a file name: SVG for `.svg`, the HTML page for `.html`/`.htm`, else the text form.
 *
 * @example
 * ```ts
 * writeFileSync(file, renderForFile(file, t.stop()));
 * ```
 */
export function renderForFile(file: string, trace: TraceData, options: SvgOptions = {}): string {
  if (/\.svg$/i.test(file)) return renderSvg(trace, options);
  if (/\.html?$/i.test(file)) return renderHtml(trace, options);
  return formatTrace(trace);
}

/**
 * Go's `trace.Start(f)` for a whole program run: starts tracing now and writes `file` when the
 * process exits: an SVG timeline for `.svg`, an HTML page for `.html`, the text form otherwise.
 * Goroutines started with `go(name, fn)` keep their name across awaits (AsyncLocalStorage).
 *
 * @example
 * ```ts
 * import { traceToFile } from 'chango/node';
 * traceToFile('pool.svg', { title: 'worker pool' });
 * ```
 */
export function traceToFile(file: string, options: SvgOptions = {}): Trace {
  if (typeof file !== 'string' || file === '') throw new TypeError('traceToFile needs a file name');
  setGoroutineContext({ run: (name, fn) => names.run(name, fn), current: () => names.getStore() });
  const t = startTrace();
  process.once('exit', () => {
    writeFileSync(file, renderForFile(file, t.stop(), options));
  });
  return t;
}

/**
 * The examples' `--trace FILE` flag (also `--trace=FILE`): if `argv` has it, {@link traceToFile}
 * that file and return its name; otherwise do nothing and return undefined.
 *
 * @example
 * ```ts
 * traceFromArgs(); // npx tsx main.ts --trace pool.svg
 * ```
 */
export function traceFromArgs(argv: readonly string[] = process.argv, options: SvgOptions = {}): string | undefined {
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--trace') file = argv[i + 1];
    else if (a.startsWith('--trace=')) file = a.slice('--trace='.length);
  }
  if (file === undefined) return undefined;
  if (file === '' || file.startsWith('--'))
    throw new TypeError('--trace needs a file name: --trace FILE (.svg, .html or text)');
  traceToFile(file, options);
  return file;
}

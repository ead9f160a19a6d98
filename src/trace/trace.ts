/** Starting and stopping the one trace a program can record at a time: Go's `trace.Start`/`trace.Stop`. */
import type { TraceData } from './event.js';
import { instrument, uninstrument } from './instrument.js';
import { Recorder } from './recorder.js';

let active: Recorder | null = null;

/** The running trace's recorder, or null: the one check {@link go} makes. */
export function activeRecorder(): Recorder | null {
  return active;
}

/**
 * Options of {@link startTrace}.
 *
 * @example
 * ```ts
 * let n = 0;
 * const t = startTrace({ now: () => n++ }); // every event one "millisecond" after the last
 * ```
 */
export interface TraceOptions {
  /**
   * Where times come from, in milliseconds (default `performance.now()`). A test passes a
   * counter to make the trace's times deterministic.
   */
  readonly now?: () => number;
}

/**
 * A trace being recorded. {@link Trace.stop} ends it and returns what it saw.
 *
 * @example
 * ```ts
 * const t = startTrace();
 * await main();
 * console.log(formatTrace(t.stop()));
 * ```
 */
export interface Trace {
  /** Stops recording (if this trace is still the running one) and returns the events. */
  stop(): TraceData;
}

/**
 * Go's `trace.Start` (`runtime/trace`): records every channel, select, WaitGroup, Mutex and timer
 * operation until {@link Trace.stop}. Give goroutines names with {@link go} to get one lane each.
 *
 * @throws Error if a trace is already running (Go: "tracing is already enabled").
 * @example
 * ```ts
 * const t = startTrace();
 * go('worker', () => worker(jobs, results));
 * // ...
 * const svg = renderSvg(t.stop());
 * ```
 */
export function startTrace(options: TraceOptions = {}): Trace {
  if (active !== null) throw new Error('chango/trace: tracing is already enabled');
  const clock = options.now ?? (() => performance.now());
  if (typeof clock !== 'function') throw new TypeError(`startTrace's now must be a function, got ${typeof clock}`);
  const r = new Recorder(clock);
  active = r;
  instrument(r);
  return {
    stop(): TraceData {
      if (active === r) {
        active = null;
        uninstrument();
      }
      return r.finish();
    },
  };
}

/** Go's `go` statement with a name, so that a trace can give the goroutine a lane of its own. */
import { checkFunction } from '../sync/goroutine.js';
import { goroutineContext } from './context.js';
import { activeRecorder } from './trace.js';

/**
 * `go f()`: starts `fn` as a goroutine named `name` and does not wait for it. Without a running
 * trace this is `void fn()` and nothing more; while a trace runs, every operation `fn` does is
 * recorded under `name` (in Node, across awaits; see `chango/node`'s `traceToFile`).
 *
 * As in Go, the goroutine's panic is not the caller's: if `fn` throws or its promise rejects, the
 * rejection is left unhandled, which `chango/node` reports as Go's panic.
 *
 * @example
 * ```ts
 * // for w := 1; w <= 4; w++ { go worker(w, jobs, results) }
 * for (let w = 1; w <= 4; w++) go(`worker ${w}`, () => worker(w, jobs, results));
 * ```
 */
export function go(name: string, fn: () => unknown): void {
  checkFunction(fn, 'go');
  const r = activeRecorder();
  if (r === null) {
    void start(fn);
    return;
  }
  const g = r.newGoroutine(String(name));
  r.add('go', { value: g });
  const p = goroutineContext().run(g, () => start(fn));
  void p.then(
    () => {
      if (activeRecorder() === r) r.add('exit', { g });
    },
    (e: unknown) => {
      if (activeRecorder() === r) r.add('exit', { g, panic: e instanceof Error ? e.message : String(e) });
      throw e; // still unhandled, still the goroutine's panic
    },
  );
}

function start(fn: () => unknown): Promise<unknown> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e);
  }
}

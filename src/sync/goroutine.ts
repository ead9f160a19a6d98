/**
 * What the sync primitives share: how they start a goroutine (`go f()`) and check what they are
 * given. Internal: not exported from the package.
 */
import { describe } from '../runtime/args.js';

/** A goroutine's body: an async (or plain) function whose result is ignored. */
type GoroutineBody = () => unknown;

/**
 * Throws a TypeError unless `fn` is a function: the check of `wg.Go(f)`, `once.Do(f)`, `g.Go(f)`
 * and `runMain(f)`, with the name of the call in the message.
 */
export function checkFunction(fn: unknown, what: string): asserts fn is GoroutineBody {
  if (typeof fn !== 'function') {
    throw new TypeError(`${what} needs a function, got ${describe(fn)}`);
  }
}

/** A `then` method, as read off a value. */
type Then = (this: unknown, ok: (v: unknown) => void, fail: (e: unknown) => void) => unknown;

/**
 * The callable `then` of `v` (what `await` would wait for), or undefined. Reading it runs user code
 * when `then` is a getter, so it may throw: the caller treats that as its function's panic.
 */
function thenOf(v: unknown): Then | undefined {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return undefined;
  const then = (v as { then?: unknown }).then;
  return typeof then === 'function' ? (then as Then) : undefined;
}

/**
 * A promise that adopts thenable `v` through the `then` already read from it, so that a getter
 * is not run a second time (it may answer differently, or throw), as `Promise.resolve(v)` would.
 * A `then` that throws rejects the promise.
 */
function adopt(v: unknown, then: Then): Promise<unknown> {
  return new Promise((resolve, reject) => {
    then.call(v, resolve, reject);
  });
}

/**
 * Runs `fn` as a goroutine: calls it synchronously (it runs up to its first `await`), then `exit`
 * once it has returned (once the promise it returns resolves), or `panic(e)` if it throws or
 * rejects. A throw never unwinds into the code that started the goroutine, nor does a `then`
 * getter of its result that throws.
 */
export function goroutine(fn: GoroutineBody, exit: () => void, panic: (e: unknown) => void): void {
  let result: unknown;
  let then: Then | undefined;
  try {
    result = fn();
    then = thenOf(result);
  } catch (e) {
    panic(e);
    return;
  }
  if (then !== undefined) void adopt(result, then).then(exit, panic);
  else exit();
}

/**
 * A goroutine's panic nobody recovers: re-raised as an unhandled rejection, which ends the process
 * in Node and Deno, as a Go panic ends the program, and reaches `unhandledrejection` in browsers.
 */
export function crash(e: unknown): void {
  void Promise.reject(e);
}

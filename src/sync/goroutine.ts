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
 * Runs `fn` as a goroutine: calls it synchronously (it runs up to its first `await`), then `exit`
 * once it has returned (once the promise it returns resolves), or `panic(e)` if it throws or
 * rejects. A throw never unwinds into the code that started the goroutine, nor does a `then`
 * getter of its result that throws.
 */
export function goroutine(fn: GoroutineBody, exit: () => void, panic: (e: unknown) => void): void {
  let result: unknown;
  let then: unknown;
  try {
    result = fn();
    // What `await` would wait for: the `then` of an object (or function). Reading it runs user
    // code when it is a getter, so it may throw: that is fn's panic too.
    if (Object(result) === result) then = (result as { then?: unknown }).then;
  } catch (e) {
    panic(e);
    return;
  }
  if (typeof then !== 'function') return exit();
  // Adopted through the `then` already read, not by `Promise.resolve(result)`, which would run a
  // getter a second time (it may answer differently, or throw). A `then` that throws rejects.
  void new Promise((resolve, reject) => {
    (then as Then).call(result, resolve, reject);
  }).then(exit, panic);
}

/**
 * A goroutine's panic nobody recovers: re-raised as an unhandled rejection, which ends the process
 * in Node and Deno, as a Go panic ends the program, and reaches `unhandledrejection` in browsers.
 */
export function crash(e: unknown): void {
  void Promise.reject(e);
}

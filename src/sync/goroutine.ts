/**
 * What the sync primitives share: how they start a goroutine (`go f()`) and check what they are
 * given. Internal: not exported from the package.
 */

/** A goroutine's body: an async (or plain) function whose result is ignored. */
type GoroutineBody = () => unknown;

/**
 * Throws a TypeError unless `fn` is a function: the check of `wg.Go(f)`, `once.Do(f)`, `g.Go(f)`
 * and `runMain(f)`, with the name of the call in the message.
 */
export function checkFunction(fn: unknown, what: string): asserts fn is GoroutineBody {
  if (typeof fn !== 'function') {
    throw new TypeError(`${what} needs a function, got ${fn === null ? 'null' : typeof fn}`);
  }
}

/** Does `v` have a callable `then`: is it what `await` would wait for? */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === 'object' || typeof v === 'function') &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `fn` as a goroutine: calls it synchronously (it runs up to its first `await`), then `exit`
 * once it has returned (once the promise it returns resolves), or `panic(e)` if it throws or
 * rejects. A throw never unwinds into the code that started the goroutine.
 */
export function goroutine(fn: GoroutineBody, exit: () => void, panic: (e: unknown) => void): void {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    panic(e);
    return;
  }
  if (isThenable(result)) void Promise.resolve(result).then(exit, panic);
  else exit();
}

/**
 * A goroutine's panic nobody recovers: re-raised as an unhandled rejection, which ends the process
 * in Node and Deno, as a Go panic ends the program, and reaches `unhandledrejection` in browsers.
 */
export function crash(e: unknown): void {
  void Promise.reject(e);
}

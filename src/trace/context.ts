/**
 * Which goroutine is running: the one piece of a trace JavaScript does not know by itself.
 *
 * A goroutine is an async function nobody awaits; after its first `await` nothing on the stack
 * says whose continuation is running. Node can carry a name across awaits (AsyncLocalStorage,
 * installed by `chango/node`'s tracing); the platform-neutral default only knows the name during
 * the synchronous start of a goroutine, so elsewhere operations are attributed to `main`.
 */

/**
 * Runs goroutines under a name and tells which name is current: what Go's runtime knows as `g`.
 *
 * @example
 * ```ts
 * const als = new AsyncLocalStorage<string>();
 * const ctx: GoroutineContext = { run: (name, fn) => als.run(name, fn), current: () => als.getStore() };
 * ```
 */
export interface GoroutineContext {
  /** Calls `fn` so that every operation it does, now or after an await, reports `name`. */
  run<R>(name: string, fn: () => R): R;
  /** The name of the running goroutine, or undefined for main (or where it cannot be known). */
  current(): string | undefined;
}

let running: string | undefined;

/** The platform-neutral context: names hold only until the goroutine's first `await`. */
export const syncContext: GoroutineContext = {
  run<R>(name: string, fn: () => R): R {
    const previous = running;
    running = name;
    try {
      return fn();
    } finally {
      running = previous;
    }
  },
  current: () => running,
};

let context: GoroutineContext = syncContext;

/** The context traces use now. */
export function goroutineContext(): GoroutineContext {
  return context;
}

/**
 * Installs how goroutine names are carried across awaits (Node: AsyncLocalStorage); returns the
 * previous one. `chango/node`'s `traceToFile` installs Node's; a browser keeps the default.
 *
 * @example
 * ```ts
 * const als = new AsyncLocalStorage<string>();
 * setGoroutineContext({ run: (name, fn) => als.run(name, fn), current: () => als.getStore() });
 * ```
 */
export function setGoroutineContext(c: GoroutineContext): GoroutineContext {
  const previous = context;
  context = c;
  return previous;
}

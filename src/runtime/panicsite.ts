/**
 * Where a panic points. Go raises `send on closed channel` in the sending goroutine, so its
 * traceback names the send. Here a blocked send is failed by `close()`, in the closer's call
 * stack: an error built there would name the `close()` line. So the error is built later, in a
 * promise job chained in front of the blocked operation's own promise, where V8's async stack
 * trace walks from that job through the operation's promise to the `await` that waits on it:
 * the error's stack (and `chango/node`'s panic report) then name the `await ch.send(v)` or the
 * `await select(...)` with the send case. This costs nothing until a blocked send is failed.
 */

/**
 * Settles a blocked operation's promise (through its `resolve`) with a rejection whose error
 * `make` builds in a job that V8 attributes to the awaiting async function.
 *
 * @example
 * ```ts
 * failAtAwaiter(w.resolve, () => new SendOnClosedChannelError());
 * ```
 */
export function failAtAwaiter(resolve: (value: unknown) => void, make: () => Error): void {
  let start!: () => void;
  const failing = new Promise<void>((r) => {
    start = r;
  }).then(() => {
    throw make();
  });
  // Order matters: first the blocked promise adopts `failing` (which queues the job linking the
  // two), then the job that throws is queued behind it, so when it runs, `failing` already leads
  // to the blocked promise and on to its awaiter.
  resolve(failing);
  start();
}

/**
 * The worker thread's side of a {@link WorkerPool}: installed when `chango/threads` is imported on
 * a thread the pool started. Runs the goroutines the owner asks for (`go fn(args)`), with the
 * channel handles among the arguments turned into {@link RemoteChannel}s, and reports each one's
 * return or throw. A channel created here and returned by a goroutine is owned by this thread: its
 * operations from the main thread are carried out here.
 *
 * It also tells the owner when this thread's event loop has drained (every goroutine here blocked
 * on a channel, or none left): the owner then stops counting this thread as alive, so that a
 * finished program exits and a program whose every thread is blocked is a deadlock.
 */
import type { MessagePort } from 'node:worker_threads';
import { pack, unpack, type Packed } from './pack.js';
import { Link } from './link.js';
import { platform } from './platform.js';
import { owners, setThisThread } from './registry.js';
import { RemoteChannel } from './remote.js';
import { ThreadChannel } from './threadchannel.js';
import { isHandle, ToOwner, ToWorker, type Batch, type Msg, type WorkerBoot } from './wire.js';

/** Installs the service if this thread was started by a WorkerPool; a no-op anywhere else. */
export function serveIfPoolWorker(): void {
  platform().onBoot((boot) => {
    if ((globalThis as { [K]?: true })[K] === true) return; // two copies of chango on one thread
    (globalThis as { [K]?: true })[K] = true;
    serve(boot);
  });
}

const K = Symbol.for('chango.threads.served');

function serve(boot: WorkerBoot): void {
  const port: MessagePort = boot.port;
  let mod: Promise<Record<string, unknown>> | undefined;
  setThisThread(boot.thread);
  const link = new Link(0, port, undefined, { port: boot.syncPort, flag: boot.syncFlag }, (m: Msg) => {
    if (m[0] === ToWorker.Go) void run(m[1] as number, m[2] as string, m[3] as unknown[]);
  });

  async function run(goId: number, fn: string, args: unknown[]): Promise<void> {
    let done: Msg;
    try {
      mod ??= import(boot.module) as Promise<Record<string, unknown>>;
      const f = (await mod)[fn];
      if (typeof f !== 'function') throw new TypeError(`${fn} is not a function exported by ${boot.module}`);
      const result: unknown = await (f as (...a: unknown[]) => unknown)(
        ...args.map((a) =>
          isHandle(a)
            ? a.own === true
              ? link.owner.own(a)
              : link.remote.channel(a)
            : goId < 0 // arguments holding channels, packed (WorkerPool.go)
              ? unpack(a as Packed)
              : a,
        ),
      );
      if (result instanceof RemoteChannel)
        throw new TypeError(
          'chango: a goroutine can return a channel created on its own thread only; this one was handed to it: it belongs to the main thread already, or to the worker the main thread relays it for',
        );
      // A channel created here crosses as a handle: this thread owns it, the main thread uses it.
      // Its zero value must clone: checked here, so that the goroutine fails rather than the batch.
      if (result instanceof ThreadChannel) structuredClone(result.zero);
      done = [ToOwner.Done, goId, true, result instanceof ThreadChannel ? link.owner.handle(result) : pack(result)];
    } catch (e) {
      done = [ToOwner.Done, goId, false, describe(e)];
    }
    link.outbox.push(done);
  }

  owners.set(0, link.remote);

  // Sleep detection (worker_threads): see ThreadsPlatform.watchSleep.
  const heard = platform().watchSleep(port, (received) => link.outbox.postNow([ToOwner.Asleep, received], []));
  platform().listen(port, (batch: Batch) => {
    heard();
    link.onMessage(batch);
  });
}

/** An error as it crosses threads: what structured clone keeps, plus the name it drops. */
function describe(e: unknown): { name: string; message: string; stack: string | undefined; value: unknown } {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack, value: undefined };
  let value: unknown;
  try {
    value = structuredClone(e);
  } catch {
    value = String(e);
  }
  return { name: '', message: '', stack: undefined, value };
}

/**
 * chango/threads on Node's `worker_threads` (and Bun's): v8 serialization, `receiveMessageOnPort`
 * for the synchronous operations, threads whose exit the pool sees, and the sleep report that
 * lets a finished program exit and a stuck one be reported as a deadlock.
 */
import os from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { BOOT } from './boot.js';
import type { ThreadsPlatform } from './platform.js';
import type { Msg, WorkerBoot } from './wire.js';

/** How long a thread must receive nothing before it watches for its loop to drain. */
const QUIET_MS = 20;

/** Node's worker_threads, as chango/threads' platform. */
export const nodePlatform: ThreadsPlatform = {
  kind: 'worker_threads',
  serialize,
  deserialize,
  listen(port, fn) {
    port.on('message', fn);
  },
  ref(port) {
    port.ref();
  },
  unref(port) {
    port.unref();
  },
  later(fn) {
    setImmediate(fn);
  },
  syncAnswer(port, flag, m) {
    port.postMessage(m);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  },
  syncReceive(port) {
    return receiveMessageOnPort(port)?.message as Msg | undefined;
  },
  syncCheck() {},
  spawn(req, hooks) {
    const entry = req.entry === undefined ? BOOT : new URL(String(req.entry));
    const worker = new Worker(entry, {
      eval: req.entry === undefined,
      workerData: req.boot,
      transferList: req.transfer as never,
      ...(req.execArgv !== undefined ? { execArgv: [...req.execArgv] } : {}),
    });
    worker.on('error', (e) => hooks.onError(e));
    worker.on('exit', (code) => hooks.onExit(code));
    return worker;
  },
  cores() {
    return os.availableParallelism();
  },
  onBoot(serve) {
    const boot = workerData as WorkerBoot | undefined;
    if (typeof boot === 'object' && boot !== null && boot.__changoWorker === true) serve(boot);
  },
  // Go's scheduler knows when every goroutine is blocked; here the sign is this thread's event
  // loop draining. While messages flow the port stays referenced (a drain check on every message
  // would cost more than the message); once a quiet period has passed, the port is unreferenced,
  // and if the loop then drains, every goroutine here waits for the owner: say so.
  watchSleep(port: MessagePort, asleep: (received: number) => void) {
    let received = 0;
    let watching = false;
    let seen = -1;
    let reported = -1;
    setInterval(() => {
      if (received === seen && !watching && received !== reported) {
        watching = true;
        port.unref();
      }
      seen = received;
    }, QUIET_MS).unref();
    process.on('beforeExit', () => {
      // Stay alive for the owner's answers.
      watching = false;
      port.ref();
      reported = received;
      asleep(received);
    });
    return () => {
      received++;
      if (watching) {
        watching = false;
        port.ref();
      }
    };
  },
};

/**
 * One thread's messages to another, batched: every message posted during one turn of the event
 * loop leaves in a single `postMessage`, at the end of the turn (setImmediate: after every
 * message that arrived in the same poll has been handled, not after each one's microtasks). A
 * wake-up across threads costs 8-11 µs however small the message, so sixteen goroutines of one
 * worker pay it once, not sixteen times. One exception (Link): the answers to a turn's first
 * batch leave as soon as it has been dispatched when none of its requests had to wait.
 */
import type { TransferListItem } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { later } from './platform.js';
import type { Batch, Msg } from './wire.js';

export class Outbox {
  private batch: Batch = [];
  private scheduled = false;

  constructor(
    private readonly port: MessagePort,
    /** Called after each `postMessage` (the owner counts them; see WorkerPool). */
    private readonly onPost: () => void = noop,
  ) {}

  /** Queues `m` for the end of this turn. */
  push(m: Msg): void {
    const b = this.batch;
    for (let i = 0; i < m.length; i++) b.push(m[i]);
    this.schedule();
  }

  /**
   * Queues a two-field message (an op code and an id): the hot answers and requests go in
   * field by field, with no array of their own per message.
   */
  push2(op: number, id: number): void {
    this.batch.push(op, id);
    this.schedule();
  }

  /** Queues a three-field message. */
  push3(op: number, a: unknown, b: unknown): void {
    this.batch.push(op, a, b);
    this.schedule();
  }

  /** Queues a four-field message. */
  push4(op: number, a: unknown, b: unknown, c: unknown): void {
    this.batch.push(op, a, b, c);
    this.schedule();
  }

  private schedule(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      later(this.endOfTurn);
    }
  }

  /** Whether this turn has queued anything yet (the end-of-turn flush is scheduled). */
  get busy(): boolean {
    return this.scheduled;
  }

  private readonly endOfTurn = (): void => {
    this.scheduled = false;
    this.flush();
  };

  /** Posts `m` now, after everything queued before it, with a transfer list. Throws if `m` cannot be cloned. */
  postNow(m: Msg, transfer: readonly TransferListItem[]): void {
    this.flush();
    this.port.postMessage(m, transfer as never);
    this.onPost();
  }

  /** Posts what is queued now; the end-of-turn flush still runs, for what is queued after. */
  readonly flush = (): void => {
    if (this.batch.length === 0) return;
    const b = this.batch;
    this.batch = [];
    this.port.postMessage(b);
    this.onPost();
  };
}

function noop(): void {}

/**
 * One end of the port between two threads. Either thread may own channels that the other uses:
 * requests for this thread's channels go to its {@link OwnerLink}, answers to this thread's
 * requests to its {@link RemoteLink}, and both leave through one {@link Outbox}, so that the
 * value a goroutine here receives and the request it makes next travel in the same message.
 *
 * Long turns are sliced. Goroutines resumed by one batch of answers run one after the other in a
 * single turn of the event loop, and their requests leave only when it ends: with sixteen
 * goroutines of 1 ms each, the thread computes for 16 ms, posts sixteen sends, then waits idle
 * for two round trips (the sends' acknowledgements, then the answers to the receives that
 * follow) before it has anything to run. Once a turn has run {@link SLICE_TURN_MS}, this thread
 * delivers its answers a slice at a time (a third of its waiting goroutines, at least
 * {@link SLICE_MIN_MS} of work): between two slices its requests leave and the messages that
 * came meanwhile are read, so the goroutines of one slice wait for their answers while those of
 * the next compute. Go's scheduler has nothing to slice: a goroutine made runnable runs on any
 * free P. Delivery order does not change what a program can observe: every answer is an
 * operation the owner has already completed, and a goroutine resumed later is a goroutine
 * scheduled later. Requests for this thread's channels are still carried out in the order they
 * came; acknowledgements of sends are delivered at once (the goroutine they resume usually just
 * makes its next request).
 */
import type { MessagePort } from 'node:worker_threads';
import { Outbox } from './outbox.js';
import { OwnerLink } from './owner.js';
import { later } from './platform.js';
import { RemoteLink } from './remote.js';
import { ANSWERS, FIELDS, ToWorker, type Batch, type Msg } from './wire.js';

/** A turn that runs goroutines this long (ms) turns slicing on. */
export const SLICE_TURN_MS = 2;
/** The least a slice runs (ms), so that slicing never posts more than about once a millisecond. */
export const SLICE_MIN_MS = 1;
/** Goroutines that resume in less than this (ms) on average are not worth slicing for. */
const SLICE_OFF_MS = 0.05;

export class Link {
  readonly outbox: Outbox;
  /** This thread's channels, as the other thread uses them. */
  readonly owner: OwnerLink;
  /** The other thread's channels, as this thread uses them. */
  readonly remote: RemoteLink;
  /** While slicing: answers not yet delivered, in the order they came (batch, index, batch, index, ...). */
  private backlog: unknown[] = [];
  private head = 0;
  private slicing = false;
  /** A slice is scheduled or running. */
  private pumping = false;
  /** When the current turn's first message came, or -1. */
  private turnStart = -1;
  private sliceStart = 0;
  private delivered = 0;
  private quota = 0;

  constructor(
    port: MessagePort,
    /** Where this thread answers the other's synchronous requests (the main thread's end). */
    answers: { port: MessagePort; flag: Int32Array } | undefined,
    /** Where this thread waits for the other's answers to its own (a worker's end). */
    waits: { port: MessagePort; flag: Int32Array } | undefined,
    /** Messages that are neither requests nor answers: Go, Done, Asleep. */
    private readonly control: (m: Msg) => void,
    onPost?: () => void,
  ) {
    this.outbox = new Outbox(port, onPost, this.endTurn);
    this.owner = new OwnerLink(this.outbox, answers?.port, answers?.flag, control);
    this.remote = new RemoteLink(this.outbox, waits?.port, waits?.flag);
  }

  readonly onMessage = (batch: Batch): void => {
    if (this.turnStart < 0) {
      this.turnStart = performance.now();
      this.outbox.schedule();
    }
    const slicing = this.slicing;
    for (let i = 0; i < batch.length;) {
      const op = batch[i] as number;
      if (op < ANSWERS) this.owner.dispatch(batch, i);
      else if (op === (ToWorker.Go as number)) this.control(batch.slice(i, i + (FIELDS[op] as number)));
      else if (!slicing || op === (ToWorker.Sent as number)) this.remote.answer(batch, i);
      else this.backlog.push(batch, i);
      i += FIELDS[op] as number;
    }
    if (!this.pumping && this.backlog.length > this.head) {
      this.pumping = true;
      later(this.slice);
    }
  };

  /** The end of a turn, before its batch leaves: a long one turns slicing on. */
  private readonly endTurn = (): void => {
    if (this.turnStart >= 0 && performance.now() - this.turnStart >= SLICE_TURN_MS) this.slicing = true;
    this.turnStart = -1;
  };

  /** A slice: a turn of its own, after the messages that came during the last one have been read. */
  private readonly slice = (): void => {
    this.sliceStart = performance.now();
    this.delivered = 0;
    this.quota = Math.max(1, Math.floor(this.remote.waiting / 3));
    this.step();
  };

  /**
   * Delivers the next answer; runs again once the goroutine it resumed has yielded (a microtask
   * queued after the goroutine's own continuation).
   */
  private readonly step = (): void => {
    if (this.head === this.backlog.length) {
      this.backlog = [];
      this.head = 0;
      this.pumping = false;
      if (performance.now() - this.sliceStart < this.delivered * SLICE_OFF_MS) this.slicing = false;
      return;
    }
    if (this.delivered >= this.quota && performance.now() - this.sliceStart >= SLICE_MIN_MS) {
      later(this.slice);
      return;
    }
    const batch = this.backlog[this.head] as Batch;
    const i = this.backlog[this.head + 1] as number;
    this.head += 2;
    this.delivered++;
    this.remote.answer(batch, i);
    queueMicrotask(this.step);
  };
}

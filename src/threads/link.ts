/**
 * One end of the port between two threads. Either thread may own channels that the other uses:
 * requests for this thread's channels go to its {@link OwnerLink}, answers to this thread's
 * requests to its {@link RemoteLink}, and both leave through one {@link Outbox}, so that the
 * value a goroutine here receives and the request it makes next travel in the same message.
 */
import type { MessagePort } from 'node:worker_threads';
import { Outbox } from './outbox.js';
import { OwnerLink, anyParked } from './owner.js';
import { RemoteLink } from './remote.js';
import { ANSWERS, FIELDS, ToWorker, type Batch, type Msg } from './wire.js';

export class Link {
  readonly outbox: Outbox;
  /** This thread's channels, as the other thread uses them. */
  readonly owner: OwnerLink;
  /** The other thread's channels, as this thread uses them. */
  readonly remote: RemoteLink;

  constructor(
    /** The thread at the other end (registry.ts): 0 for the main thread. */
    peer: number,
    port: MessagePort,
    /** Where this thread answers the other's synchronous requests (the main thread's end). */
    answers: { port: MessagePort; flag: Int32Array } | undefined,
    /** Where this thread waits for the other's answers to its own (a worker's end). */
    waits: { port: MessagePort; flag: Int32Array } | undefined,
    /** Messages that are neither requests nor answers: Go, Done, Asleep. */
    private readonly control: (m: Msg) => void,
    onPost?: () => void,
  ) {
    this.outbox = new Outbox(port, onPost);
    this.owner = new OwnerLink(this.outbox, answers?.port, answers?.flag, control);
    this.remote = new RemoteLink(peer, this.outbox, waits?.port, waits?.flag);
  }

  readonly onMessage = (batch: Batch): void => {
    // When the turn's first batch has had every request answered during its dispatch (a send
    // with room in the buffer or a receiver waiting, a receive with a value there), the answers
    // leave at once: the goroutines of this thread that the batch resumed would otherwise hold
    // them until they yield, by their own work (a program's loop over its results, say). A later
    // batch of the same turn leaves with the turn's end, so busy turns still post once. Not while
    // another thread's operation is parked here: a request may have woken it, and its answer,
    // made once its promise settles, must leave in the same message (owner.ts, `parked`).
    const first = !this.outbox.busy;
    let requests = 0;
    this.owner.waited = false;
    for (let i = 0; i < batch.length;) {
      const op = batch[i] as number;
      if (op < ANSWERS) {
        this.owner.dispatch(batch, i);
        requests++;
      } else if (op === (ToWorker.Go as number)) this.control(batch.slice(i, i + (FIELDS[op] as number)));
      else this.remote.answer(batch, i);
      i += FIELDS[op] as number;
    }
    if (first && requests > 0 && !this.owner.waited && !anyParked()) this.outbox.flush();
  };
}

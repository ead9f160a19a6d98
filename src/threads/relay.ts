/**
 * A worker's channel handed to another worker: the main thread, which holds a link to both,
 * relays the second worker's operations to the owner. Go has no owners and no relays: its
 * goroutines share one heap. Here a channel lives on the thread that created it, and every other
 * thread's operation on it is a request to that thread; a worker has a link to the main thread
 * only, so its requests for a third thread's channel go through the main thread, which forwards
 * each one, as it came, on its own link to the owner, and the owner's answer back.
 *
 * Why through the main thread and not a direct port between the two workers: every request of one
 * thread then still travels in one order on one port (the main thread forwards them in the order
 * they came), a dead thread is seen by the one thread that has a link to it (the main thread
 * withdraws its operations on every owner, and fails every operation on a dead owner's channels),
 * and the deadlock report, which counts the messages the main thread has sent each worker, sees
 * every message. The cost is one more hop each way: four messages per operation instead of two.
 *
 * On the wire, a relayed channel has a negative id that packs its owner thread's number and its
 * id there (registry.ts: the same on every thread, so the main thread relays it as it comes,
 * without having allocated it), and its handle names the owner thread (`home`), so that a select
 * can refuse channels of two owners.
 */
import { OwnerExitedError } from './errors.js';
import type { Outbox } from './outbox.js';
import { unboxRaw, type Raw } from './held.js';
import { pack, type Packed } from './pack.js';
import { owners, relayed, relayId } from './registry.js';
import type { RemoteChannel, RemoteLink } from './remote.js';
import { FIELDS, ToOwner, ToWorker, Why, type Batch, type ChannelHandle } from './wire.js';

/**
 * The handle of a channel of another thread, handed to a thread that goes to `to`: the owner's
 * own channel if `to` is its owner, else a relayed one, named by its owner and its id there.
 */
export function handOn(ch: RemoteChannel<unknown>, to: RemoteLink): ChannelHandle {
  const { capacity, name, zero } = ch;
  if (ch.link === to) return { __changoThreadChannel: ch.threadId, capacity, name, zero, own: true };
  const home = ch.link.ownerId;
  return { __changoThreadChannel: relayId(home, ch.threadId), capacity, name, zero, home };
}

/** The owner's link, and the id there, of relayed channel `id`. */
function channel(id: unknown): { readonly link: RemoteLink; readonly threadId: number } {
  const [owner, threadId] = relayed(id as number);
  const link = owners.get(owner) as RemoteLink | undefined;
  if (link === undefined) throw new Error(`chango: internal error: unknown relayed channel ${String(id)}`);
  return { link, threadId };
}

/** One link's relayed operations: the requests of the thread at its other end on third threads' channels. */
export class Relay {
  /** The operations forwarded and not yet answered, by the requester's id: where, and under which id. */
  private readonly pending = new Map<number, { readonly link: RemoteLink; readonly id: number }>();
  private dead = false;

  constructor(
    /** Where the answers go: the requester's link. */
    private readonly outbox: Outbox,
  ) {}

  /** Forwards the request at `b[i]` (a send, a receive or a select) to its channel's owner. */
  dispatch(b: Batch, i: number): void {
    const op = b[i] as ToOwner;
    const id = b[i + 1] as number;
    if (op === ToOwner.Select) {
      const cases = (b[i + 2] as readonly (readonly [number, boolean, Packed])[]).map(
        ([chId, isSend, v]) => [channel(chId), isSend, v] as const,
      );
      const link = (cases[0] as (typeof cases)[number])[0].link;
      if (cases.some(([ch]) => ch.link !== link)) throw new Error('chango: internal error: a select over two owners');
      return this.forward(id, link, [ToOwner.Select, 0, cases.map(([ch, isSend, v]) => [ch.threadId, isSend, v])]);
    }
    const ch = channel(b[i + 2]);
    if (op === ToOwner.Recv) return this.forward(id, ch.link, [ToOwner.Recv, 0, ch.threadId]);
    let v = b[i + 3] as Packed;
    if (op === ToOwner.SendRaw) {
      // Its transferables have arrived here; from here on the value is copied.
      try {
        v = pack(unboxRaw(b[i + 3] as Raw));
      } catch (e) {
        return this.outbox.push([ToWorker.Failed, id, Why.Uncloneable, String(e)]);
      }
    }
    this.forward(id, ch.link, [ToOwner.Send, 0, ch.threadId, v]);
  }

  /** The requester aborted operation `id`: the owner decides whether the abort or the operation came first. */
  abort(id: number): void {
    const p = this.pending.get(id);
    if (p !== undefined) p.link.outbox.push([ToOwner.Abort, p.id]);
  }

  /** The requester is gone: withdraw its operations on every owner, as its own owner withdraws them. */
  dispose(): void {
    this.dead = true;
    for (const id of this.pending.keys()) this.abort(id);
    this.pending.clear();
  }

  private forward(id: number, link: RemoteLink, m: unknown[]): void {
    const sent = link.forward(
      m,
      (b, j) => this.answered(id, b, j),
      (reason) => this.gone(id, reason),
    );
    if (sent !== 0 && !this.dead) this.pending.set(id, { link, id: sent });
  }

  private answered(id: number, b: Batch, j: number): void {
    if (this.dead) return;
    this.pending.delete(id);
    const m = b.slice(j, j + (FIELDS[b[j] as number] as number));
    m[1] = id;
    this.outbox.push(m);
  }

  private gone(id: number, reason: unknown): void {
    if (this.dead) return;
    this.pending.delete(id);
    const code = reason instanceof OwnerExitedError ? reason.exitCode : 1;
    this.outbox.push([ToWorker.Failed, id, Why.OwnerExited, code]);
  }
}

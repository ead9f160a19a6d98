/**
 * The list of parked operations the deadlock report reads: the `ParkTracker` that `chango/node`
 * installs in the core, and that a `chango/synctest` bubble keeps for the operations of its run.
 *
 * The core reports every park once and never reports the unpark (that would cost the hot path a
 * second call). So the list only grows, and records whose operation has completed are dropped
 * lazily: whenever the list reaches twice the size it had after the last compaction. Appends stay
 * amortised O(1) and the list never holds more than about twice the operations that are really
 * blocked, so a long-running program does not leak the values and promises of finished ones.
 */
import { isBlocked } from './parked.js';
import type { Parked, ParkTracker } from './waiter.js';

/** Compaction never runs on lists shorter than this: small lists are cheap to keep. */
const MIN_LIMIT = 64;

/**
 * Keeps the operations that may still be blocked, in the order they blocked: the part of Go's
 * goroutine list (`allgs`) that the deadlock report reads.
 */
export class ParkList implements ParkTracker {
  private records: Parked[] = [];
  private limit = MIN_LIMIT;
  /** False to skip capturing each park's call site: a bubble asked to run faster. */
  private readonly callSites: boolean;

  constructor(callSites = true) {
    this.callSites = callSites;
  }

  park(p: Parked, sited = false): void {
    if (!sited && this.callSites) captureSite(p);
    const records = this.records;
    records.push(p);
    if (records.length >= this.limit) {
      this.records = records.filter(isBlocked);
      this.limit = Math.max(MIN_LIMIT, this.records.length * 2);
    }
  }

  /** The operations still blocked, oldest first. */
  blocked(): Parked[] {
    this.records = this.records.filter(isBlocked);
    this.limit = Math.max(MIN_LIMIT, this.records.length * 2);
    return this.records.slice();
  }

  /** How many records are held, blocked or not: for tests of the pruning. */
  get size(): number {
    return this.records.length;
  }

  /** Forgets every record. */
  clear(): void {
    this.records = [];
    this.limit = MIN_LIMIT;
  }
}

/**
 * Records where `p` parked: called by a tracker in the parking call stack. Keeps the Error, not
 * its string: V8 formats the stack only if a report reads it.
 */
export function captureSite(p: Parked): void {
  // Deeper than the default 10 frames, since chango's own frames come first.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  p.site = new Error('parked');
  Error.stackTraceLimit = limit;
}

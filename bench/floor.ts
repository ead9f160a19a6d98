/**
 * The "floor": a minimal hand-written channel, the least a channel hand-off can cost in plain
 * async code. A ring buffer, FIFO queues of blocked senders and receivers with O(1) dequeue, and
 * close. No select, no abort signals, no yielding to the event loop, no error checks beyond
 * close. Values must not be `undefined`: `recv()` resolves to `undefined` once closed and drained,
 * and `tryRecv()` returns `undefined` when it would block.
 */

/** A FIFO with amortized O(1) shift: an array plus a head index, compacted when half consumed. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(x: T): void {
    this.items.push(x);
  }
  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const x = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) (this.items.length = 0), (this.head = 0);
    else if (this.head >= 1024 && this.head * 2 >= this.items.length) this.items.splice(0, this.head), (this.head = 0);
    return x;
  }
}

interface BlockedSend<T> {
  value: T;
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * chango's yield policy in its simplest form, for the floor's "+ yield" rows: every 64th
 * operation that completes at once reads the clock, and once 4 ms have passed since the event
 * loop last had a turn, operations that complete at once resume after a setImmediate, in the
 * order they completed. Without it, a busy loop of immediate completions starves timers and I/O
 * (the starvation check).
 */
let budget = 64;
let sliceStart = performance.now();
let held: Array<() => void> | null = null;

function mustYield(): boolean {
  if (held !== null) return true;
  if (--budget > 0) return false;
  budget = 64;
  if (performance.now() - sliceStart < 4) return false;
  held = [];
  setImmediate(() => {
    const h = held!;
    held = null;
    sliceStart = performance.now();
    for (const resume of h) resume();
  });
  return true;
}

function resumeAfterTurn<T>(value: T): Promise<T> {
  return new Promise((resolve) => held!.push(() => resolve(value)));
}

export class FloorChannel<T> {
  private readonly buf: (T | undefined)[];
  private head = 0;
  private count = 0;
  private closed = false;
  private readonly recvq = new Fifo<(v: T | undefined) => void>();
  private readonly sendq = new Fifo<BlockedSend<T>>();

  /** `yields`: give the event loop a turn the way chango does (see mustYield). */
  constructor(
    readonly capacity = 0,
    private readonly yields = false,
  ) {
    this.buf = new Array(capacity);
  }

  trySend(value: T): boolean {
    if (this.closed) throw new Error('send on closed channel');
    const r = this.recvq.shift();
    if (r !== undefined) return r(value), true;
    if (this.count === this.capacity) return false;
    this.buf[(this.head + this.count++) % this.capacity] = value;
    return true;
  }

  send(value: T): Promise<void> {
    if (this.trySend(value)) return this.yields && mustYield() ? resumeAfterTurn(undefined) : Promise.resolve();
    return new Promise((resolve, reject) => this.sendq.push({ value, resolve, reject }));
  }

  tryRecv(): T | undefined {
    if (this.count > 0) {
      const v = this.buf[this.head];
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.count--;
      const s = this.sendq.shift();
      if (s !== undefined) (this.buf[(this.head + this.count++) % this.capacity] = s.value), s.resolve();
      return v;
    }
    const s = this.sendq.shift();
    if (s !== undefined) return s.resolve(), s.value;
    return undefined;
  }

  recv(): Promise<T | undefined> {
    const v = this.tryRecv();
    if (v !== undefined || this.closed) return this.yields && mustYield() ? resumeAfterTurn(v) : Promise.resolve(v);
    return new Promise((resolve) => this.recvq.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (let r; (r = this.recvq.shift()) !== undefined; ) r(undefined);
    for (let s; (s = this.sendq.shift()) !== undefined; ) s.reject(new Error('send on closed channel'));
  }
}

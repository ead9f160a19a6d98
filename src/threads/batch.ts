/**
 * How a batch of messages travels: the fields of every message in one `Float64Array`, and the
 * few that are not numbers (an object's serialized bytes, a string, a select's cases) beside it.
 *
 * Structured clone copies a typed array as one block, where it copies an array element by element
 * (a tag and a check each, and a new JavaScript value for each on the receiving thread): a batch
 * of 128 four-field messages costs about 47 µs to post and receive as an array, 10 as a
 * `Float64Array`. The common messages are numbers only (op codes, ids, channel ids, a number
 * sent on a channel), so they take the fast path; `true`, `false`, `null` and `undefined` are
 * numbers here too (see {@link TRUE}). Go's runtime has nothing like this: its goroutines share
 * one heap.
 */
import type { Batch } from './wire.js';

// Numbers that stand for a field that is not a number: five doubles from a range no program
// value is likely to take (the normal doubles just above 2^-1022). A number that does fall in
// the range travels beside the array, as a reference, so that every number arrives exactly.
const UNIT = 2 ** -1020;
const TRUE = UNIT;
const FALSE = 2 * UNIT;
const NULL = 3 * UNIT;
const UNDEFINED = 4 * UNIT;
/** The field is the next value of the batch's side array. */
const REF = 5 * UNIT;

const NO_REFS: readonly unknown[] = [];

/** Collects the fields of one batch; {@link take} hands them over in the form a port posts. */
export class BatchWriter {
  /** The fields so far, in a buffer kept from batch to batch (it doubles when full). */
  private nums = new Float64Array(256);
  private n = 0;
  private refs: unknown[] = [];

  get length(): number {
    return this.n;
  }

  /** Adds one field. */
  put(v: unknown): void {
    let x: number;
    if (typeof v === 'number') {
      if (v >= UNIT && v <= REF) {
        x = REF;
        this.refs.push(v);
      } else {
        x = v;
      }
    } else if (v === true) x = TRUE;
    else if (v === false) x = FALSE;
    else if (v === null) x = NULL;
    else if (v === undefined) x = UNDEFINED;
    else {
      x = REF;
      this.refs.push(v);
    }
    if (this.n === this.nums.length) {
      const grown = new Float64Array(2 * this.n);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[this.n++] = x;
  }

  /** The batch as it is posted (a `Float64Array`, with its side array if any), and a fresh start. */
  take(): Float64Array | [Float64Array, unknown[]] {
    const f = this.nums.slice(0, this.n);
    this.n = 0;
    if (this.refs.length === 0) return f;
    const refs = this.refs;
    this.refs = [];
    return [f, refs];
  }
}

/**
 * The messages a port delivered, as one flat array of fields: a batch (see {@link BatchWriter}),
 * or a message posted on its own (`Outbox.postNow`), which is that array already.
 */
export function decode(data: unknown): Batch {
  if (data instanceof Float64Array) return fields(data, NO_REFS);
  const d = data as Batch;
  if (d[0] instanceof Float64Array) return fields(d[0], d[1] as readonly unknown[]);
  return d;
}

function fields(f: Float64Array, refs: readonly unknown[]): Batch {
  const n = f.length;
  const b: Batch = new Array<unknown>(n);
  let r = 0;
  for (let i = 0; i < n; i++) {
    const v = f[i] as number;
    if (v >= UNIT && v <= REF) {
      b[i] = v === TRUE ? true : v === FALSE ? false : v === NULL ? null : v === UNDEFINED ? undefined : refs[r++];
    } else {
      b[i] = v;
    }
  }
  return b;
}

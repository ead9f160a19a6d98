/**
 * The form a batch of messages crosses threads in (src/threads/batch.ts): every field arrives as
 * it was put, whatever it is: numbers exactly (-0, NaN, the infinities, and the numbers of the
 * range that stands for the other fields), `true`, `false`, `null`, `undefined`, and values that
 * are not numbers (serialized bytes, strings, bigints, a select's cases) in order.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchWriter, decode } from '../../src/threads/batch.js';

/** Puts `fields`, posts the batch through a real port, and decodes what arrives. */
function roundTrip(fields: readonly unknown[]): unknown[] {
  const w = new BatchWriter();
  for (const f of fields) w.put(f);
  expect(w.length).toBe(fields.length);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(w.take());
  const got = decode(receiveMessageOnPort(port2)?.message);
  port1.close();
  expect(w.length).toBe(0);
  return got;
}

const UNIT = 2 ** -1020;

describe('a batch crossing threads', () => {
  it('keeps every number exactly, the ones its markers use included', () => {
    const nums = [0, -0, 1, -1, 2.5, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53];
    const markers = [UNIT, 2 * UNIT, 3 * UNIT, 4 * UNIT, 5 * UNIT, 1.5 * UNIT, 4.999 * UNIT];
    const got = roundTrip([...nums, ...markers]);
    expect(got).toHaveLength(nums.length + markers.length);
    [...nums, ...markers].forEach((n, i) => expect(Object.is(got[i], n)).toBe(true));
  });

  it('keeps true, false, null and undefined as themselves, not as numbers', () => {
    expect(roundTrip([true, false, null, undefined, 1, 0])).toStrictEqual([true, false, null, undefined, 1, 0]);
  });

  it('carries values that are not numbers beside the numbers, in order', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const cases = [
      [7, true, 'x'],
      [8, false, null],
    ];
    const got = roundTrip([17, 3, 'a string', bytes, 10n, cases, UNIT, 'last']);
    expect(got).toStrictEqual([17, 3, 'a string', bytes, 10n, cases, UNIT, 'last']);
  });

  it('hands a message posted on its own (an array of fields) through as it is', () => {
    const m = [4, 1, new Uint8Array([9])];
    expect(decode(m)).toBe(m);
  });

  it('keeps any sequence of fields (property)', () => {
    const field = fc.oneof(
      fc.double(),
      fc.double({ min: UNIT / 2, max: 6 * UNIT }),
      fc.constantFrom(true, false, null, undefined, UNIT, 5 * UNIT),
      fc.integer(),
      fc.string(),
      fc.bigInt(),
      fc.uint8Array({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 40 }), (fields) => {
        const got = roundTrip(fields);
        expect(got).toHaveLength(fields.length);
        fields.forEach((f, i) => {
          if (typeof f === 'number') expect(Object.is(got[i], f)).toBe(true);
          else expect(got[i]).toStrictEqual(f);
        });
      }),
    );
  });
});

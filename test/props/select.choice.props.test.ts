/**
 * How select chooses: among the cases ready on entry, uniformly at random (Go's selectgo
 * shuffles its poll order with fastrandn); never a case that is not ready, never a nil case;
 * `default` only when nothing is ready; and exactly one case commits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Channel, recv, select, send, trySelect, type SelectCase } from '../../src/index.js';
import { fcParams, timeoutFor } from '../helpers.js';

type Kind = 'ready-recv' | 'ready-send' | 'empty-recv' | 'full-send' | 'nil-recv' | 'nil-send';
const READY: readonly Kind[] = ['ready-recv', 'ready-send'];
const NOT_READY: readonly Kind[] = ['empty-recv', 'full-send', 'nil-recv', 'nil-send'];

/** A case of the given kind on a fresh channel: ready ones are a buffered value to take or a free slot to fill. */
function makeCase(kind: Kind, value: number): { ch: Channel<number>; c: SelectCase } {
  switch (kind) {
    case 'ready-recv': {
      const ch = new Channel<number>(1);
      ch.trySend(value);
      return { ch, c: recv(ch) };
    }
    case 'ready-send': {
      const ch = new Channel<number>(1);
      return { ch, c: send(ch, value) };
    }
    case 'empty-recv': {
      const ch = new Channel<number>(1);
      return { ch, c: recv(ch) };
    }
    case 'full-send': {
      const ch = new Channel<number>(1);
      ch.trySend(-value);
      return { ch, c: send(ch, value) };
    }
    case 'nil-recv':
      return { ch: Channel.nil<number>(), c: recv(Channel.nil<number>()) };
    case 'nil-send':
      return { ch: Channel.nil<number>(), c: send(Channel.nil<number>(), value) };
  }
}

/** Puts a ready case back in its ready state after it committed. */
function rearm(kind: Kind, ch: Channel<number>, value: number): void {
  if (kind === 'ready-recv') ch.trySend(value);
  else if (kind === 'ready-send') ch.tryRecv();
}

/** A random list of cases: 2 to 5 ready ones and 0 to 3 that are not, in random order. */
const casesArb = fc
  .tuple(
    fc.array(fc.constantFrom(...READY), { minLength: 2, maxLength: 5 }),
    fc.array(fc.constantFrom(...NOT_READY), { maxLength: 3 }),
  )
  .chain(([ready, notReady]) =>
    fc.shuffledSubarray([...ready, ...notReady], { minLength: ready.length + notReady.length }),
  );

describe('select chooses among the ready cases', () => {
  const MODERATE_FAIR = 25;
  it(
    'select chooses uniformly at random among the cases ready on entry and never chooses a case that is not ready or is on the nil channel (each frequency within 6.5 standard deviations of 1/k)',
    async () => {
      await fc.assert(
        fc.asyncProperty(casesArb, fc.boolean(), async (kinds, useAsync) => {
          const cs = kinds.map((k, i) => makeCase(k, i + 1));
          const cases = cs.map((x) => x.c);
          const readyIdx = kinds.flatMap((k, i) => (READY.includes(k) ? [i] : []));
          const k = readyIdx.length;
          const trials = 400 * k;
          const counts = new Array<number>(kinds.length).fill(0);
          for (let t = 0; t < trials; t++) {
            // trySelect and select share the first pass; the async form is checked on a sample.
            const r = (useAsync && t % 8 === 0 ? await select(cases) : trySelect(cases)) as
              { index: number } | undefined;
            if (r === undefined) throw new Error('nothing chosen although cases were ready');
            counts[r.index] = (counts[r.index] ?? 0) + 1;
            rearm(kinds[r.index] as Kind, (cs[r.index] as { ch: Channel<number> }).ch, r.index + 1);
          }
          const p = 1 / k;
          const sigma = Math.sqrt(trials * p * (1 - p));
          kinds.forEach((kind, i) => {
            const c = counts[i] ?? 0;
            if (!READY.includes(kind)) expect(c, `case ${i} (${kind}) is never ready`).toBe(0);
            else
              expect(
                Math.abs(c - trials * p),
                `case ${i} chosen ${c} times out of ${trials}, expected ${trials * p} ± ${(6.5 * sigma).toFixed(0)}`,
              ).toBeLessThanOrEqual(6.5 * sigma);
          });
        }),
        fcParams(MODERATE_FAIR),
      );
    },
    timeoutFor(MODERATE_FAIR, 10),
  );

  const MODERATE = 200;
  it(
    'a select with ready cases commits exactly one of them: one channel changes, every other channel is left as it was',
    async () => {
      await fc.assert(
        fc.asyncProperty(casesArb, fc.boolean(), async (kinds, withDefault) => {
          const cs = kinds.map((k, i) => makeCase(k, i + 1));
          const before = cs.map((x) => x.ch.length);
          const r = (
            withDefault
              ? await select(
                  cs.map((x) => x.c),
                  { default: () => 'default' },
                )
              : await select(cs.map((x) => x.c))
          ) as { index: number; value?: number; ok?: boolean } | 'default';
          if (r === 'default') throw new Error('default ran although cases were ready');
          const kind = kinds[r.index] as Kind;
          expect(READY).toContain(kind);
          if (kind === 'ready-recv') expect(r).toEqual({ index: r.index, value: r.index + 1, ok: true });
          else expect(r).toEqual({ index: r.index });
          cs.forEach((x, i) => {
            const expected =
              i !== r.index ? before[i] : kind === 'ready-recv' ? (before[i] ?? 0) - 1 : (before[i] ?? 0) + 1;
            expect(x.ch.length, `len of case ${i}'s channel`).toBe(expected);
          });
          // The value a send case committed is the one in its channel; nothing else moved.
          if (kind === 'ready-send')
            expect((cs[r.index] as { ch: Channel<number> }).ch.tryRecv()).toEqual({ value: r.index + 1, ok: true });
        }),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 5),
  );

  it(
    'default runs exactly when no case is ready on entry, and then nothing is taken from or added to any channel',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom<Kind>(...READY, ...NOT_READY), { maxLength: 6 }), async (kinds) => {
          const cs = kinds.map((k, i) => makeCase(k, i + 1));
          const before = cs.map((x) => x.ch.length);
          const anyReady = kinds.some((k) => READY.includes(k));
          const r = await select(
            cs.map((x) => x.c),
            { default: () => 'default' as const },
          );
          expect(r === 'default', `default ran: ${JSON.stringify(r)} for ${kinds.join(', ')}`).toBe(!anyReady);
          if (r === 'default') cs.forEach((x, i) => expect(x.ch.length).toBe(before[i]));
          // trySelect is the same select: undefined exactly when default would run.
          const cs2 = kinds.map((k, i) => makeCase(k, i + 1));
          expect(trySelect(cs2.map((x) => x.c)) === undefined).toBe(!anyReady);
        }),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 5),
  );
});

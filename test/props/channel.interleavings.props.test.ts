/**
 * Interleavings: several producer and consumer goroutines on one channel, scheduled in a random
 * order by `fc.scheduler()`. Every goroutine yields to the scheduler before each channel
 * operation; between two scheduling decisions everything runnable runs (`settle`), so a seed
 * replays the same interleaving. The properties are the invariants a Go program relies on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Channel, recv, select, send, SendOnClosedChannelError } from '../../src/index.js';
import { fcParams, settle, timeoutFor } from '../helpers.js';

/** More scheduling turns than any correct run needs: beyond this a goroutine is spinning (a livelock). */
const MAX_STEPS = 5_000;

/** Runs the scheduled tasks one at a time, in the scheduler's random order, letting everything else run in between. */
async function drive(s: fc.Scheduler): Promise<void> {
  for (let step = 0; ; step++) {
    await settle();
    if (s.count() === 0) return;
    if (step > MAX_STEPS)
      throw new Error(`livelock: still ${s.count()} goroutines runnable after ${MAX_STEPS} scheduling turns`);
    await s.waitNext(1);
  }
}

/** Starts `fn` as a goroutine: its failure is recorded, never unhandled. */
function go(name: string, fn: () => Promise<void>, world: { finished: Set<string>; errors: unknown[] }): void {
  void fn().then(
    () => world.finished.add(name),
    (e: unknown) => {
      world.finished.add(name);
      world.errors.push(e);
    },
  );
}

type ProducerKind = 'send' | 'select-send' | 'trySend-loop';
type ConsumerKind = 'recv' | 'recvValue' | 'select-recv' | 'for-await';

const ZERO = -1;
const valueOf = (producer: number, seq: number): number => producer * 1000 + seq;

/** Each consumer must see each producer's values in the order they were sent. */
function expectPerSenderFifo(received: readonly number[], who: string): void {
  const last = new Map<number, number>();
  for (const v of received) {
    const p = Math.floor(v / 1000);
    const prev = last.get(p);
    if (prev !== undefined)
      expect(v % 1000, `${who} got producer ${p}'s value ${v % 1000} after ${prev}`).toBeGreaterThan(prev);
    last.set(p, v % 1000);
  }
}

describe('interleavings of producers and consumers', () => {
  const MODERATE = 100;
  it(
    'under any interleaving, every value sent is received exactly once, each consumer sees each sender’s values in order, after the last producer closes every consumer drains the channel and reads (zero, false), and no goroutine is left blocked',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.integer({ min: 0, max: 3 }),
          fc.array(
            fc.record({
              n: fc.integer({ min: 0, max: 5 }),
              kind: fc.constantFrom<ProducerKind>('send', 'select-send', 'trySend-loop'),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          fc.array(fc.constantFrom<ConsumerKind>('recv', 'recvValue', 'select-recv', 'for-await'), {
            minLength: 1,
            maxLength: 3,
          }),
          async (s, capacity, producers, consumers) => {
            const ch = new Channel<number>(capacity, { zero: ZERO });
            const world = { finished: new Set<string>(), errors: [] as unknown[] };
            const sent: number[] = [];
            const got: number[][] = consumers.map(() => []);
            let running = producers.length;

            producers.forEach(({ n, kind }, p) =>
              go(
                `producer ${p}`,
                async () => {
                  for (let i = 0; i < n; i++) {
                    await s.schedule(Promise.resolve(), `P${p} sends ${i}`);
                    const v = valueOf(p, i);
                    if (kind === 'send') await ch.send(v);
                    else if (kind === 'select-send') await select([send(ch, v), recv(Channel.nil<number>())]);
                    else while (!ch.trySend(v)) await s.schedule(Promise.resolve(), `P${p} retries ${i}`);
                    sent.push(v);
                  }
                  if (--running === 0) ch.close(); // the last producer closes, as a WaitGroup would
                },
                world,
              ),
            );

            consumers.forEach((kind, c) =>
              go(
                `consumer ${c}`,
                async () => {
                  const mine = got[c] as number[];
                  if (kind === 'for-await') {
                    for await (const v of ch) {
                      mine.push(v);
                      await s.schedule(Promise.resolve(), `C${c} next`);
                    }
                    return;
                  }
                  for (;;) {
                    await s.schedule(Promise.resolve(), `C${c} receives`);
                    let value: number | undefined;
                    let ok: boolean;
                    if (kind === 'recv') ({ value, ok } = await ch.recv());
                    else if (kind === 'recvValue') {
                      value = await ch.recvValue();
                      ok = value !== ZERO;
                    } else {
                      const r = await select([recv(Channel.nil<number>()), recv(ch)]);
                      expect(r.index, 'a nil case is never chosen').toBe(1);
                      ({ value, ok } = r);
                    }
                    if (!ok) {
                      expect(value, 'a closed channel reads the zero value').toBe(ZERO);
                      expect(ch.length, 'ok=false only once the buffer is drained').toBe(0);
                      // ...and forever after
                      expect(await ch.recv()).toEqual({ value: ZERO, ok: false });
                      return;
                    }
                    mine.push(value as number);
                  }
                },
                world,
              ),
            );

            await drive(s);
            expect(world.errors).toEqual([]);
            const all = [...producers.map((_, p) => `producer ${p}`), ...consumers.map((_, c) => `consumer ${c}`)];
            expect(
              all.filter((g) => !world.finished.has(g)),
              'goroutines left blocked',
            ).toEqual([]);
            const expectedValues = producers.flatMap(({ n }, p) => Array.from({ length: n }, (_, i) => valueOf(p, i)));
            expect(
              got.flat().sort((a, b) => a - b),
              'every value received exactly once',
            ).toEqual(expectedValues.sort((a, b) => a - b));
            expect(sent.sort((a, b) => a - b)).toEqual(expectedValues);
            got.forEach((g, c) => expectPerSenderFifo(g, `consumer ${c}`));
          },
        ),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 30),
  );

  it(
    'under any interleaving with a close and aborts at random moments, a value is received exactly once if its send succeeded and never if it failed, a send that starts after close fails, receivers drain then read (zero, false), and every goroutine finishes',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.integer({ min: 0, max: 3 }),
          fc.array(
            fc.record({
              n: fc.integer({ min: 1, max: 5 }),
              kind: fc.constantFrom<ProducerKind>('send', 'select-send', 'trySend-loop'),
              abortAt: fc.option(fc.integer({ min: 0, max: 12 })),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          fc.array(
            fc.record({
              kind: fc.constantFrom<ConsumerKind>('recv', 'recvValue', 'select-recv'),
              abortAt: fc.option(fc.integer({ min: 0, max: 12 })),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          fc.integer({ min: 0, max: 15 }),
          async (s, capacity, producers, consumers, closeAt) => {
            const ch = new Channel<number>(capacity, { zero: ZERO });
            const world = { finished: new Set<string>(), errors: [] as unknown[] };
            let closed = false;
            const succeeded = new Set<number>();
            const failed = new Set<number>();
            const got: number[][] = consumers.map(() => []);

            /** A goroutine that waits `steps` scheduling turns, then acts. */
            const after = (name: string, steps: number, act: () => void): void =>
              go(
                name,
                async () => {
                  for (let k = 0; k < steps; k++) await s.schedule(Promise.resolve(), `${name} waits`);
                  act();
                },
                world,
              );

            after('closer', closeAt, () => {
              ch.close();
              closed = true;
            });

            producers.forEach(({ n, kind, abortAt }, p) => {
              const ctl = new AbortController();
              const reason = new Error(`abort P${p}`);
              if (abortAt !== null) after(`aborter of P${p}`, abortAt, () => ctl.abort(reason));
              go(
                `producer ${p}`,
                async () => {
                  for (let i = 0; i < n; i++) {
                    await s.schedule(Promise.resolve(), `P${p} sends ${i}`);
                    const v = valueOf(p, i);
                    const startedAfterClose = closed;
                    try {
                      if (kind === 'send') await ch.send(v, { signal: ctl.signal });
                      else if (kind === 'select-send') await select([send(ch, v)], { signal: ctl.signal });
                      else {
                        while (!ch.trySend(v)) {
                          await s.schedule(Promise.resolve(), `P${p} retries ${i}`);
                          if (ctl.signal.aborted) throw ctl.signal.reason;
                        }
                      }
                      expect(startedAfterClose, `P${p}'s send of ${i} started after close and succeeded`).toBe(false);
                      succeeded.add(v);
                    } catch (e) {
                      failed.add(v);
                      if (e === reason) return;
                      expect(e).toBeInstanceOf(SendOnClosedChannelError);
                      expect(closed, 'a send fails only once the channel is closed').toBe(true);
                      return;
                    }
                  }
                },
                world,
              );
            });

            consumers.forEach(({ kind, abortAt }, c) => {
              const ctl = new AbortController();
              const reason = new Error(`abort C${c}`);
              if (abortAt !== null) after(`aborter of C${c}`, abortAt, () => ctl.abort(reason));
              go(
                `consumer ${c}`,
                async () => {
                  const mine = got[c] as number[];
                  for (;;) {
                    await s.schedule(Promise.resolve(), `C${c} receives`);
                    let value: number | undefined;
                    let ok: boolean;
                    try {
                      if (kind === 'recv') ({ value, ok } = await ch.recv({ signal: ctl.signal }));
                      else if (kind === 'recvValue') {
                        value = await ch.recvValue({ signal: ctl.signal });
                        ok = value !== ZERO;
                      } else
                        ({ value, ok } = await select([recv(ch), recv(Channel.nil<number>())], { signal: ctl.signal }));
                    } catch (e) {
                      if (e === reason) return;
                      throw e;
                    }
                    if (!ok) {
                      expect(closed, 'ok=false only after close').toBe(true);
                      expect(value).toBe(ZERO);
                      expect(ch.length, 'ok=false only once the buffer is drained').toBe(0);
                      return;
                    }
                    mine.push(value as number);
                  }
                },
                world,
              );
            });

            await drive(s);
            expect(world.errors).toEqual([]);
            expect(closed).toBe(true);
            const stuck = [
              ...producers.map((_, p) => `producer ${p}`),
              ...consumers.map((_, c) => `consumer ${c}`),
            ].filter((g) => !world.finished.has(g));
            expect(stuck, 'goroutines left blocked').toEqual([]);
            // Consumers that were aborted may leave values behind: drain them now (the channel is closed).
            const leftover: number[] = [];
            for (let r = ch.tryRecv(); r !== undefined && r.ok; r = ch.tryRecv()) leftover.push(r.value);
            const received = [...got.flat(), ...leftover].sort((a, b) => a - b);
            expect(received, 'received exactly the values whose send succeeded, each once').toEqual(
              [...succeeded].sort((a, b) => a - b),
            );
            for (const v of failed) expect(succeeded.has(v)).toBe(false);
            got.forEach((g, c) => expectPerSenderFifo(g, `consumer ${c}`));
            expectPerSenderFifo(leftover, 'the final drain');
          },
        ),
        fcParams(MODERATE),
      );
    },
    timeoutFor(MODERATE, 30),
  );
});

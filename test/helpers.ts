/**
 * The test toolkit: explicit event ordering, never wall-clock waiting.
 *
 * - `settle()` runs everything that is runnable now; `until(cond)` settles until `cond` holds.
 * - `track(p)` observes a promise's outcome without awaiting it.
 * - `gate()` is a promise a test opens (or fails) when it chooses.
 * - `fcParams`, `commandsConstraints` and `timeoutFor` are the fast-check conventions every
 *   property follows: a run count from FC_NUM_RUNS, and a replay of a failure from FC_SEED,
 *   FC_PATH (and FC_REPLAY_PATH for `fc.commands`).
 * - `seededRandom(seed)` replaces Math.random deterministically.
 */
import { schedulerState } from '../src/runtime/scheduler.js';

// Captured before any test can install fake timers.
const realSetImmediate = globalThis.setImmediate;

/**
 * Runs everything that is runnable now: all pending microtasks, and any resumption the yield
 * policy has deferred to a macrotask. No time passes on any clock a test asserts on.
 */
export async function settle(): Promise<void> {
  do {
    await new Promise<void>((resolve) => realSetImmediate(resolve));
  } while (schedulerState().yielding);
}

/**
 * Resolves once `cond` holds, checking after each {@link settle} (no clock involved): for what
 * another thread does, which no amount of settling on this one makes happen at a known turn.
 */
export async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await settle();
}

/** A tracked promise's outcome as one value, for a single `toEqual`. */
export type Outcome<T> =
  | { readonly state: 'pending' }
  | { readonly state: 'fulfilled'; readonly value: T }
  | { readonly state: 'rejected'; readonly reason: unknown };

/**
 * What {@link track} has seen of a promise so far: `current` as one value (for a single
 * `toEqual`), and the same as flags for tests that only ask whether and how it settled.
 */
export class Tracked<T> {
  current: Outcome<T> = { state: 'pending' };

  get state(): Outcome<T>['state'] {
    return this.current.state;
  }

  get settled(): boolean {
    return this.current.state !== 'pending';
  }

  get fulfilled(): boolean {
    return this.current.state === 'fulfilled';
  }

  /** The fulfilment value, once fulfilled. */
  get value(): T | undefined {
    return this.current.state === 'fulfilled' ? this.current.value : undefined;
  }

  /** The rejection reason, once rejected. */
  get reason(): unknown {
    return this.current.state === 'rejected' ? this.current.reason : undefined;
  }
}

/** Observes a promise's outcome without awaiting it (and marks its rejection handled). */
export function track<T>(p: Promise<T>): Tracked<T> {
  const t = new Tracked<T>();
  p.then(
    (value) => {
      t.current = { state: 'fulfilled', value };
    },
    (reason: unknown) => {
      t.current = { state: 'rejected', reason };
    },
  );
  return t;
}

/** A promise the test opens or fails when it chooses: a goroutine awaits `p` to block until then. */
export interface Gate {
  readonly p: Promise<void>;
  readonly open: () => void;
  readonly fail: (e: unknown) => void;
}

/** Makes a {@link Gate}. */
export function gate(): Gate {
  let open!: () => void;
  let fail!: (e: unknown) => void;
  const p = new Promise<void>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { p, open, fail };
}

/** A deterministic Math.random replacement (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs per property: `FC_NUM_RUNS` if set (the soak: `npm run test:props`), else `moderate`
 * (what `npm test` uses).
 */
export function numRuns(moderate: number): number {
  const env = process.env.FC_NUM_RUNS;
  return env === undefined || env === '' ? moderate : Number(env);
}

/**
 * The fast-check parameters of every property: the run count, and for a replay the `seed` and
 * `path` a failure printed, from FC_SEED and FC_PATH (plus FC_REPLAY_PATH for a model-based
 * property, see {@link commandsConstraints}):
 *
 *   FC_SEED=-918572346 FC_PATH="58:0:2:5" npx vitest run test/props/channel.interleavings.props.test.ts -t "close and aborts"
 */
export function fcParams(moderate: number): { numRuns: number; seed?: number; path?: string } {
  const seed = process.env.FC_SEED;
  if (seed === undefined || seed === '') return { numRuns: numRuns(moderate) };
  const path = process.env.FC_PATH;
  return { numRuns: numRuns(moderate), seed: Number(seed), ...(path !== undefined && path !== '' ? { path } : {}) };
}

/**
 * The constraints of `fc.commands` for the model-based properties. To replay a failure of one of
 * them, fast-check needs, besides FC_SEED and FC_PATH, the `replayPath` the counterexample
 * printed after it (`replayPath="DZd:F"`): pass it as FC_REPLAY_PATH.
 */
export function commandsConstraints(maxCommands: number): { maxCommands: number; size: '+1'; replayPath?: string } {
  const replayPath = process.env.FC_REPLAY_PATH;
  return { maxCommands, size: '+1', ...(replayPath !== undefined && replayPath !== '' ? { replayPath } : {}) };
}

/**
 * A test timeout that grows with the run count: `msPerRun` is a generous upper bound of one run
 * (the soak at 10,000 runs needs far more than vitest's default). `TEST_TIMEOUT_MS` raises the
 * floor of 20 s on a machine too loaded for it (the mutation run on a shared machine).
 */
export function timeoutFor(moderate: number, msPerRun: number): number {
  const floor = Number(process.env.TEST_TIMEOUT_MS ?? '') || 20_000;
  return Math.max(floor, numRuns(moderate) * msPerRun);
}

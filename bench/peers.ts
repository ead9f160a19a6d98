/**
 * The libraries under comparison, imported once, plus the few helpers their APIs need.
 * Each workload file writes every library's loop out by hand, in that library's own fastest
 * public API, rather than through a common wrapper that would hide (or add) costs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as chango from '../src/index.js';

export { Channel, select, trySelect, recv, send, after } from '../src/index.js';
export { Channel as AsyncChannel } from 'async-channel';
export { Chan as TsChan, Select as TsSelect, recv as tsRecv } from 'ts-chan';
export { default as NodeguyChannel } from '@nodeguy/channel';
export { default as csp } from 'js-csp';
export { default as pMap } from 'p-map';
export { default as pLimit } from 'p-limit';
export { FloorChannel } from './floor.js';
import csp, { type CspChannel, type Instruction } from 'js-csp';

/** Runs a js-csp process (a generator) and resolves to its return value when it finishes. */
export function cspRun(gen: () => Generator<Instruction, unknown, any>): Promise<unknown> {
  return new Promise((resolve) => csp.takeAsync(csp.go(gen), resolve));
}
export type { CspChannel };

/**
 * chango's WaitGroup, once `src/waitgroup` lands and index.ts exports it; until then the
 * worker-pool rows close the results channel with a counter (what the WaitGroup does inside).
 */
export interface WaitGroupLike {
  add(n: number): void;
  done(): void;
  wait(): Promise<void>;
}
export const WaitGroup = (chango as unknown as { WaitGroup?: new () => WaitGroupLike }).WaitGroup;

/** The version of an installed package, from its package.json. */
export function versionOf(pkg: string): string {
  const require = createRequire(import.meta.url);
  try {
    const root = pkg === 'chango' ? '../package.json' : `../node_modules/${pkg}/package.json`;
    const json = JSON.parse(readFileSync(new URL(root, import.meta.url), 'utf8')) as { version: string };
    return json.version;
  } catch {
    return require(`${pkg}/package.json`).version as string;
  }
}

export const PEERS = ['async-channel', 'ts-chan', '@nodeguy/channel', 'js-csp', 'p-map', 'p-limit'] as const;

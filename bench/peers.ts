/**
 * The libraries under comparison, imported once, plus the few helpers their APIs need.
 * Each workload file writes every library's loop out by hand, in that library's own fastest
 * public API, rather than through a common wrapper that would hide (or add) costs.
 */
import { readFileSync } from 'node:fs';

export { Channel, select, trySelect, recv, send, after, WaitGroup } from '../src/index.js';
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

/** The version of an installed peer, from bench/node_modules (chango: this tree's package.json). */
export function versionOf(pkg: string): string {
  const file = pkg === 'chango' ? '../package.json' : `./node_modules/${pkg}/package.json`;
  return (JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as { version: string }).version;
}

export const PEERS = ['async-channel', 'ts-chan', '@nodeguy/channel', 'js-csp', 'p-map', 'p-limit'] as const;

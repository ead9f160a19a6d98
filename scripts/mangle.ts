// The internal property names the build shortens (esbuild's `mangleProps`), and the committed
// cache of the short names they get.
//
// Property names survive minification: `this.sendq.first` stays `this.sendq.first` in every
// bundle that includes chango. The names below belong to chango's internals only (the fields of
// hchan, sudog and waitq, the select group, the timers, the sync primitives), so the build may
// rename them. The cache (mangle-cache.json) fixes each short name once for all builds: the ESM
// and the CommonJS build, and every entry point, use the same names, so two copies of chango in
// one process (the dual-package hazard) still read each other's channels and waiters, and
// `chango/node`, `chango/synctest`, `chango/trace` and `chango/threads` still reach into the core.
//
// A name qualifies only if every object that carries it is chango's own and no user sees it:
// - not public: not a member of any exported type, option or result (`value`, `ok`, `ch` of a
//   trace event, `count` of a bubble, `size` of a WorkerPool's options, `zero`, `callSites`, ...);
// - not the platform's: never read or written on a built-in object (`next`, `push`, `signal`,
//   `reason`, `resolve`, `stack`, `start`, `size` of a Map, `handleEvent`, ...);
// - never spelt as a string (`obj['name']`, `'name' in obj`), which mangling does not rename.
// `test/mangle.test.ts` checks the first rule against the published types; `npm run
// test:mangled` runs the unit tests on code mangled with these names, which catches the others.
//
// Adding a name: add it here and run `npm run build`, which adds it to the cache; commit both.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The mangled names, by the module that owns them. */
export const MANGLED: readonly string[] = [
  // src/channel/channel.ts: hchan
  ...['crossThread', 'buf', 'head', 'sendq', 'recvq', 'closed', 'timer', 'opts', 'isNil', 'recvReason'],
  ...['sendNow', 'recvNow', 'pollRecv', 'canRecv', 'canSend', 'enqueue', 'unlink', 'park', 'grow'],
  ...['pending', 'finished'],
  // src/runtime/waiter.ts: sudog, waitq and the park tracker
  ...['prev', 'queue', 'shape', 'site', 'blocked', 'tracker', 'first', 'last', 'remove', 'isSend'],
  // src/select: a case and the parked select
  ...['handler', 'cases', 'direct', 'waiters', 'commit', 'fail', 'finish'],
  // src/time: the alarm under timers, tickers and deadlines
  ...['when', 'handle', 'clock', 'arm', 'disarm', 'ring', 'period', 'fire', 'ready', 'block', 'unblock', 'drain', 't'],
  ...['chan', 'stopTimer', 'resetTimer', 'startTimer'],
  // src/context
  ...['ac', 'parent', 'expireIn'],
  // src/sync
  ...['n', 'round', 'doneCallback', 'wg', 'sem', 'failed', 'err', 'cur', 'notifyWaiters'],
  ...['token', 'releaseGuard', 'mu', 'state', 'running', 'cancelCause', 'spawnGoroutine', 'guard'],
];

const CACHE = fileURLToPath(new URL('../mangle-cache.json', import.meta.url));

/** The committed cache: name to short name. */
export function readCache(): Record<string, string | false> {
  return JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, string | false>;
}

/** esbuild options that mangle {@link MANGLED} with the committed names. */
export function mangleOptions(): { mangleProps: RegExp; mangleCache: Record<string, string | false> } {
  return {
    mangleProps: new RegExp(`^(?:${MANGLED.join('|')})$`),
    mangleCache: readCache(),
  };
}

/**
 * After a build: the cache esbuild used, with any name it had to invent. A new name is written to
 * the cache file (commit it); under CI a cache that is not up to date fails the build, so that
 * the published builds never pick names of their own.
 *
 * @returns an error message, or undefined when the committed cache was complete.
 */
export function checkCache(used: Record<string, string | false>): string | undefined {
  const committed = readCache();
  const next = Object.fromEntries(
    Object.entries(used)
      .filter(([k]) => MANGLED.includes(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  if (JSON.stringify(next) === JSON.stringify(committed)) return undefined;
  if (process.env.CI) return 'mangle-cache.json is not up to date: run `npm run build` and commit it';
  writeFileSync(CACHE, `${JSON.stringify(next, null, 2)}\n`);
  return undefined;
}

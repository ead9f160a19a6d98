/**
 * The one detector of this process, wired to the real `process`. A module of its own so that
 * `runMain` and the side-effect import share it without an import cycle.
 */
import { writeSync } from 'node:fs';
import { DeadlockDetector } from './deadlock.js';

/** One detector per process, even when both the ESM and the CommonJS build of chango/node load. */
const DETECTOR = Symbol.for('chango.detector');

/**
 * The detector `import 'chango/node'` installs: Go's runtime-wide deadlock check, one per process.
 */
export const detector: DeadlockDetector = ((globalThis as { [DETECTOR]?: DeadlockDetector })[DETECTOR] ??=
  new DeadlockDetector(
    process,
    // Synchronous on every platform: the report is written from the `exit` event.
    (text) => {
      writeSync(2, text);
    },
    (fn) => {
      setImmediate(fn).unref();
    },
  ));

/**
 * The one detector of this process, wired to the real `process`. A module of its own so that
 * `runMain` and the side-effect import share it without an import cycle.
 */
import { writeSync } from 'node:fs';
import { DeadlockDetector } from './deadlock.js';

/**
 * The detector `import 'chango/node'` installs: Go's runtime-wide deadlock check, one per process.
 */
export const detector = new DeadlockDetector(
  process,
  // Synchronous on every platform: the report is written from the `exit` event.
  (text) => {
    writeSync(2, text);
  },
  (fn) => {
    setImmediate(fn).unref();
  },
);

/**
 * `chango/node`: what only Node can offer, kept out of the platform-neutral core.
 *
 * Importing this module (`import 'chango/node'`, or `node --import chango/node app.js`) installs
 * Go's end-of-program behaviour for the whole process:
 *
 * - **Deadlock report.** When the event loop drains while main is blocked (an unsettled
 *   top-level `await`, or a {@link runMain} function that has not returned), print
 *   `fatal error: all goroutines are asleep - deadlock!` with every blocked chango operation
 *   (what it was, on which channel, called from where) and exit with status 2.
 * - **Panics.** An unhandled chango error (`SendOnClosedChannelError`, ...) prints Go's
 *   `panic: send on closed channel` with its call site and exits with status 2.
 *
 * It is opt-in because it changes how the process exits and captures a stack trace for every
 * operation that blocks: a library must not do either to a program that did not ask.
 *
 * @example
 * ```ts
 * import 'chango/node';
 * import { Channel } from 'chango';
 *
 * const ch = new Channel<number>(0, { name: 'results' });
 * await ch.send(1); // nobody receives: fatal error: all goroutines are asleep - deadlock!
 * ```
 */
import { detector } from './process.js';

detector.install();

export { runMain } from './runmain.js';
export { traceFromArgs, traceToFile, renderForFile } from './trace.js';

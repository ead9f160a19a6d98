// The smoke check's worker module on Node's worker_threads (Node, Bun): chango/threads as a Node
// program imports it.
import '../../dist/threads.js';

export * from './threads-work.js';

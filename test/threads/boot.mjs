// The entry of the test pools' threads: Node 20 runs no TypeScript in a worker by itself, so
// register tsx there and then import the module whose functions the pool runs.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);

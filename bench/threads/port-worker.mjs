// The worker of the hand-written MessagePort pool (bench/threads/case.ts, "cpu-port"): one job per
// message, its answer posted as soon as it is done. The reference the issue measures chango against.
import { parentPort } from 'node:worker_threads';
import { countPrimes, SPAN } from './jobs.mjs';

parentPort.on('message', (lo) => parentPort.postMessage(countPrimes(lo, lo + SPAN)));

/** Every workload, in the order a run measures and reports them. */
import type { Workload } from '../harness.js';
import { starvation } from './starvation.js';
import { w1 } from './w1-pingpong.js';
import { w2 } from './w2-buffered.js';
import { w3 } from './w3-workerpool.js';
import { w4 } from './w4-select-fanin.js';
import { w5 } from './w5-select-after.js';
import { w5b } from './w5b-select-idle.js';
import { w5m } from './w5m-million-selects.js';
import { w5p } from './w5p-select-parks.js';
import { w6a, w6b, w6c } from './w6-memory.js';

export const WORKLOADS: readonly Workload[] = [w1, w2, w3, w4, w5, w5b, w5p, w5m, w6a, w6b, w6c, starvation];

// Runs the smoke checks on the built ESM package in whatever runtime loads this file.
import * as chango from '../../dist/index.js';
import * as synctest from '../../dist/synctest.js';
import * as trace from '../../dist/trace.js';
import { runSmoke } from './smoke.js';

const runtime = typeof Deno !== 'undefined' ? 'deno' : typeof Bun !== 'undefined' ? 'bun' : 'node';
const passed = await runSmoke(chango, trace, synctest);
console.log(`${runtime}: ${passed.length} passed, 0 failed (${passed.join('; ')})`);

// Loads the built `chango/node` entry: in Deno this needs its `node:` import prefixes.
import { runMain } from '../../dist/node.js';

await runMain(async () => {});
console.log(`chango/node: 1 passed, 0 failed (dist/node.js loads and runMain returns)`);

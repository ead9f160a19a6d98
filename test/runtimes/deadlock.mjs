// `node --import ./dist/node.js` on a program that deadlocks: the built chango/node entry must see
// the parks of the built core (one shared chunk) and print Go's report with exit status 2.
import { Channel } from '../../dist/index.js';

const ch = new Channel(0, { name: 'never' });
await ch.send(1);

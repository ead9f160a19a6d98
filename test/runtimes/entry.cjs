// The CommonJS build: require('chango') resolves to dist/index.cjs.
const chango = require('../../dist/index.cjs');
const synctest = require('../../dist/synctest.cjs');

import('./smoke.js')
  .then(({ runSmoke }) => runSmoke(chango, undefined, synctest))
  .then((passed) => console.log(`node (CommonJS): ${passed.length} passed, 0 failed`));

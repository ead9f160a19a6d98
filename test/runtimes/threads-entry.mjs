// The threads smoke check on Node's worker_threads or, with the argument `web`, on Web Workers,
// in whatever runtime loads this file (Node, Deno, Bun).
const web = process.argv.includes('web') || typeof Deno !== 'undefined';
const threads = await import(web ? '../../dist/threads-web.js' : '../../dist/threads.js');
const { runThreadsSmoke } = await import('./threads-smoke.js');

const runtime = typeof Deno !== 'undefined' ? 'deno' : typeof Bun !== 'undefined' ? 'bun' : 'node';
const worker = new URL(web ? './threads-worker-web.mjs' : './threads-worker.mjs', import.meta.url);
const passed = await runThreadsSmoke(threads, worker, { syncValues: true });
console.log(
  `${runtime} chango/threads (${web ? 'Web Workers' : 'worker_threads'}): ${passed.length} passed, 0 failed (${passed.join('; ')})`,
);

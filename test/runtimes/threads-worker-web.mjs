// The smoke check's worker module on Web Workers (Chromium, Deno, Bun): chango/threads as a
// browser or Deno program imports it (the browser and deno conditions of package.json's exports).
import '../../dist/threads-web.js';

export * from './threads-work.js';

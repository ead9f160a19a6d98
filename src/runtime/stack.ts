/**
 * Call sites for the deadlock and panic reports: a V8 stack trace with chango's own frames and
 * the runtime's internals taken out, so that the first line is the user's `await ch.send(v)`.
 *
 * Platform-neutral (no `node:path`, no `node:url`): the bubble of `chango/synctest` formats the
 * same report in any runtime. Both path separators are understood, and `file://` URLs are turned
 * into paths by hand, as Node's `fileURLToPath` would on the platform that produced them.
 */

/**
 * Where chango's own code lives: `<package>/src/` when run from source (tsx, or a bundle with
 * source maps enabled, whose frames map back to `src/`), `<package>/dist/` when run from the
 * build. Read from this module's own frame, which works the same in ESM and CommonJS.
 */
const OWN_ROOT: string | undefined = (() => {
  const self = fileOf(firstFrame(new Error().stack));
  if (self === undefined) return undefined;
  const m = /[\\/]src[\\/]runtime[\\/][^\\/]*$/.exec(self);
  if (m !== null) return self.slice(0, m.index + 5);
  return self.slice(0, Math.max(self.lastIndexOf('/'), self.lastIndexOf('\\')) + 1);
})();

/**
 * The frames of `stack` that belong to the user's program (what Go's traceback shows after
 * hiding `runtime.*` frames), as `at fn (/path/file.ts:12:5)`
 * lines with `file://` URLs turned into paths. If every frame is chango's or the runtime's (the
 * user bundled chango into their own file, say) the non-internal frames are kept all the same,
 * since a call site in chango is better than none.
 */
export function userFrames(stack: string | undefined): string[] {
  if (stack === undefined) return [];
  const frames: { line: string; file: string }[] = [];
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ')) continue;
    const file = fileOf(line);
    if (file === undefined || file.startsWith('node:') || /[\\/]node_modules[\\/](tsx|vitest|@vitest)[\\/]/.test(file)) {
      continue;
    }
    frames.push({ line: readable(line), file });
  }
  const own = OWN_ROOT;
  const users = own === undefined ? frames : frames.filter((f) => !f.file.startsWith(own));
  return (users.length > 0 ? users : frames).map((f) => f.line);
}

/** The first `at` line of a stack. */
function firstFrame(stack: string | undefined): string | undefined {
  return stack?.split('\n').find((l) => l.trim().startsWith('at '));
}

/** The file of a frame line (`at fn (file:1:2)` or `at file:1:2`), as a path; undefined if none. */
function fileOf(frame: string | undefined): string | undefined {
  if (frame === undefined) return undefined;
  const location = locationOf(frame.trim());
  const m = /^(.*?)(?::\d+){1,2}$/.exec(location);
  if (m === null) return undefined; // `at async Promise.all (index 0)`, `<anonymous>`, `native`
  return toPath(m[1] as string);
}

function locationOf(frame: string): string {
  const open = frame.lastIndexOf(' (');
  if (frame.endsWith(')') && open >= 0) return frame.slice(open + 2, -1);
  return frame.replace(/^at (async )?/, '');
}

/** `file:///home/me/a.ts` → `/home/me/a.ts`, `file:///C:/me/a.ts` → `C:\me\a.ts`; other strings as they are. */
function toPath(file: string): string {
  if (!file.startsWith('file://')) return file;
  let path = file.slice('file://'.length);
  try {
    path = decodeURIComponent(path);
  } catch {
    return file;
  }
  // A Windows drive (`/C:/...`) or UNC host (`file://server/share`) means backslashes, as Node's fileURLToPath gives.
  if (/^\/[A-Za-z]:\//.test(path)) return path.slice(1).replace(/\//g, '\\');
  if (!path.startsWith('/')) return `\\\\${path.replace(/\//g, '\\')}`;
  return path;
}

/** Rewrites the frame's `file://` URL, if any, as a path: it is what editors and terminals link. */
function readable(frame: string): string {
  return frame.replace(/file:\/\/[^\s)]+/g, (url) => {
    const m = /^(.*?)((?::\d+){1,2})$/.exec(url);
    return m === null ? toPath(url) : toPath(m[1] as string) + (m[2] as string);
  });
}

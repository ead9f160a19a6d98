/**
 * Call sites for the deadlock and panic reports: a V8 stack trace with chango's own frames and
 * Node's internals taken out, so that the first line is the user's `await ch.send(v)`.
 */
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where chango's own code lives: `<package>/src/` when run from source (tsx, or a bundle with
 * source maps enabled, whose frames map back to `src/`), `<package>/dist/` when run from the
 * build. Read from this module's own frame, which works the same in ESM and CommonJS.
 */
const OWN_ROOT: string | undefined = (() => {
  const self = fileOf(firstFrame(new Error().stack));
  if (self === undefined) return undefined;
  const marker = `${sep}src${sep}node${sep}`;
  const i = self.lastIndexOf(marker);
  return i >= 0 ? self.slice(0, i + 5) : dirname(self) + sep;
})();

/**
 * The frames of `stack` that belong to the user's program (what Go's traceback shows after
 * hiding `runtime.*` frames), as `at fn (/path/file.ts:12:5)`
 * lines with `file://` URLs turned into paths. If every frame is chango's or Node's (the user
 * bundled chango into their own file, say) the non-internal frames are kept all the same, since
 * a call site in chango is better than none.
 */
export function userFrames(stack: string | undefined): string[] {
  if (stack === undefined) return [];
  const frames: { line: string; file: string }[] = [];
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ')) continue;
    const file = fileOf(line);
    if (file === undefined || file.startsWith('node:') || file.includes(`${sep}node_modules${sep}tsx${sep}`)) continue;
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

function toPath(file: string): string {
  if (!file.startsWith('file://')) return file;
  try {
    return fileURLToPath(file);
  } catch {
    return file;
  }
}

/** Rewrites the frame's `file://` URL, if any, as a path: it is what editors and terminals link. */
function readable(frame: string): string {
  return frame.replace(/file:\/\/[^\s)]+/g, (url) => {
    const m = /^(.*?)((?::\d+){1,2})$/.exec(url);
    return m === null ? toPath(url) : toPath(m[1] as string) + (m[2] as string);
  });
}

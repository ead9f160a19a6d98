/** The short form of a value in a trace: what a learner needs to follow it, never a dump. */

const MAX = 24;

/**
 * A value as a trace shows it: numbers and booleans as written, strings quoted, objects by their
 * class, everything cut to 24 characters. Never throws (a hostile `toString` is not called).
 *
 * @example
 * ```ts
 * shortValue(42); // '42'
 * shortValue('a long string that goes on'); // '"a long string that go…'
 * ```
 */
export function shortValue(v: unknown): string {
  switch (typeof v) {
    case 'undefined':
      return '';
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'string':
      return cut(JSON.stringify(v));
    case 'symbol':
      return cut(v.description === undefined ? 'Symbol()' : `Symbol(${v.description})`);
    case 'function':
      return 'func';
    default:
      if (v === null) return 'nil';
      return cut(objectForm(v as object));
  }
}

/** `[n]` for an array, `time` for a Date, `Class{…}` otherwise: read defensively (a Proxy may throw). */
function objectForm(v: object): string {
  try {
    if (Array.isArray(v)) return `[${v.length}]`;
    if (v instanceof Date) return 'time';
    const name: unknown = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === 'string' && name !== 'Object' ? `${name}{…}` : '{…}';
  } catch {
    return '{…}';
  }
}

function cut(s: string): string {
  return s.length <= MAX ? s : `${s.slice(0, MAX - 1)}…`;
}

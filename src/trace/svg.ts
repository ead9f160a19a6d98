/**
 * The timeline picture of a trace: a self-contained SVG, one lane per goroutine.
 *
 * Two modes. Up to `detail` events, every operation is drawn: blocked time shaded, each hand-off
 * an arrow from sender to receiver labelled with the channel, closes marked, panics in red,
 * goroutines still blocked at the end crossed out. Beyond that the picture aggregates: time is cut
 * into columns, each lane shows per column how busy and how blocked it was, and the hand-offs
 * between two lanes on one channel become one arrow with a count. The element count then depends
 * on the number of lanes and columns, never on the number of events.
 */
import type { TraceData, TraceEvent } from './event.js';
import { describe } from './text.js';

/**
 * Options of {@link renderSvg} and {@link renderHtml}.
 *
 * @example
 * ```ts
 * renderSvg(data, { title: 'pool', detail: 5000, maxLanes: 40 });
 * ```
 */
export interface SvgOptions {
  /** A title drawn above the lanes. */
  readonly title?: string;
  /** Draw every event up to this many (default 1500); beyond it, aggregate. */
  readonly detail?: number;
  /** At most this many lanes (default 24); the quietest goroutines beyond share the last one. */
  readonly maxLanes?: number;
  /** Columns of the aggregated picture (default 160). */
  readonly columns?: number;
}

const LANE = 36;
const TOP = 44;
const RIGHT = 280;
const PALETTE = ['#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
const RED = '#d62728';
const BLOCKED = '#c6d3e6';

/**
 * Draws a trace as an SVG timeline (a string: platform-neutral). Time runs left to right; in the
 * detailed picture the spacing follows the order of events, with long pauses (a `sleep`) shown
 * as a break labelled with their length, so that fast hand-offs stay readable next to slow work.
 *
 * @example
 * ```ts
 * const svg = renderSvg(t.stop(), { title: 'fan-out/fan-in: 4 workers, 10 jobs' });
 * ```
 */
export function renderSvg(trace: TraceData, options: SvgOptions = {}): string {
  const detail = options.detail ?? 1500;
  const maxLanes = Math.max(2, options.maxLanes ?? 24);
  if (trace.events.length <= detail && trace.goroutines.length <= maxLanes) return detailed(trace, options);
  return aggregated(trace, options, maxLanes, Math.max(10, options.columns ?? 160));
}

// ---- shared ---------------------------------------------------------------------------------

/** Escapes text for XML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function ms(t: number): string {
  return t >= 100 ? `${t.toFixed(0)} ms` : t >= 1 ? `${t.toFixed(2)} ms` : `${(t * 1000).toFixed(0)} µs`;
}

class Colors {
  private readonly map = new Map<string, string>();
  of(ch: string): string {
    let c = this.map.get(ch);
    if (c === undefined) this.map.set(ch, (c = PALETTE[this.map.size % PALETTE.length] as string));
    return c;
  }
  entries(): [string, string][] {
    return [...this.map];
  }
}

function header(width: number, height: number, title: string | undefined): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="11">`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker>',
    // The aggregated picture's arrows vary in width; their heads should not.
    '<marker id="flow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker>',
    `<pattern id="stuck" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4c7c7"/><line x1="0" y1="0" x2="0" y2="6" stroke="${RED}" stroke-width="2"/></pattern>`,
    '</defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  if (title !== undefined) out.push(`<text x="12" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  return out;
}

function laneLabels(out: string[], lanes: readonly string[], left: number, right: number): void {
  lanes.forEach((g, i) => {
    const y = TOP + i * LANE + LANE / 2;
    if (i % 2 === 1)
      out.push(`<rect x="0" y="${y - LANE / 2}" width="${fmt(right)}" height="${LANE}" fill="#f7f7f7"/>`);
    out.push(`<text class="lane" x="${left - 8}" y="${y + 4}" text-anchor="end" font-weight="bold">${esc(g)}</text>`);
  });
}

function legend(out: string[], y: number, left: number, colors: Colors, extra: string): void {
  let x = left;
  const item = (svg: string, label: string): void => {
    out.push(svg.replaceAll('$X', String(x)), `<text x="${x + 16}" y="${y + 4}">${esc(label)}</text>`);
    x += 24 + label.length * 6.6;
  };
  item(`<rect x="$X" y="${y - 5}" width="12" height="10" fill="${BLOCKED}"/>`, 'blocked');
  item(`<rect x="$X" y="${y - 5}" width="12" height="10" fill="url(#stuck)"/>`, 'blocked forever');
  item(`<circle cx="$X" cy="${y}" r="5" fill="${RED}"/>`, 'panic');
  for (const [ch, c] of colors.entries()) {
    item(`<rect x="$X" y="${y - 2}" width="12" height="4" fill="${c}"/>`, ch);
  }
  if (extra !== '') out.push(`<text x="${x}" y="${y + 4}" fill="#555">${esc(extra)}</text>`);
}

/** Text for a hover: what the event was, who did it, and when. */
function info(e: TraceEvent): string {
  const when =
    e.end === null
      ? `from ${ms(e.start)}, never completed`
      : e.end > e.start
        ? `${ms(e.start)} → ${ms(e.end)} (blocked ${ms(e.end - e.start)})`
        : `at ${ms(e.start)}`;
  const panic = e.panic !== undefined ? ` · panic: ${e.panic}` : '';
  const reason = e.end === null && e.reason !== undefined ? ` · [${e.reason}]` : '';
  return `#${e.seq} ${e.g}: ${describe(e)} · ${when}${reason}${panic}`;
}

// ---- detailed -------------------------------------------------------------------------------

/** Time → x: equal steps for consecutive moments, longer ones for long pauses. */
function timeAxis(
  trace: TraceData,
  left: number,
): { x: (t: number) => number; end: number; breaks: [number, number][] } {
  const points = new Set<number>([0, trace.duration]);
  for (const e of trace.events) {
    points.add(e.start);
    if (e.end !== null) points.add(e.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const xs = new Map<number, number>();
  const breaks: [number, number][] = [];
  let x = left + 10;
  let prev = sorted[0] as number;
  const total = Math.max(trace.duration, 1e-9);
  for (const t of sorted) {
    const dt = t - prev;
    // A pause that is a large share of the run (a sleep) gets a wide, labelled gap.
    if (dt > 0) {
      if (dt / total > 0.05 && dt >= 50) {
        x += 70;
        breaks.push([x - 35, dt]);
      } else {
        x += 14;
      }
    }
    xs.set(t, x);
    prev = t;
  }
  return { x: (t) => xs.get(t) ?? x, end: x + 30, breaks };
}

function detailed(trace: TraceData, options: SvgOptions): string {
  const lanes = trace.goroutines;
  const laneOf = new Map(lanes.map((g, i) => [g, i] as const));
  const left = Math.max(...lanes.map((g) => g.length * 7), 40) + 24;
  const axis = timeAxis(trace, left);
  const width = Math.max(axis.end + RIGHT, left + 720);
  const height = TOP + lanes.length * LANE + 60;
  const y = (g: string): number => TOP + (laneOf.get(g) ?? 0) * LANE + LANE / 2;
  const colors = new Colors();
  const bySeq = trace.events;
  const out = header(width, height, options.title);
  laneLabels(out, lanes, left, width);

  // Each goroutine's life: a thin line from its first event to its last (or to the end, if stuck).
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const e of trace.events) {
    if (!first.has(e.g)) first.set(e.g, axis.x(e.start));
    last.set(e.g, Math.max(last.get(e.g) ?? 0, e.end === null ? axis.end : axis.x(e.end)));
  }
  for (const g of lanes) {
    if (!first.has(g)) continue;
    out.push(
      `<line x1="${fmt(first.get(g) as number)}" y1="${y(g)}" x2="${fmt(last.get(g) as number)}" y2="${y(g)}" stroke="#999" stroke-width="1"/>`,
    );
  }
  for (const [bx, dt] of axis.breaks) {
    out.push(
      `<line x1="${fmt(bx)}" y1="${TOP - 6}" x2="${fmt(bx)}" y2="${TOP + lanes.length * LANE}" stroke="#bbb" stroke-dasharray="3 3"/>`,
    );
    out.push(`<text x="${fmt(bx)}" y="${TOP - 10}" text-anchor="middle" fill="#666">⋯ ${esc(ms(dt))} ⋯</text>`);
  }

  const marks: string[] = [];
  const arrows: string[] = [];
  // One label per channel and pair of lanes: the first arrow names the channel, the rest share its colour.
  const labelled = new Set<string>();
  const lastClose = new Map<string, number>();
  for (const e of trace.events) {
    const ly = y(e.g);
    const x0 = axis.x(e.start);
    const x1 = e.end === null ? axis.end : axis.x(e.end);
    const data = `data-info="${esc(info(e))}"`;
    const title = `<title>${esc(info(e))}</title>`;
    if (e.end === null || e.end > e.start) {
      const fill = e.end === null ? 'url(#stuck)' : BLOCKED;
      out.push(
        `<rect class="ev blocked" ${data} x="${fmt(x0)}" y="${ly - 7}" width="${fmt(Math.max(2, x1 - x0))}" height="14" fill="${fill}">${title}</rect>`,
      );
    }
    const mx = e.end === null ? x0 : x1;
    if (e.panic !== undefined && e.kind === 'exit') {
      // The goroutine died of the panic its operation already shows: a red end, no second label.
      marks.push(
        `<rect class="ev exit" ${data} x="${fmt(mx - 1)}" y="${ly - 8}" width="4" height="16" fill="${RED}">${title}</rect>`,
      );
    } else if (e.panic !== undefined) {
      marks.push(
        `<g class="ev panic" ${data}>${title}<circle cx="${fmt(mx)}" cy="${ly}" r="6" fill="${RED}"/><text x="${fmt(mx + 9)}" y="${ly - 9}" fill="${RED}" font-weight="bold">panic: ${esc(e.panic)}</text></g>`,
      );
    } else if (e.end === null) {
      const label = e.ch === 'time.Timer.C' ? 'asleep (timer)' : `blocked forever [${e.reason ?? describe(e)}]`;
      marks.push(
        `<g class="ev stuck" ${data}>${title}<text x="${fmt(axis.end + 4)}" y="${ly + 4}" fill="${RED}" font-weight="bold">✕ ${esc(label)}</text></g>`,
      );
    } else if (e.kind === 'close') {
      const c = colors.of(e.ch ?? '?');
      // Two closes close together would print over each other: the second goes below the lane.
      const below = mx - (lastClose.get(e.g) ?? -Infinity) < 90;
      lastClose.set(e.g, below ? -Infinity : mx);
      const ty = below ? ly + 22 : ly - 13;
      marks.push(
        `<g class="ev close" ${data}>${title}<rect x="${fmt(mx - 2)}" y="${ly - 11}" width="4" height="22" fill="${c}"/><text x="${fmt(mx)}" y="${ty}" text-anchor="middle" fill="${c}">close(${esc(e.ch ?? '?')})</text></g>`,
      );
    } else if (e.kind === 'go') {
      const child = e.value ?? '';
      if (laneOf.has(child))
        arrows.push(
          `<line class="spawn" x1="${fmt(mx)}" y1="${ly}" x2="${fmt(mx)}" y2="${y(child)}" stroke="#aaa" stroke-dasharray="2 3" marker-end="url(#arrow)"/>`,
        );
      marks.push(`<circle class="ev go" ${data} cx="${fmt(mx)}" cy="${ly}" r="3" fill="#aaa">${title}</circle>`);
    } else if (e.kind === 'exit') {
      marks.push(
        `<rect class="ev exit" ${data} x="${fmt(mx - 1)}" y="${ly - 6}" width="3" height="12" fill="#666">${title}</rect>`,
      );
    } else {
      const c = e.ch !== undefined ? colors.of(e.ch) : '#666';
      const hollow =
        e.kind === 'recv' || e.kind === 'wait' || e.kind === 'lock' || (e.kind === 'select' && e.ok !== undefined);
      marks.push(
        `<circle class="ev ${e.kind}" ${data} cx="${fmt(mx)}" cy="${ly}" r="4" fill="${hollow ? '#fff' : c}" stroke="${c}" stroke-width="2">${title}</circle>`,
      );
    }
    if (e.from !== undefined && e.end !== null) {
      const s = bySeq[e.from];
      if (s !== undefined) {
        const c = colors.of(e.ch ?? '?');
        const sx = axis.x(s.end ?? s.start);
        const sy = y(s.g);
        const pair = `${s.g}\n${e.g}\n${e.ch ?? ''}`;
        const label = labelled.has(pair)
          ? ''
          : `<text x="${fmt((sx + x1) / 2 + 3)}" y="${fmt((sy + ly) / 2)}" fill="${c}" font-size="9">${esc(e.ch ?? '')}</text>`;
        labelled.add(pair);
        if (s.g === e.g) {
          arrows.push(
            `<path class="handoff" d="M${fmt(sx)},${ly} C${fmt(sx)},${ly - 16} ${fmt(x1)},${ly - 16} ${fmt(x1)},${ly - 5}" fill="none" stroke="${c}" stroke-width="1.2" marker-end="url(#arrow)"/>`,
          );
        } else {
          const dy = ly > sy ? -6 : 6;
          arrows.push(
            `<g class="handoff"><line x1="${fmt(sx)}" y1="${sy}" x2="${fmt(x1)}" y2="${ly + dy}" stroke="${c}" stroke-width="1.2" opacity="0.8" marker-end="url(#arrow)"/>${label}</g>`,
          );
        }
      }
    }
  }
  out.push(...arrows, ...marks);
  legend(out, height - 24, left, colors, `${trace.events.length} events · ${ms(trace.duration)}`);
  out.push('</svg>');
  return out.join('\n');
}

// ---- aggregated -----------------------------------------------------------------------------

function aggregated(trace: TraceData, options: SvgOptions, maxLanes: number, columns: number): string {
  // The busiest goroutines get lanes of their own; main always does.
  const counts = new Map<string, number>();
  for (const e of trace.events) counts.set(e.g, (counts.get(e.g) ?? 0) + 1);
  const ranked = trace.goroutines
    .filter((g) => g !== 'main')
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  const own = ['main', ...ranked.slice(0, maxLanes - 2)];
  const rest = ranked.length - (own.length - 1);
  const lanes = rest > 0 ? [...own, `… ${rest} more`] : own;
  const laneIndex = new Map(own.map((g, i) => [g, i] as const));
  const laneOf = (g: string): number => laneIndex.get(g) ?? lanes.length - 1;

  const left = Math.max(...lanes.map((g) => g.length * 7), 40) + 24;
  const colW = 6;
  const plotW = columns * colW;
  const width = Math.max(left + plotW + RIGHT, left + 720);
  const height = TOP + lanes.length * LANE + 60;
  const total = Math.max(trace.duration, 1e-9);
  const col = (t: number): number => Math.min(columns - 1, Math.floor((t / total) * columns));
  const ops = new Float64Array(lanes.length * columns);
  const blocked = new Float64Array(lanes.length * columns);
  const colMs = total / columns;

  interface Flow {
    from: number;
    to: number;
    ch: string;
    n: number;
    t: number;
  }
  const flows = new Map<string, Flow>();
  const special: TraceEvent[] = [];
  let specialDropped = 0;
  const stuck = new Map<number, TraceEvent>();
  for (const e of trace.events) {
    const l = laneOf(e.g);
    ops[l * columns + col(e.start)]! += 1;
    const end = e.end ?? total;
    if (end > e.start) {
      // Spread the blocked interval over the columns it covers.
      for (let c = col(e.start); c <= col(end); c++) {
        const a = Math.max(e.start, c * colMs);
        const b = Math.min(end, (c + 1) * colMs);
        if (b > a) blocked[l * columns + c]! += b - a;
      }
    }
    if (e.end === null) stuck.set(l, e);
    if (e.panic !== undefined || e.kind === 'close') {
      if (special.length < 40) special.push(e);
      else specialDropped++;
    }
    if (e.from !== undefined && e.end !== null) {
      const s = trace.events[e.from];
      if (s !== undefined) {
        const key = `${laneOf(s.g)} ${l} ${e.ch ?? ''}`;
        const f = flows.get(key);
        if (f === undefined) flows.set(key, { from: laneOf(s.g), to: l, ch: e.ch ?? '', n: 1, t: e.end });
        else f.n++;
      }
    }
  }

  const out = header(width, height, options.title ?? `${trace.events.length} events (aggregated)`);
  laneLabels(out, lanes, left, width);
  const x = (t: number): number => left + (t / total) * plotW;
  const y = (l: number): number => TOP + l * LANE + LANE / 2;
  let maxOps = 1;
  for (const n of ops) maxOps = Math.max(maxOps, n);
  for (let l = 0; l < lanes.length; l++) {
    const lanesIn = l === lanes.length - 1 && rest > 0 ? rest : 1;
    for (let c = 0; c < columns; c++) {
      const n = ops[l * columns + c] as number;
      const b = Math.min(1, (blocked[l * columns + c] as number) / (colMs * lanesIn));
      if (n === 0 && b === 0) continue;
      const h = 4 + 20 * Math.sqrt(n / maxOps);
      const shade = b > 0.5 ? BLOCKED : '#7fa7d9';
      out.push(
        `<rect class="bucket" x="${fmt(left + c * colW)}" y="${fmt(y(l) - h / 2)}" width="${colW - 0.5}" height="${fmt(h)}" fill="${shade}" data-info="${esc(`${lanes[l]}: ${n} operations, ${(b * 100).toFixed(0)}% blocked, ${ms(c * colMs)}–${ms((c + 1) * colMs)}`)}"><title>${n} ops, ${(b * 100).toFixed(0)}% blocked</title></rect>`,
      );
    }
  }
  const colors = new Colors();
  // The busiest flows, spread evenly across the width: where each arrow stands says nothing of time.
  const sortedFlows = [...flows.values()]
    .filter((f) => f.from !== f.to)
    .sort((a, b) => b.n - a.n)
    .slice(0, 40);
  let slot = 0;
  for (const f of sortedFlows) {
    const c = colors.of(f.ch);
    const fx = left + ((slot++ + 0.5) * plotW) / sortedFlows.length;
    const w = 1 + Math.min(3, Math.log10(f.n) / 1.5);
    const y1 = y(f.from);
    const y2 = y(f.to) + (y(f.to) > y1 ? -8 : 8);
    out.push(
      `<g class="flow" data-info="${esc(`${lanes[f.from]} → ${lanes[f.to]} on ${f.ch}: ${f.n} hand-offs`)}"><title>${f.n} hand-offs</title><line x1="${fmt(fx)}" y1="${y1}" x2="${fmt(fx)}" y2="${y2}" stroke="${c}" stroke-width="${fmt(w)}" opacity="0.7" marker-end="url(#flow)"/><text x="${fmt(fx + 4)}" y="${fmt((y1 + y2) / 2)}" fill="${c}" font-size="9">${esc(f.ch)} ×${f.n}</text></g>`,
    );
  }
  for (const e of special) {
    const ex = x(e.end ?? e.start);
    const ly = y(laneOf(e.g));
    const color = e.panic !== undefined ? RED : colors.of(e.ch ?? '?');
    out.push(
      `<g class="ev ${e.panic !== undefined ? 'panic' : 'close'}" data-info="${esc(info(e))}"><title>${esc(info(e))}</title><rect x="${fmt(ex - 1.5)}" y="${ly - 11}" width="3" height="22" fill="${color}"/></g>`,
    );
  }
  for (const [l, e] of stuck) {
    out.push(
      `<g class="ev stuck" data-info="${esc(info(e))}"><title>${esc(info(e))}</title><text x="${fmt(left + plotW + 6)}" y="${y(l) + 4}" fill="${RED}" font-weight="bold">✕ ${esc(e.reason ?? 'blocked')}</text></g>`,
    );
  }
  const note = `${trace.events.length} events · ${ms(trace.duration)} · ${columns} columns of ${ms(colMs)}${specialDropped > 0 ? ` · ${specialDropped} more closes/panics` : ''}`;
  legend(out, height - 24, left, colors, note);
  out.push('</svg>');
  return out.join('\n');
}

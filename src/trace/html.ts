/** The HTML page of a trace: the SVG timeline embedded, with the details of what the pointer is over. */
import type { TraceData } from './event.js';
import { esc, renderSvg, type SvgOptions } from './svg.js';
import { formatTrace } from './text.js';

/**
 * A self-contained HTML page (no network, no external file) showing {@link renderSvg}'s
 * timeline; hovering any mark shows what it was in a panel, and the text form of the trace
 * follows below the picture (for up to 5000 events).
 *
 * @example
 * ```ts
 * writeFileSync('trace.html', renderHtml(t.stop(), { title: 'worker pool' }));
 * ```
 */
export function renderHtml(trace: TraceData, options: SvgOptions = {}): string {
  const title = options.title ?? 'chango trace';
  const text = trace.events.length <= 5000 ? formatTrace(trace) : `${trace.events.length} events: too many to list.\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
  body { font: 13px ui-monospace, Menlo, Consolas, monospace; margin: 16px; color: #222; }
  #info { position: sticky; top: 0; background: #fffbe6; border: 1px solid #e6d9a8; padding: 6px 10px; min-height: 1.4em; white-space: pre-wrap; }
  .timeline { overflow-x: auto; border: 1px solid #ddd; margin: 8px 0; }
  .timeline [data-info]:hover { filter: brightness(0.8); cursor: default; }
  pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
</style>
</head>
<body>
<h1 style="font-size:16px">${esc(title)}</h1>
<div id="info">Hover over the timeline: shaded = blocked, arrows = hand-offs (sender → receiver), red = panic or blocked forever.</div>
<div class="timeline">
${renderSvg(trace, options)}
</div>
<details><summary>Events (text form)</summary>
<pre>${esc(text)}</pre>
</details>
<script>
  const info = document.getElementById('info');
  document.querySelector('.timeline').addEventListener('mouseover', (ev) => {
    const el = ev.target.closest('[data-info]');
    if (el) info.textContent = el.getAttribute('data-info');
  });
</script>
</body>
</html>
`;
}

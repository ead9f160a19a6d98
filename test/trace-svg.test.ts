/**
 * The pictures: the SVG parses, has one lane per goroutine and one arrow per hand-off, marks
 * closes, panics and what is blocked forever, and stays small for a million events.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../src/trace/event.js';
import { renderHtml, renderSvg } from '../src/trace/index.js';
import { pool } from './trace-program.js';
import { allElements, parseXml, type XmlElement } from './xml.js';

function byClass(root: XmlElement, cls: string): XmlElement[] {
  return allElements(root).filter((e) => (e.attrs.class ?? '').split(' ').includes(cls));
}

describe('renderSvg', () => {
  it('is well-formed XML with one lane per goroutine and one arrow per hand-off', async () => {
    const data = await pool();
    const svg = parseXml(renderSvg(data, { title: 'pool <2 workers> & 4 jobs' }));
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(byClass(svg, 'lane').map((e) => e.text)).toEqual(['main', 'worker 1', 'worker 2']);
    const handoffs = data.events.filter((e) => e.from !== undefined);
    expect(handoffs).toHaveLength(8); // 4 jobs taken, 4 results taken
    expect(byClass(svg, 'handoff')).toHaveLength(8);
    expect(byClass(svg, 'spawn')).toHaveLength(2);
    // Arrows carry the channel name: each pair of lanes is labelled once per channel.
    const labels = byClass(svg, 'handoff').flatMap((g) =>
      g.children.filter((c) => c.name === 'text').map((c) => c.text),
    );
    expect(new Set(labels)).toEqual(new Set(['jobs', 'results']));
    expect(byClass(svg, 'close').map((e) => e.children.find((c) => c.name === 'text')?.text)).toEqual([
      'close(jobs)',
      'close(results)',
    ]);
    const panics = byClass(svg, 'panic');
    expect(panics).toHaveLength(1);
    expect(panics[0]?.children.find((c) => c.name === 'text')?.text).toBe('panic: send on closed channel');
    expect(panics[0]?.children.find((c) => c.name === 'circle')?.attrs.fill).toBe('#d62728');
    const stuck = byClass(svg, 'stuck');
    expect(stuck).toHaveLength(1);
    expect(stuck[0]?.children.find((c) => c.name === 'text')?.text).toBe('✕ blocked forever [chan receive]');
    // Every blocked operation is shaded, and every shaded mark has details for the hover.
    expect(byClass(svg, 'blocked').length).toBe(data.events.filter((e) => e.end !== e.start).length);
    for (const e of byClass(svg, 'ev')) expect(e.attrs['data-info']).toMatch(/^#\d+ /);
  });

  it('escapes names and values', () => {
    const e: TraceEvent = { seq: 0, g: '<g&>', kind: 'send', ch: '"c"', value: "'<v>'", start: 0, end: 0 };
    const xml = renderSvg({ events: [e], goroutines: ['<g&>'], duration: 1 }, { title: '</svg>' });
    const svg = parseXml(xml);
    expect(byClass(svg, 'lane')[0]?.text).toBe('&#60;g&#38;&#62;');
  });

  it('draws an empty trace', () => {
    expect(parseXml(renderSvg({ events: [], goroutines: ['main'], duration: 0 })).name).toBe('svg');
  });

  it('aggregates a million events into a picture whose size does not depend on them', () => {
    const events: TraceEvent[] = [];
    const goroutines = ['main'];
    for (let w = 0; w < 100; w++) goroutines.push(`worker ${w}`);
    for (let i = 0; i < 500_000; i++) {
      const t = i / 1000;
      const g = `worker ${i % 100}`;
      events.push({ seq: 2 * i, g: 'main', kind: 'send', ch: 'jobs', value: String(i), start: t, end: t });
      events.push({
        seq: 2 * i + 1,
        g,
        kind: 'recv',
        ch: 'jobs',
        value: String(i),
        ok: true,
        start: t - 0.5,
        end: t + 0.0005,
        from: 2 * i,
      });
    }
    events.push({ seq: events.length, g: 'main', kind: 'close', ch: 'jobs', start: 500, end: 500 });
    events.push({
      seq: events.length,
      g: 'worker 3',
      kind: 'send',
      ch: 'results',
      panic: 'send on closed channel',
      start: 500,
      end: 500,
    });
    events.push({
      seq: events.length,
      g: 'main',
      kind: 'recv',
      ch: 'never',
      start: 500,
      end: null,
      reason: 'chan receive',
    });
    const xml = renderSvg({ events, goroutines, duration: 501 });
    const svg = parseXml(xml);
    const count = allElements(svg).length;
    expect(count).toBeLessThan(24 * 160 * 2 + 500); // a rect and its title per lane and column, at most
    expect(xml.length).toBeLessThan(2_000_000);
    expect(byClass(svg, 'lane')).toHaveLength(24);
    expect(byClass(svg, 'lane').at(-1)?.text).toBe('… 78 more'); // main and the 22 busiest have lanes of their own;
    expect(byClass(svg, 'panic')).toHaveLength(1);
    expect(byClass(svg, 'stuck')).toHaveLength(1);
    const flows = byClass(svg, 'flow');
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.length).toBeLessThanOrEqual(40);
    expect(xml).toContain('jobs ×');
  }, 60_000);
});

describe('renderHtml', () => {
  it('embeds the SVG and the text form in a self-contained page', async () => {
    const html = renderHtml(await pool(), { title: 'pool' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('close(jobs)');
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(parseXml(svg).name).toBe('svg');
  });
});

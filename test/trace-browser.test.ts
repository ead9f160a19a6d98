/**
 * The HTML page of a trace opens in a real browser (Debian's headless Chromium): the SVG lays out
 * with its lanes, hovering a mark shows its details, and a screenshot is produced.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/trace/index.js';
import { pool } from './trace-program.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('the trace page in headless Chromium', () => {
  it('renders the timeline, shows details on hover, and screenshots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chango-trace-'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true, // Playwright adds the headless switch itself; passing `--headless` too hangs screenshots
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const file = join(dir, 'pool.html');
      writeFileSync(file, renderHtml(await pool(), { title: 'pool' }));
      const page = await browser.newPage({ viewport: { width: 1200, height: 500 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      const box = await page.locator('.timeline svg').boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(await page.locator('svg text.lane').allTextContents()).toEqual(['main', 'worker 1', 'worker 2']);
      await page.locator('svg .panic circle').hover();
      expect(await page.locator('#info').textContent()).toMatch(/panic: send on closed channel/);
      const png = join(dir, 'pool.png');
      await page.screenshot({ path: png, fullPage: true, timeout: 30_000 });
      const bytes = readFileSync(png);
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(5000);
      expect(errors).toEqual([]);
      if (process.env.TRACE_SCREENSHOT !== undefined) writeFileSync(process.env.TRACE_SCREENSHOT, bytes);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

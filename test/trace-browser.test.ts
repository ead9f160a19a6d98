/**
 * The HTML page of a trace opens in a real browser (Debian's headless Chromium): the SVG lays out
 * with its lanes, hovering a mark shows its details, and a screenshot is produced.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/trace/index.js';
import { pool } from './trace-program.js';

const CHROMIUM = '/usr/bin/chromium';

/** The part of playwright-core's API this test drives. */
interface Locator {
  boundingBox(): Promise<{ width: number } | null>;
  allTextContents(): Promise<string[]>;
  hover(): Promise<void>;
  textContent(): Promise<string | null>;
}
interface Page {
  on(event: 'pageerror', fn: (e: Error) => void): void;
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  screenshot(options: { path: string; fullPage: boolean; timeout: number }): Promise<unknown>;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Chromium {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser>;
}

/**
 * The browser driver belongs to the runtime check's own package (test/runtimes), which
 * `npm run test:runtimes` and CI install; without it (or without Chromium) this test is skipped
 * locally and fails in CI.
 */
function loadChromium(): Chromium | undefined {
  try {
    const req = createRequire(new URL('./runtimes/package.json', import.meta.url));
    return (req('playwright-core') as { chromium: Chromium }).chromium;
  } catch {
    return undefined;
  }
}
const chromium = loadChromium();
const available = chromium !== undefined && existsSync(CHROMIUM);

describe.skipIf(!available && !process.env.CI)('the trace page in headless Chromium', () => {
  it('renders the timeline, shows details on hover, and screenshots', async () => {
    if (chromium === undefined)
      throw new Error('playwright-core is missing: run `node scripts/deps.mjs test/runtimes`');
    if (!existsSync(CHROMIUM)) throw new Error('Chromium is missing: apt-get install -y chromium');
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

import fs from 'node:fs';
import type * as PlaywrightCoreModule from 'playwright-core';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { escapeHtml, PAGE_MARGIN_MM } from '../../../shared/report/report-html';
import type { ReportPage } from '../../../shared/spec/report-spec';

/** A picture of one element of a report page. */
export interface ElementPicture {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * What prints a report's HTML: to PDF, and pictures of its charts (for slides). The desktop app
 * prints with Electron (`webContents.printToPDF`); the CLI, the loopback host and the tests with
 * Chromium through playwright-core. Both load the same self-contained HTML and wait for
 * `window.__reportReady`.
 */
export interface ReportPrinter {
  pdf(html: string, page: ReportPage, footer: string): Promise<Uint8Array>;
  /** PNGs of the elements matching each selector (at twice the CSS size), by key; a selector that matches nothing is left out. */
  pictures(html: string, width: number, selectors: ReadonlyMap<string, string>): Promise<Map<string, ElementPicture>>;
  /** The chart drawn in the element matching `selector` as an SVG document (plotly's own export). */
  chartSvg(html: string, width: number, selector: string): Promise<string>;
  close(): Promise<void>;
}

/** A page script that resolves to the SVG text of the plotly chart in `selector`. */
export function chartSvgScript(selector: string): string {
  return `(async () => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) throw new Error('no chart'); const url = await Plotly.toImage(el, { format: 'svg', width: el.clientWidth, height: el.clientHeight }); return decodeURIComponent(url.slice(url.indexOf(',') + 1)); })()`;
}

/** The footer printed at the bottom of every PDF page: the report and its period, and the page number. */
export function footerTemplate(text: string): string {
  return `<div style="font-family:'Noto Sans SC','Noto Sans CJK SC',sans-serif;font-size:7.5px;color:#52606d;width:100%;padding:0 ${PAGE_MARGIN_MM.left}mm;display:flex;justify-content:space-between"><span>${escapeHtml(text)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to print with: ROOTWISE_CHROMIUM, else a system one. */
export function findChromium(): string | undefined {
  const candidates = [process.env['ROOTWISE_CHROMIUM'], ...CHROMIUM_CANDIDATES];
  return candidates.find((c): c is string => c !== undefined && c !== '' && fs.existsSync(c));
}

/** Flags for a headless Chromium in a container, with no network of its own. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

type PlaywrightCore = typeof PlaywrightCoreModule;
type Browser = Awaited<ReturnType<PlaywrightCore['chromium']['launch']>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

/** Chromium driven by playwright-core; launched on first use, one browser per printer. */
export function chromiumPrinter(): ReportPrinter {
  let browser: Promise<Browser> | undefined;
  const launch = (): Promise<Browser> => {
    const executablePath = findChromium();
    if (executablePath === undefined) throw new RootwiseError('error.export.noChromium', {});
    // loaded when a report is printed, not when the engine starts
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of an external module
    const { chromium } = require('playwright-core') as PlaywrightCore;
    browser ??= chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    return browser;
  };
  const open = async (html: string, width: number, scale: number): Promise<Page> => {
    const context = await (await launch()).newContext({ viewport: { width, height: 900 }, deviceScaleFactor: scale, offline: true, javaScriptEnabled: true });
    // nothing leaves the page: every request is refused (the HTML's own policy says the same)
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction(() => (globalThis as unknown as { __reportReady?: boolean }).__reportReady === true, undefined, { timeout: 60_000 });
    const failure = await page.evaluate(() => (globalThis as unknown as { __reportError?: string }).__reportError);
    if (failure !== undefined) throw new RootwiseError('error.export.drawFailed', { message: failure });
    return page;
  };
  return {
    async pdf(html, reportPage, footer) {
      const page = await open(html, 1200, 1);
      try {
        await page.emulateMedia({ media: 'print' });
        const bytes = await page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerTemplate(footer),
          format: reportPage.size,
          landscape: reportPage.orientation === 'landscape',
          margin: { top: `${PAGE_MARGIN_MM.top}mm`, right: `${PAGE_MARGIN_MM.right}mm`, bottom: `${PAGE_MARGIN_MM.bottom}mm`, left: `${PAGE_MARGIN_MM.left}mm` },
          outline: true,
          tagged: true,
        });
        return new Uint8Array(bytes);
      } finally {
        await page.context().close();
      }
    },
    async pictures(html, width, selectors) {
      const page = await open(html, width, 2);
      try {
        const out = new Map<string, ElementPicture>();
        for (const [key, selector] of selectors) {
          const element = await page.$(selector);
          if (element === null) continue;
          const box = await element.boundingBox();
          if (box === null) continue;
          const png = await element.screenshot({ type: 'png' });
          out.set(key, { png: new Uint8Array(png), width: Math.round(box.width * 2), height: Math.round(box.height * 2) });
        }
        return out;
      } finally {
        await page.context().close();
      }
    },
    async chartSvg(html, width, selector) {
      const page = await open(html, width, 1);
      try {
        return await page.evaluate<string>(chartSvgScript(selector));
      } finally {
        await page.context().close();
      }
    },
    async close() {
      const opened = browser;
      browser = undefined;
      if (opened !== undefined) await (await opened).close();
    },
  };
}

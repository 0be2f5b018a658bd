import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import { RootwiseError } from '../../shared/errors/rootwise-error';
import { PAGE_MARGIN_MM } from '../../shared/report/report-html';
import { chartSvgScript, footerTemplate, type ElementPicture, type ReportPrinter } from '../engine/reports/report-printer';
import { guardWebContents } from './session-policy';

const MM_PER_INCH = 25.4;
/** A session of its own for printing: it may read only the one file being printed (and inline data). */
const PRINT_PARTITION = 'rootwise-print';

/**
 * Prints reports in the desktop app with Electron's own Chromium (`webContents.printToPDF`), in a
 * hidden window whose session refuses every request but the report file itself, so the PDF is the
 * same as the CLI's (which prints the same HTML with a system Chromium).
 */
export function electronPrinter(): ReportPrinter {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwise-print-'));
  let allowed = '';
  const printSession = session.fromPartition(PRINT_PARTITION);
  printSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(details.url === allowed || details.url.startsWith('data:') || details.url.startsWith('blob:')) });
  });
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const open = async (html: string, width: number, zoom: number): Promise<BrowserWindow> => {
    const file = path.join(folder, `report-${Date.now()}.html`);
    fs.writeFileSync(file, html);
    allowed = pathToFileURL(file).href;
    const window = new BrowserWindow({
      show: false,
      width: Math.round(width * zoom),
      height: 900,
      webPreferences: { session: printSession, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, offscreen: false, zoomFactor: zoom },
    });
    guardWebContents(window.webContents);
    await window.loadFile(file);
    const deadline = Date.now() + 60_000;
    while ((await window.webContents.executeJavaScript('window.__reportReady === true')) !== true) {
      if (Date.now() > deadline) throw new RootwiseError('error.export.drawFailed', { message: 'timeout' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const failure = (await window.webContents.executeJavaScript('window.__reportError ?? null')) as string | null;
    if (failure !== null) throw new RootwiseError('error.export.drawFailed', { message: failure });
    return window;
  };

  return {
    async pdf(html, page, footer) {
      const window = await open(html, 1200, 1);
      try {
        const bytes = await window.webContents.printToPDF({
          pageSize: page.size,
          landscape: page.orientation === 'landscape',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerTemplate(footer),
          margins: {
            top: PAGE_MARGIN_MM.top / MM_PER_INCH,
            right: PAGE_MARGIN_MM.right / MM_PER_INCH,
            bottom: PAGE_MARGIN_MM.bottom / MM_PER_INCH,
            left: PAGE_MARGIN_MM.left / MM_PER_INCH,
          },
          generateDocumentOutline: true,
          generateTaggedPDF: true,
        });
        return new Uint8Array(bytes);
      } finally {
        window.destroy();
      }
    },
    async pictures(html, width, selectors) {
      const window = await open(html, width, 2);
      try {
        const out = new Map<string, ElementPicture>();
        for (const [key, selector] of selectors) {
          const rect = (await window.webContents.executeJavaScript(
            `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return null; el.scrollIntoView(); const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`,
          )) as { x: number; y: number; width: number; height: number } | null;
          if (rect === null || rect.width === 0) continue;
          // the page is zoomed ×2, so CSS pixels of the rectangle are device pixels ÷ 2 of the capture
          const image = await window.webContents.capturePage({ x: Math.floor(rect.x * 2), y: Math.floor(rect.y * 2), width: Math.ceil(rect.width * 2), height: Math.ceil(rect.height * 2) });
          const size = image.getSize();
          out.set(key, { png: new Uint8Array(image.toPNG()), width: size.width, height: size.height });
        }
        return out;
      } finally {
        window.destroy();
      }
    },
    async chartSvg(html, width, selector) {
      const window = await open(html, width, 1);
      try {
        return (await window.webContents.executeJavaScript(chartSvgScript(selector))) as string;
      } finally {
        window.destroy();
      }
    },
    close() {
      fs.rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

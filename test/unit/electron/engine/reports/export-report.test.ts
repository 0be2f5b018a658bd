import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildReportDocument } from '../../../../../electron/engine/reports/report-document';
import { findChromium } from '../../../../../electron/engine/reports/report-printer';
import type { DocBlock } from '../../../../../shared/report/report-document';
import type { ReportSpec } from '../../../../../shared/spec/report-spec';
import { newBoardSpec } from '../../../../../shared/spec/board-spec';
import { useDemoWorkbench } from '../../../../support/engine-workbench';
import { cli } from '../../../../support/run-cli';
import { tempDir } from '../../../../support/paths';

const FORMULA_START = /^[=+\-@\t\r]/;

/** XML text with its entities read. */
function xmlText(xml: string): string {
  return xml.replace(/&quot;/g, '"').replace(/&apos;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Text of one page of a PDF (poppler's pdftotext). */
function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
}

function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/**
 * Whether anything is drawn in the page's right margin band (the last `mm` of its width), page by
 * page: a table or chart wider than the printable area would spill there.
 */
function inkInRightMargin(pdf: string, dir: string, mm: number): number[] {
  const prefix = path.join(dir, 'margin');
  for (const old of fs.readdirSync(dir).filter((f) => f.startsWith('margin'))) fs.rmSync(path.join(dir, old));
  execFileSync('pdftoppm', ['-r', '30', '-gray', pdf, prefix]);
  const pages = fs.readdirSync(dir).filter((f) => f.startsWith('margin') && f.endsWith('.pgm')).sort();
  return pages.flatMap((file, i) => {
    const bytes = fs.readFileSync(path.join(dir, file));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = bytes.subarray(header[0].length);
    const band = Math.round((mm / 25.4) * 30);
    for (let y = 0; y < height; y++) for (let x = width - band; x < width; x++) if (pixels[y * width + x]! < 235) return [i + 1];
    return [];
  });
}

function requireTools(): void {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm', 'soffice']) {
    try {
      execFileSync('which', [tool]);
    } catch {
      throw new Error(`${tool} is missing: run \`apt-get install -y --no-install-recommends poppler-utils libreoffice-impress\` (npm test does it where it can)`);
    }
  }
}

describe('exporting the monthly service review of the demo workbench', () => {
  const demo = useDemoWorkbench({ rows: 3000, seed: 7 });

  it('reads the numbers of every block from the engine: the KPIs of December against SQLite', async () => {
    const { engine, workbenchPath } = demo;
    const report = await engine.createReportFromTemplate({ template: 'monthly-review', locale: 'zh-CN' });
    const db = new Database(workbenchPath, { readonly: true });
    try {
      const doc = await buildReportDocument({ db, source: 'demo.rootwise', query: (spec) => engine.query({ spec }), explain: (r) => engine.explainChange(r) }, report, 'zh-CN');
      expect(doc.title).toBe('月度服务复盘');
      expect(doc.periodText).toBe('2024年12月 对比 2024年11月');
      expect(doc.blocks.map((b) => b.kind)).toEqual(report.spec.blocks.map((b) => b.kind));
      const kpis = doc.blocks.find((b): b is Extract<DocBlock, { kind: 'kpis' }> => b.kind === 'kpis')!;
      const count = (month: string): number => (db.prepare("SELECT count(*) FROM tickets WHERE substr(created_at, 1, 7) = ?").pluck().get(month) as number);
      const volume = kpis.cards.find((c) => c.label === '工单量')!;
      expect(volume.value).toBe(count('2024-12'));
      expect(volume.change?.previousText).toContain(count('2024-11').toLocaleString('zh-CN'));
      expect(volume.trend).toHaveLength(12);
      expect(kpis.context).toEqual(['期间：2024年12月']);
      const categories = doc.blocks.find((b): b is Extract<DocBlock, { kind: 'chart' }> => b.kind === 'chart' && b.title === '前 10 个问题类别')!;
      expect(categories.context).toEqual(['期间：2024年12月', '筛选：问题类别：前 10 名']);
      const fromSql = db.prepare("SELECT category, count(*) AS n FROM tickets WHERE substr(created_at, 1, 7) = '2024-12' GROUP BY category").all() as { category: string; n: number }[];
      const shown = new Map(categories.chart.data.rows.map((r) => [r[0], r[1]]));
      for (const { category, n } of fromSql) expect(shown.get(category)).toBe(n);
      expect(categories.chart.native?.type).toBe('bar');
      const volumeChart = doc.blocks.find((b): b is Extract<DocBlock, { kind: 'chart' }> => b.kind === 'chart' && b.title === '每月工单量')!;
      expect(volumeChart.chart.native?.categories).toHaveLength(12);
      expect(volumeChart.chart.native?.series[0]?.values.at(-1)).toBe(count('2024-12'));
    } finally {
      db.close();
    }
  }, 60_000);

  it('prints a PDF: A4 landscape, contents whose page numbers are right, a footer with page numbers on every page, Chinese text extractable', async () => {
    requireTools();
    const { engine, dir } = demo;
    const out = path.join(dir, '复盘.pdf');
    const result = await engine.exportReport({ report: { template: 'monthly-review' }, format: 'pdf', locale: 'zh-CN', path: out });
    expect(result).toMatchObject({ name: '月度服务复盘.pdf', bytes: null });
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const pages = pageCount(out);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    expect(pageText(out, 1)).toContain('月度服务复盘');
    // the app's font is embedded (in subsets), so the Chinese prints on any machine
    expect(execFileSync('pdffonts', [out], { encoding: 'utf8' })).toMatch(/NotoSansSC\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // nothing spills into the right margin of any page
    expect(inkInRightMargin(out, dir, 9)).toEqual([]);
    for (let p = 1; p <= pages; p++) expect(pageText(out, p)).toContain(`${p} / ${pages}`);
    // every entry of the contents names the page its section is printed on
    const entries = [...pageText(out, 2).matchAll(/^\s*(\S[^\n]*?\S)\s{2,}(\d+)\s*$/gm)].map((m) => ({ title: m[1]!, page: Number(m[2]) }));
    expect(entries.map((e) => e.title)).toEqual(expect.arrayContaining(['关键指标', '趋势', '每月工单量', '前 10 个问题类别']));
    for (const entry of entries) expect(pageText(out, entry.page)).toContain(entry.title);
    // the period of each chart is printed with it
    expect(pageText(out, entries.find((e) => e.title === '前 10 个问题类别')!.page)).toContain('筛选：问题类别：前 10 名');
  }, 120_000);

  it('writes an HTML file that draws its charts with the network off and sends no request', async () => {
    const { engine, dir } = demo;
    const { bytes, name } = await engine.exportReport({ report: { template: 'monthly-review' }, format: 'html', locale: 'en', tables: [] });
    expect(name).toBe('Monthly service review.html');
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes!);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|url\(http/i);
    const browser = await chromium.launch({ executablePath: findChromium()!, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      await page.waitForFunction(() => (globalThis as unknown as { __reportReady?: boolean }).__reportReady === true);
      const charts = await page.locator('.chart').count();
      expect(charts).toBe(8);
      expect(await page.locator('.chart .main-svg').count()).toBeGreaterThanOrEqual(charts);
      expect(await page.locator('.chart .scatterlayer .trace').count()).toBeGreaterThan(0);
      expect(await page.locator('.kpi').count()).toBe(7);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('writes an Excel workbook whose sheets hold the numbers of each chart, typed', async () => {
    const { engine, workbenchPath } = demo;
    const { bytes } = await engine.exportReport({ report: { template: 'monthly-review' }, format: 'xlsx', locale: 'en', tables: ['tickets'] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes!) as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Contents', 'Top 10 categories', 'Ticket volume by month', 'tickets']));
    const db = new Database(workbenchPath, { readonly: true });
    try {
      const sheet = book.getWorksheet('Top 10 categories')!;
      const values = new Map<string, number>();
      sheet.eachRow((row) => {
        const [category, n] = [row.getCell(1).value, row.getCell(2).value];
        if (typeof category === 'string' && typeof n === 'number') values.set(category, n);
      });
      const fromSql = db.prepare("SELECT category, count(*) AS n FROM tickets WHERE substr(created_at, 1, 7) = '2024-12' GROUP BY category").all() as { category: string; n: number }[];
      for (const { category, n } of fromSql) expect(values.get(category)).toBe(n);
      // the cleaned table asked for, every row
      const tickets = book.getWorksheet('tickets')!;
      expect(tickets.rowCount - 1).toBe(db.prepare('SELECT count(*) FROM tickets').pluck().get());
    } finally {
      db.close();
    }
  }, 60_000);

  it('writes a PowerPoint deck with native charts that LibreOffice opens, one slide per block', async () => {
    requireTools();
    const { engine, dir } = demo;
    const { bytes } = await engine.exportReport({ report: { template: 'monthly-review' }, format: 'pptx', locale: 'zh-CN' });
    const zip = await JSZip.loadAsync(bytes!);
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    const charts = Object.keys(zip.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    expect(charts.length).toBe(8);
    const file = path.join(dir, 'deck.pptx');
    fs.writeFileSync(file, bytes!);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 90_000 });
    const pdf = path.join(dir, 'deck.pdf');
    expect(pageCount(pdf)).toBe(slides.length);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('月度服务复盘');
  }, 120_000);

  it('adds each open board with its fishbone and explainer, and the open actions, to the review', async () => {
    const { engine } = demo;
    const spec = newBoardSpec({ table: 'tickets', metric: 'csat_mean', filters: [], periodA: { from: '2024-11-01', to: '2024-11-30' }, periodB: { from: '2024-12-01', to: '2024-12-31' } });
    const board = await engine.saveBoard({
      name: '满意度下降',
      summary: 'board.action.create',
      spec: { ...spec, actions: [{ id: 'a1', kind: 'corrective', title: '=HYPERLINK("http://x")', owner: '王芳', due: '2025-01-15', effectiveFrom: null, status: 'open', addresses: null, metric: 'csat_mean' }] },
    });
    try {
      const { bytes } = await engine.exportReport({ report: { template: 'monthly-review' }, format: 'pptx', locale: 'zh-CN' });
      const zip = await JSZip.loadAsync(bytes!);
      const texts = await Promise.all(Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
      const all = xmlText(texts.join('\n'));
      expect(all).toContain('满意度下降');
      expect(all).toContain('的变化来自哪里');
      // the action's title is written inert
      expect(all).toContain("'=HYPERLINK");
      expect(Object.keys(zip.files).some((f) => f.startsWith('ppt/media/'))).toBe(true);
    } finally {
      await engine.deleteBoard({ id: board.id });
    }
  }, 120_000);

  it('exports one chart as CSV (typed, with a BOM), PNG at twice its size and SVG with its fonts inside', async () => {
    const { engine, workbenchPath } = demo;
    const { spec } = await engine.createReportFromTemplate({ template: 'monthly-review', locale: 'zh-CN' });
    const block = spec.blocks.find((b) => b.kind === 'chart' && 'spec' in b.chart && b.chart.title.en === 'Top 10 categories');
    if (block?.kind !== 'chart' || !('spec' in block.chart)) throw new Error('the template has no category chart');
    const chart = { spec: block.chart.spec, title: block.chart.title };
    const csv = await engine.exportChart({ chart, format: 'csv', locale: 'zh-CN' });
    expect(csv.name).toBe('前 10 个问题类别.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes);
    expect(text.startsWith('\uFEFF问题类别,记录数\n')).toBe(true);
    const db = new Database(workbenchPath, { readonly: true });
    try {
      // no period: the whole table's top ten
      const top = db.prepare('SELECT category, count(*) AS n FROM tickets GROUP BY category ORDER BY n DESC LIMIT 10').all() as { category: string; n: number }[];
      for (const { category, n } of top) expect(text).toContain(`${category},${n}\n`);
    } finally {
      db.close();
    }
    const png = await engine.exportChart({ chart, format: 'png', locale: 'zh-CN' });
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(Buffer.from(png.bytes).readUInt32BE(16)).toBeGreaterThanOrEqual(1800);
    const svg = new TextDecoder().decode((await engine.exportChart({ chart, format: 'svg', locale: 'zh-CN' })).bytes);
    expect(svg).toMatch(/^<svg[^>]*><style>@font-face\{font-family:'Noto Sans SC'/);
    expect(svg).toContain('问题类别');
  }, 60_000);

  it('stops when cancelled, leaving no file behind', async () => {
    const { engine, dir } = demo;
    const out = path.join(dir, 'cancelled.pdf');
    const exporting = engine.exportReport({ report: { template: 'monthly-review' }, format: 'pdf', locale: 'en', path: out, jobId: 'job-cancel' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await engine.cancelJob({ jobId: 'job-cancel' })).toEqual({ cancelled: true });
    await expect(exporting).rejects.toMatchObject({ key: 'error.export.cancelled' });
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
  }, 60_000);
});

describe('exports of rows a spreadsheet would run as formulas, and of personal data', () => {
  const demo = useDemoWorkbench({ rows: 300, seed: 3 });
  const CELLS = ['=HYPERLINK("http://evil.example","x")', '+1', '-1', '@SUM(A1:A2)'];

  async function reportOver(table: string, field: string): Promise<number> {
    const spec: ReportSpec = {
      version: 1,
      period: null,
      previous: null,
      page: { size: 'A4', orientation: 'portrait' },
      blocks: [
        {
          id: 'b1',
          kind: 'table',
          title: { en: 'Cells', 'zh-CN': '单元格' },
          spec: { version: 1, table, kind: 'table', shelves: { columns: [{ field }], rows: [{ aggregate: 'count' }], color: [], size: [], label: [], tooltip: [], filters: [] } },
          context: { filters: [], period: null },
        },
      ],
    };
    return (await demo.engine.saveReport({ name: 'Cells', spec })).id;
  }

  it('writes every such cell inert in XLSX, PPTX and a chart’s CSV, and as escaped text in HTML', async () => {
    const { engine } = demo;
    await engine.importFile({ source: { kind: 'bytes', name: 'cells.csv', bytes: new TextEncoder().encode(['note', ...CELLS.map((c) => `"${c.replace(/"/g, '""')}"`)].join('\n')) }, table: 'cells' });
    const id = await reportOver('cells', 'note');

    const xlsx = await engine.exportReport({ report: { id }, format: 'xlsx', locale: 'en', tables: ['cells'] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.bytes!) as unknown as ArrayBuffer);
    const seen: string[] = [];
    for (const sheet of book.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === 'string') {
            expect(cell.value).not.toMatch(FORMULA_START);
            seen.push(cell.value);
          }
        }),
      );
    for (const c of CELLS) expect(seen.filter((v) => v === `'${c}`).length).toBeGreaterThanOrEqual(2);

    const pptx = await engine.exportReport({ report: { id }, format: 'pptx', locale: 'en' });
    const zip = await JSZip.loadAsync(pptx.bytes!);
    const slideXml = (await Promise.all(Object.keys(zip.files).filter((f) => f.startsWith('ppt/slides/slide')).map((f) => zip.file(f)!.async('string')))).join('');
    const texts = [...slideXml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => xmlText(m[1]!));
    for (const text of texts) expect(text).not.toMatch(FORMULA_START);
    expect(texts).toContain(`'${CELLS[0]!}`);

    const csv = new TextDecoder().decode((await engine.exportChart({ chart: { spec: { version: 1, table: 'cells', kind: 'table', shelves: { columns: [{ field: 'note' }], rows: [{ aggregate: 'count' }], color: [], size: [], label: [], tooltip: [], filters: [] } }, title: { en: 'Cells', 'zh-CN': '单元格' } }, format: 'csv', locale: 'en' })).bytes);
    for (const line of csv.split('\n').slice(1).filter((l) => l !== '')) expect(line.replace(/^"/, '')).not.toMatch(FORMULA_START);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",1`);

    const html = new TextDecoder().decode((await engine.exportReport({ report: { id }, format: 'html', locale: 'en' })).bytes!);
    expect(html).toContain('<td class="">=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)</td>');
  }, 120_000);

  it('prints a long table across pages with its title, context and column heads on every page', async () => {
    requireTools();
    const { engine, dir } = demo;
    const id = await reportOver('tickets', 'ticket_id');
    const out = path.join(dir, 'long.pdf');
    await engine.exportReport({ report: { id }, format: 'pdf', locale: 'en', path: out });
    const pages = pageCount(out);
    expect(pages).toBeGreaterThanOrEqual(4);
    // the contents on page 1, then the table's 300 rows (at most 500 shown) over the pages after it
    for (let p = 2; p <= pages; p++) {
      const text = pageText(out, p);
      expect(text).toContain('Cells');
      expect(text).toContain('Period: all the data');
      expect(text).toMatch(/Ticket ID\s+Number of records/);
    }
    expect(inkInRightMargin(out, dir, 9)).toEqual([]);
  }, 60_000);

  it('refuses in share-safe mode a report that shows phone numbers in the clear', async () => {
    const { engine } = demo;
    const phones = Array.from({ length: 40 }, (_, i) => `1380013${String(8000 + i)}`);
    await engine.importFile({ source: { kind: 'bytes', name: 'people.csv', bytes: new TextEncoder().encode(['phone', ...phones].join('\n')) }, table: 'people' });
    const id = await reportOver('people', 'phone');
    await engine.setShareSafe({ on: true });
    try {
      await expect(engine.exportReport({ report: { id }, format: 'xlsx', locale: 'en' })).rejects.toMatchObject({ key: 'error.shareSafe.unmasked' });
      await expect(engine.exportReport({ report: { template: 'monthly-review' }, format: 'xlsx', locale: 'en', tables: ['people'] })).rejects.toMatchObject({ key: 'error.shareSafe.unmasked' });
    } finally {
      await engine.setShareSafe({ on: false });
    }
    expect((await engine.exportReport({ report: { id }, format: 'xlsx', locale: 'en' })).size).toBeGreaterThan(1000);
  }, 60_000);
});

describe('rootwise export', () => {
  it('exports the monthly review of a month from the command line, and names a missing report', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const workbench = path.join(dir, 'demo.rootwise');
      expect((await cli(['demo', '--out', workbench, '--rows', '2000'])).code).toBe(0);
      const out = path.join(dir, 'review.pptx');
      const run = await cli(['export', '--workbench', workbench, '--template', 'monthly-review', '--period', '2024-10', '--format', 'pptx', '--out', out]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Wrote .*review\.pptx/);
      const zip = await JSZip.loadAsync(fs.readFileSync(out));
      const title = await zip.file('ppt/slides/slide1.xml')!.async('string');
      expect(title).toContain('October 2024');
      const missing = await cli(['export', '--workbench', workbench, '--report', 'Nope', '--format', 'pdf', '--out', path.join(dir, 'x.pdf')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no report is called "Nope"');
      expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
    } finally {
      cleanup();
    }
  }, 120_000);
});

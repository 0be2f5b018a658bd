import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import type { ReportSpec } from '../../shared/spec/report-spec';
import { newBoardSpec } from '../../shared/spec/board-spec';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 3000, seed: 42 });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);
const en = (key: Parameters<typeof format>[1], params?: Record<string, string | number>) => format('en', key, params);
const zh = (key: Parameters<typeof format>[1], params?: Record<string, string | number>) => format('zh-CN', key, params);
const savedReports = (): { id: number; name: string; spec: ReportSpec }[] =>
  sql<{ id: number; name: string; spec: string }>('SELECT id, name, spec FROM rw_reports ORDER BY position, id').map((r) => ({ ...r, spec: JSON.parse(r.spec) as ReportSpec }));

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

test.describe.configure({ mode: 'serial' });

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), click()]);
  return readFileSync(await file.path());
}

const blocks = (page: Page): Locator => page.getByTestId('report-block');
const blockIds = async (page: Page): Promise<(string | null)[]> => blocks(page).evaluateAll((cards) => cards.map((c) => c.getAttribute('data-block-id')));

test('the monthly review comes in one click with its periods on every block; a text block is written, moved with the keyboard and the mouse, undone, kept over a reload and exported as PDF; the list reads in Chinese', async ({ page }) => {
  test.setTimeout(150_000);
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await page.getByTestId('rail-reports').click();
  await expect(page.getByText(en('reports.empty.title'))).toBeVisible();
  await app.screenshot(path.join(screenshots, 'report-empty-en.png'));
  await page.getByTestId('report-new-monthly-empty').click();
  await expect(page.getByTestId('report-name')).toHaveText(en('report.monthlyReview.name'));

  // the title page first; the KPI cards on the last month with tickets, as SQLite has it
  const lastMonth = sql<{ month: string }>('SELECT substr(MAX(created_at), 1, 7) AS month FROM tickets')[0]!.month;
  await expect(blocks(page).first()).toHaveAttribute('data-kind', 'title');
  await expect(blocks(page).first().getByTestId('report-block-kind')).toHaveText(en('reports.kind.title'));
  const kpis = page.locator('[data-testid="report-block"][data-kind="kpis"]');
  await expect(kpis.getByTestId('report-chip').first()).toHaveText(lastMonth);
  await expect(page.getByTestId('report-period')).toHaveValue(lastMonth);
  // every block with numbers says which period it uses
  const withNumbers = page.locator('[data-testid="report-block"]:is([data-kind="kpis"], [data-kind="chart"])');
  expect(await withNumbers.count()).toBeGreaterThan(3);
  for (const card of await withNumbers.all()) await expect(card.getByTestId('report-chip').first()).toHaveText(/^\d{4}-\d{2}( – \d{4}-\d{2})?$/);
  await app.screenshot(path.join(screenshots, 'report-composer-en.png'));

  // a text block at the end, written in Markdown, previewed with its bold words
  const before = await blockIds(page);
  await page.getByTestId('report-add-block').click();
  await page.getByTestId('report-add-menu').getByRole('menuitem', { name: en('reports.kind.text'), exact: true }).click();
  await expect(blocks(page)).toHaveCount(before.length + 1);
  await page.getByTestId('report-field-markdown').fill('Volume **rose** this month.\n\n- First point');
  await expect(page.getByTestId('report-markdown-preview').locator('strong')).toHaveText('rose');
  const text = blocks(page).last();
  await expect(text).toHaveAttribute('data-kind', 'text');
  await expect(text.getByTestId('report-block-text')).toHaveText('Volume rose this month. · First point');
  await app.screenshot(path.join(screenshots, 'report-text-en.png'));
  const textId = await text.getAttribute('data-block-id');

  // Alt+↑ moves it one place up; undo puts it back
  await text.getByTestId('report-block-main').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(async () => (await blockIds(page)).indexOf(textId)).toBe(before.length - 1);
  await expect(page.locator(`[data-block-id="${textId}"] .report-card-main`)).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await blockIds(page)).indexOf(textId)).toBe(before.length);

  // dragged by its handle with the mouse onto the card above, then with the keyboard (Space, ↑, Space)
  const card = page.locator(`[data-block-id="${textId}"]`);
  const above = page.locator(`[data-block-id="${before.at(-1)}"]`);
  await app.dragTo(card.locator('.report-card-grip'), above, { x: 0.5, y: 0.3 });
  await expect.poll(async () => (await blockIds(page)).indexOf(textId)).toBe(before.length - 1);
  await app.undo();
  await expect.poll(async () => (await blockIds(page)).indexOf(textId)).toBe(before.length);
  await card.locator('.report-card-grip').focus();
  await page.keyboard.press('Space');
  await expect(card).toHaveClass(/is-dragging/);
  await page.keyboard.press('ArrowUp');
  await expect(above).toHaveClass(/is-drop-before/);
  await page.keyboard.press('Space');
  await expect.poll(async () => (await blockIds(page)).indexOf(textId)).toBe(before.length - 1);
  await app.undo();
  await expect.poll(async () => (await blockIds(page)).indexOf(textId)).toBe(before.length);
  await expect(page.getByTestId('report-status')).toHaveText(en('dashboard.saved'));

  // after a reload the report is there, with the text block last
  await page.reload();
  await page.getByTestId('rail-reports').click();
  await expect(page.getByTestId('report-item')).toHaveCount(1);
  await expect(blocks(page)).toHaveCount(before.length + 1);
  await expect(blocks(page).last().getByTestId('report-block-text')).toHaveText('Volume rose this month. · First point');
  const saved = savedReports()[0]!;
  expect(saved.spec.blocks.at(-1)).toEqual({ id: textId, kind: 'text', markdown: 'Volume **rose** this month.\n\n- First point' });

  // export to PDF: the engine prints it, the window downloads it
  const started = Date.now();
  const pdf = await download(page, async () => {
    await page.getByTestId('report-export').click();
    await page.getByTestId('report-export-pdf').click();
  });
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(10_000);
  await expect(page.getByTestId('report-export-progress')).toHaveCount(0);
  test.info().annotations.push({ type: 'pdf', description: `${pdf.length} bytes in ${Date.now() - started} ms` });

  // Excel, with the tickets table asked for on a sheet of its own: every row of it
  await page.getByTestId('report-export').click();
  await page.getByTestId('report-export-tables').getByRole('checkbox', { name: /Tickets/ }).check();
  await app.screenshot(path.join(screenshots, 'report-export-menu-en.png'));
  const xlsx = await download(page, () => page.getByTestId('report-export-xlsx').click());
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as ArrayBuffer);
  expect(book.getWorksheet('tickets')!.rowCount - 1).toBe(sql<{ n: number }>('SELECT count(*) AS n FROM tickets')[0]!.n);

  // in Chinese, the cards name their kinds in Chinese
  await app.switchLanguage();
  await expect(page.getByTestId('rail-reports')).toContainText(zh('rail.reports'));
  await expect(blocks(page).first().getByTestId('report-block-kind')).toHaveText(zh('reports.kind.title'));
  await expect(kpis.getByTestId('report-block-kind')).toHaveText(zh('reports.kind.kpis'));
  await expect(blocks(page).last().getByTestId('report-block-kind')).toHaveText(zh('reports.kind.text'));
  await expect(page.getByTestId('report-add-block')).toHaveText(zh('reports.addBlock'));
  await kpis.getByTestId('report-block-main').click();
  await expect(page.getByTestId('report-block-period')).toHaveValue('report');
  await app.screenshot(path.join(screenshots, 'report-composer-zh.png'));
});

test('“Add to report” on a dashboard puts it at the end of the chosen report', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  // Analyze offers it for the open sheet too
  await page.getByTestId('sheet-add-to-report').click();
  await expect(page.getByTestId('add-to-report-menu').getByRole('menuitem')).toHaveCount(2);
  await app.screenshot(path.join(screenshots, 'report-add-from-sheet-en.png'));
  await page.keyboard.press('Escape');
  await app.openWorkspace('dashboards');
  await page.getByTestId('dashboard-overview-empty').click();
  await expect(page.getByTestId('dashboard-name')).toHaveText('Service overview');
  const overviewId = sql<{ id: number }>("SELECT id FROM rw_dashboards WHERE built_in = 'service-overview'")[0]!.id;
  const report = savedReports()[0]!;

  await page.getByTestId('dashboard-add-to-report').click();
  await expect(page.getByTestId('add-to-report-menu').getByRole('menuitem', { name: report.name })).toBeVisible();
  await app.screenshot(path.join(screenshots, 'report-add-from-dashboard-en.png'));
  await page.getByTestId('add-to-report-menu').getByRole('menuitem', { name: report.name }).click();
  await expect(page.getByText(en('reports.addTo.done', { name: report.name }))).toBeVisible();
  await expect.poll(() => savedReports()[0]!.spec.blocks.length).toBe(report.spec.blocks.length + 1);
  expect(savedReports()[0]!.spec.blocks.at(-1)).toMatchObject({ kind: 'dashboard', dashboardId: overviewId, context: { filters: [], period: null } });

  await page.getByTestId('rail-reports').click();
  const last = blocks(page).last();
  await expect(last.getByTestId('report-block-kind')).toHaveText(en('reports.kind.dashboard'));
  await expect(last.getByTestId('report-block-text')).toHaveText(en('dashboard.overviewName'));
  await expect(last.getByTestId('report-chip')).toHaveText(en('reports.chip.allData'));
  await page.getByTestId('report-new').click();
  await expect(page.getByTestId('report-new-menu')).toBeVisible();
  await app.screenshot(path.join(screenshots, 'report-new-menu-en.png'));
});

test('a saved chart exports from its sheet as CSV with the engine’s numbers, as PNG and as SVG', async ({ page }) => {
  const db = new Database(host().workbenchPath);
  try {
    const now = new Date().toISOString();
    const spec = { version: 1, table: 'tickets', kind: 'bar', shelves: { columns: [{ field: 'category' }], rows: [{ aggregate: 'count' }], color: [], size: [], label: [], tooltip: [], filters: [] } };
    db.prepare('INSERT INTO rw_charts (name, spec, position, created_at, updated_at) VALUES (?, ?, 99, ?, ?)').run('Categories to export', JSON.stringify(spec), now, now);
  } finally {
    db.close();
  }
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await page.getByRole('tab', { name: 'Categories to export' }).click();
  await expect(page.getByTestId('sheet-export')).toBeEnabled();

  await page.getByTestId('sheet-export').click();
  await app.screenshot(path.join(screenshots, 'chart-export-menu-en.png'));
  const csv = (await download(page, () => page.getByTestId('sheet-export-csv').click())).toString('utf8');
  expect(csv.startsWith('\uFEFFCategory,Number of records\n')).toBe(true);
  for (const { category, n } of sql<{ category: string; n: number }>('SELECT category, count(*) AS n FROM tickets GROUP BY category')) expect(csv).toContain(`${category},${n}\n`);

  await page.getByTestId('sheet-export').click();
  const png = await download(page, () => page.getByTestId('sheet-export-png').click());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await page.getByTestId('sheet-export').click();
  const svg = (await download(page, () => page.getByTestId('sheet-export-svg').click())).toString('utf8');
  expect(svg).toMatch(/^<svg[^>]*><style>@font-face/);
  expect(svg).toContain(sql<{ category: string }>('SELECT category FROM tickets GROUP BY category ORDER BY count(*) DESC LIMIT 1')[0]!.category);
});

test('an export cancelled from its progress bar writes nothing; “Add to report” on a board adds its fishbone and explainer', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await page.getByTestId('rail-reports').click();
  const report = savedReports()[0]!;
  await expect(page.getByTestId('report-name')).toHaveText(report.name);

  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('report-export').click();
  await page.getByTestId('report-export-pptx').click();
  await expect(page.getByTestId('report-export-progress')).toBeVisible();
  await page.getByTestId('report-export-cancel').click();
  await expect(page.getByText(en('reports.export.cancelled'))).toBeVisible();
  await expect(page.getByTestId('report-export-progress')).toHaveCount(0);
  expect(downloads).toBe(0);

  // a board of the workbench, as the boards workspace saved it
  const db = new Database(host().workbenchPath);
  let boardId: number;
  try {
    const now = new Date().toISOString();
    const spec = newBoardSpec({ table: 'tickets', metric: 'csat_mean', filters: [], periodA: { from: '2024-11-01', to: '2024-11-30' }, periodB: { from: '2024-12-01', to: '2024-12-31' } });
    boardId = Number(db.prepare('INSERT INTO rw_boards (name, spec, revision, position, created_at, updated_at) VALUES (?, ?, 1, 0, ?, ?)').run('CSAT drop', JSON.stringify(spec), now, now).lastInsertRowid);
  } finally {
    db.close();
  }
  await app.open(host().url);
  await app.openWorkspace('boards');
  await page.getByTestId('board-add-to-report').click();
  await page.getByTestId('add-to-report-menu').getByRole('menuitem', { name: report.name }).click();
  await expect(page.getByText(en('reports.addTo.done', { name: report.name }))).toBeVisible();
  await expect.poll(() => savedReports()[0]!.spec.blocks.slice(-2).map((b) => b.kind)).toEqual(['board', 'explainer']);
  expect(savedReports()[0]!.spec.blocks.slice(-2)).toMatchObject([{ boardId }, { boardId }]);
});

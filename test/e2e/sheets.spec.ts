import path from 'node:path';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import type { ChartSpec } from '../../shared/spec/chart-spec';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 2000, seed: 7 });

/** The charts the workbench file holds, read beside the running app. */
function savedCharts(): { name: string; spec: ChartSpec }[] {
  return host()
    .sql<{ name: string; spec: string }>('SELECT name, spec FROM rw_charts ORDER BY position, id')
    .map((r) => ({ name: r.name, spec: JSON.parse(r.spec) as ChartSpec }));
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

test('sheets are tabs that save themselves: add, rename, switch, and find them again after a reload', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);

  // a new workbench opens on one empty sheet
  await expect(app.sheetTab(format('en', 'sheets.defaultName', { n: '1' }))).toHaveAttribute('aria-selected', 'true');
  await app.dragFieldToShelf('tickets', 'region', 'x');
  await app.dragFieldToShelf('tickets', 'csat', 'y');
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'CSAT by region');
  await expect(app.saveStatus).toHaveText(format('en', 'sheets.status.saved'));
  expect(savedCharts()).toEqual([
    {
      name: 'Sheet 1',
      spec: expect.objectContaining({ table: 'tickets', kind: 'auto', shelves: expect.objectContaining({ columns: [{ field: 'region' }], rows: [{ field: 'csat', aggregate: 'avg' }] }) }) as unknown as ChartSpec,
    },
  ]);

  // a second sheet: channel volumes, renamed in Chinese
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  const counts = await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'counts per channel');
  await app.sheetTab('Sheet 2').dblclick();
  const input = page.getByRole('textbox', { name: format('en', 'sheets.rename') });
  await input.fill('渠道工单量');
  await input.press('Enter');
  await expect(app.sheetTab('渠道工单量')).toBeVisible();
  await expect(app.saveStatus).toHaveText(format('en', 'sheets.status.saved'));
  await expect.poll(() => savedCharts().map((c) => c.name)).toEqual(['Sheet 1', '渠道工单量']);
  expect(savedCharts()[1]!.spec.shelves.rows).toEqual([{ aggregate: 'count' }]);

  // switching keeps each sheet's own undo history
  await app.sheetTab('Sheet 1').click();
  const bars = await app.waitForTraces((t) => t.length === 1 && t[0]?.x.length !== counts[0]?.x.length, 'CSAT by region again');
  expect(bars[0]?.type).toBe('bar');
  await page.keyboard.press('Control+z');
  await expect(app.pill('y', 0)).toHaveCount(0);
  await expect(app.pill('x', 0)).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(app.pill('y', 0)).toBeVisible();
  await expect(app.saveStatus).toHaveText(format('en', 'sheets.status.saved'));
  await page.screenshot({ path: path.join(screenshots, 'sheets-en.png') });

  // after a reload (or a crash) the sheets come back as they were saved
  await page.reload();
  await expect(page.getByTestId('status-bar')).toContainText(/\d/);
  await expect(app.sheetTabs.getByRole('tab')).toHaveText(['Sheet 1', '渠道工单量']);
  await expect(app.pill('x', 0)).toContainText(await app.fieldLabel('tickets', 'region'));
  await app.sheetTab('渠道工单量').click();
  await expect(app.pill('x', 0)).toContainText(await app.fieldLabel('tickets', 'channel'));
  const reloaded = await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'counts per channel after the reload');
  expect(reloaded[0]?.y).toEqual(counts[0]?.y);

  // delete it (asked first); the other sheet is shown
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: `${format('en', 'sheets.delete')}: 渠道工单量` }).click();
  await expect(app.sheetTabs.getByRole('tab')).toHaveText(['Sheet 1']);
  await expect.poll(() => savedCharts().map((c) => c.name)).toEqual(['Sheet 1']);

  await app.switchLanguage();
  await expect(app.saveStatus).toHaveText(format('zh-CN', 'sheets.status.saved'));
  await page.screenshot({ path: path.join(screenshots, 'sheets-zh.png') });
});

import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 800, seed: 42 });
const sql = <T>(query: string): T[] => host().sql<T>(query);

test.use({ viewport: { width: 1500, height: 950 } });

test('the quality profile of a table: a score, empty and distinct values as SQLite counts them, shapes, and an export', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('rootwise.locale', 'en'));
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.openWorkspace('data');
  await app.dataTable('tickets').click();
  await page.getByTestId('quality-tab').click();
  await expect(page.getByTestId('quality-table')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('quality-score')).toHaveText(/^\d+(\.\d)?$/);

  const [counts] = sql<{ tickets: number; empty_csat: number; distinct_channels: number }>(
    "SELECT COUNT(*) AS tickets, SUM(csat IS NULL) AS empty_csat, COUNT(DISTINCT channel) AS distinct_channels FROM tickets",
  );
  const csat = page.getByTestId('quality-row-csat');
  await expect(csat.locator('td').nth(1)).toContainText(counts!.empty_csat.toLocaleString('en'));
  await expect(page.getByTestId('quality-row-channel').locator('td').nth(2)).toHaveText(String(counts!.distinct_channels));
  // ticket ids all share one shape
  await expect(page.getByTestId('quality-row-ticket_id').locator('code').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('quality-export').click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.split('\n')[0]).toBe('\uFEFFcolumn,measure,value');
  expect(csv).toContain(`(whole table),Rows,${counts!.tickets}`);
  await app.screenshot(path.join(screenshots, 'quality-en.png'));

  await app.switchLanguage();
  await expect(page.getByTestId('quality-tab')).toHaveText(format('zh-CN', 'data.view.quality'));
  await app.screenshot(path.join(screenshots, 'quality-zh.png'));
});

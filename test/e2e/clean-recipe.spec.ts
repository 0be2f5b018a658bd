import fs from 'node:fs';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ empty: true });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

// an export as it comes: padded and full-width spellings of one region, a repeated ticket, phones
const REGIONS = ['华东', ' 华东 ', '华东区', '华北', 'ＨＵＡＮＡＮ'];
function messyExport(): Buffer {
  const lines = ['ticket,region,phone,channel'];
  for (let i = 0; i < 40; i++) lines.push(`T${String(i % 36).padStart(3, '0')},${REGIONS[i % 5]},138${String(10_000_000 + i * 7919).slice(0, 8)},${i % 3 === 0 ? '电话' : '在线'}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Next month: the same columns in another order, five new tickets, one in a region never seen. */
function nextMonth(): Buffer {
  const lines = ['channel,ticket,phone,region'];
  for (let i = 0; i < 5; i++) lines.push(`在线,T${100 + i},1391234${String(5000 + i)},${i === 4 ? '西南' : '华北'}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

const step = (page: Page, n: number) => page.getByTestId(`clean-step-${n}`);

async function columnStep(page: Page, column: string, kind: string): Promise<void> {
  await page.getByTestId(`clean-col-${column}`).click();
  const menu = page.getByTestId('clean-column-menu');
  await menu.getByRole('menuitem', { name: format('en', `clean.kind.${kind}` as never), exact: true }).click();
}

test('the Clean workspace: a recipe built from column menus and the palette, previewed step by step, undone, run into a clean table', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.importFile('raw_tickets.csv', messyExport());
  await page.getByTestId('rail-clean').click();
  await expect(page.getByTestId('clean-table-raw_tickets')).toBeVisible();

  // no recipe yet: the empty state says what a recipe is and starts one
  await expect(page.getByText(format('en', 'clean.empty.title', { table: 'raw_tickets' }))).toBeVisible();
  await page.getByTestId('clean-start').click();
  await expect(page.getByTestId('clean-output')).toHaveValue('raw_tickets_clean');
  await expect(page.getByTestId('clean-preview').locator('tbody tr')).toHaveCount(40);

  // 1. trim the region: the padded value changes, counted over the sample
  await columnStep(page, 'region', 'trim');
  await expect(step(page, 1)).toContainText(format('en', 'clean.kind.trim'));
  await expect(page.getByTestId('clean-preview-counts')).toContainText(format('en', 'clean.preview.changed', { count: '8', column: 'region' }));
  await expect(page.getByTestId('clean-cell-changed')).toHaveCount(8);

  // 2. full-width letters to half-width
  await columnStep(page, 'region', 'width');
  await expect(page.getByTestId('clean-preview-counts')).toContainText(format('en', 'clean.preview.changed', { count: '8', column: 'region' }));

  // 3. cluster: 华东 and 华东区 are proposed as one, merged into the more frequent
  await page.getByTestId('clean-col-region').click();
  await page.getByTestId('clean-column-menu').getByRole('menuitem', { name: format('en', 'clean.kind.cluster') }).click();
  const dialog = page.getByTestId('cluster-dialog');
  await expect(dialog.getByTestId('cluster-row')).toHaveCount(1);
  await expect(dialog.getByTestId('cluster-row')).toContainText('华东区');
  await expect(dialog.getByTestId('cluster-into')).toHaveValue('华东');
  await page.screenshot({ path: path.join(screenshots, 'clean-cluster-en.png') });
  await dialog.getByTestId('cluster-apply').click();
  await expect(dialog).toBeHidden();
  await expect(step(page, 3)).toHaveAttribute('data-kind', 'cluster');
  await expect(page.getByTestId('clean-preview-counts')).toContainText(format('en', 'clean.preview.changed', { count: '8', column: 'region' }));

  // 4. mask the phone numbers, keeping the last four digits
  await columnStep(page, 'phone', 'mask');
  await expect(step(page, 4)).toHaveAttribute('data-kind', 'mask');
  await expect(page.getByTestId('clean-preview-counts')).toContainText(format('en', 'clean.preview.changed', { count: '40', column: 'phone' }));

  // 5. remove duplicate tickets from the palette: four repeated tickets are dropped, shown struck through
  await page.getByTestId('clean-add-step').click();
  await page.getByTestId('clean-palette').getByRole('menuitem', { name: format('en', 'clean.kind.dedupe') }).click();
  await expect(step(page, 5)).toHaveAttribute('data-kind', 'dedupe');
  await expect(page.getByTestId('clean-preview-counts')).toContainText(format('en', 'clean.preview.dropped', { count: '4' }));
  await expect(page.getByTestId('clean-row-dropped')).toHaveCount(4);
  await app.screenshot(path.join(screenshots, 'clean-recipe-en.png'));

  // undo takes the last step away, redo brings it back; each is a saved version
  const versions = () => sql<{ n: number }>("SELECT COUNT(*) AS n FROM rw_recipes WHERE source = 'raw_tickets'")[0]!.n;
  const before = versions();
  await page.getByTestId('undo').click();
  await expect(step(page, 5)).toHaveCount(0);
  await page.getByTestId('redo').click();
  await expect(step(page, 5)).toHaveAttribute('data-kind', 'dedupe');
  expect(versions()).toBe(before + 2);

  // a step that needs a column an earlier step removed is flagged in place and blocks the run
  await columnStep(page, 'phone', 'drop');
  await expect(step(page, 6)).toHaveAttribute('data-kind', 'drop');
  await step(page, 6).hover();
  await step(page, 6).getByRole('button', { name: format('en', 'clean.step.up', { n: 6 }) }).click();
  await expect(step(page, 5)).toHaveAttribute('data-kind', 'drop');
  await step(page, 5).hover();
  await step(page, 5).getByRole('button', { name: format('en', 'clean.step.up', { n: 5 }) }).click();
  await expect(step(page, 4)).toHaveAttribute('data-kind', 'drop');
  await expect(step(page, 5)).toHaveClass(/has-problem/);
  await expect(page.getByTestId('clean-run')).toBeDisabled();
  await step(page, 5).locator('.clean-step-main').click();
  await expect(page.getByTestId('clean-step-problem')).toHaveText(format('en', 'error.recipe.missingColumn', { column: 'phone' }));
  await expect(page.getByTestId('clean-preview-counts')).toContainText(format('en', 'clean.preview.broken'));
  await step(page, 4).hover();
  await page.getByTestId('clean-step-remove-4').click();
  await expect(page.getByTestId('clean-steps').locator('li')).toHaveCount(5);
  await expect(page.getByTestId('clean-run')).toBeEnabled();

  // run: the clean table holds what the preview promised, and the import is unchanged
  await page.getByTestId('clean-run').click();
  await expect(page.getByTestId('clean-last-run')).toContainText(format('en', 'clean.lastRun', { rowsIn: '40', rowsOut: '36', output: 'raw_tickets_clean' }));
  const regions = sql<{ region: string; n: number }>('SELECT region, COUNT(*) AS n FROM raw_tickets_clean GROUP BY region ORDER BY region');
  // the four repeats dropped were rows 37–40: one each of ' 华东 ', 华东区, 华北, ＨＵＡＮＡＮ
  expect(regions).toEqual([
    { region: 'HUANAN', n: 7 },
    { region: '华东', n: 22 },
    { region: '华北', n: 7 },
  ]);
  const phones = sql<{ phone: string }>('SELECT phone FROM raw_tickets_clean');
  expect(phones.every((p) => /^\*{7}\d{4}$/.test(p.phone))).toBe(true);
  expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM raw_tickets WHERE region = ' 华东 '")[0]!.n).toBe(8);

  // share-safe on: the clean table's phones are masked, so it exports; the CSV is what SQLite holds
  // the chip is the control a user clicks; its checkbox is hidden inside it
  await page.locator('.clean-share-safe').click();
  await expect(page.getByTestId('clean-share-safe')).toBeChecked();
  const download = page.waitForEvent('download');
  await page.getByTestId('clean-export').click();
  // not trim(): it would take the byte-order mark too
  const exported = fs.readFileSync(await (await download).path(), 'utf8').replace(/\n$/, '').split('\n');
  expect(exported[0]).toBe('\uFEFFticket,region,phone,channel');
  expect(exported).toHaveLength(37);
  expect(exported.slice(1).every((line) => /^T\d{3},[^,]+,\*{7}\d{4},/.test(line))).toBe(true);

  // next month's file, columns reordered, with a region nobody mapped: a trial run shows the diff first
  await page.getByTestId('clean-refresh-input').setInputFiles({ name: 'raw_tickets_next.csv', mimeType: 'text/csv', buffer: nextMonth() });
  const refresh = page.getByTestId('refresh-dialog');
  await expect(refresh.getByTestId('refresh-matched')).toHaveCount(4);
  await expect(refresh.getByTestId('refresh-diff')).toContainText(format('en', 'clean.refresh.rows', { output: 'raw_tickets_clean', before: '36', after: '41' }));
  await expect(refresh.getByTestId('refresh-uncovered')).toContainText('西南');
  await app.screenshot(path.join(screenshots, 'clean-refresh-en.png'));
  expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM raw_tickets')[0]!.n).toBe(40);
  await refresh.getByTestId('refresh-commit').click();
  await expect(refresh).toBeHidden();
  await expect(page.getByTestId('clean-last-run')).toContainText(format('en', 'clean.lastRun', { rowsIn: '45', rowsOut: '41', output: 'raw_tickets_clean' }));
  expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM raw_tickets_clean WHERE region = '西南'")[0]!.n).toBe(1);

  // in Chinese
  await app.switchLanguage();
  await expect(page.getByTestId('clean-run')).toContainText(format('zh-CN', 'clean.run'));
  await expect(step(page, 1)).toContainText(format('zh-CN', 'clean.kind.trim'));
  await app.screenshot(path.join(screenshots, 'clean-recipe-zh.png'));
});

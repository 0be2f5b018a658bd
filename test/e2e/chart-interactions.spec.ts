import path from 'node:path';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 3000, seed: 5 });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

/** Clicks a mark the way a user does: plotly's drag layer takes the pointer and finds the mark under it. */
async function clickMark(page: Page, mark: Locator): Promise<void> {
  const box = await mark.boundingBox();
  if (box === null) throw new Error('the mark is not on screen');
  const at = { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 20) };
  await page.mouse.move(at.x - 3, at.y);
  await page.mouse.move(at.x, at.y, { steps: 3 });
  await page.mouse.click(at.x, at.y);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

test('a clicked bar keeps only its value or leaves it out; sort and swap axes redraw from the engine; each is undoable', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  const byChannel = sql<{ channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM tickets GROUP BY channel ORDER BY n DESC, channel');
  await app.waitForTraces((t) => t[0]?.x.length === byChannel.length, 'a bar per channel');

  // click the first bar: a menu of what to do with its value
  await clickMark(page, app.chart.locator('.barlayer g.point path').first());
  const menu = page.getByTestId('mark-menu');
  await expect(menu).toBeVisible();
  const first = String((await app.traces())[0]!.x[0]);
  await expect(menu.getByRole('menuitem', { name: format('en', 'mark.keepOnly', { value: first }) })).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'mark-menu-en.png') });
  await menu.getByRole('menuitem', { name: format('en', 'mark.keepOnly', { value: first }) }).click();
  await expect(app.pill('filters', 0)).toContainText(first);
  const kept = await app.waitForTraces((t) => t[0]?.x.length === 1, 'one bar left');
  expect(kept[0]!.y[0]).toBe(byChannel.find((r) => r.channel === first)!.n);
  await app.undo();
  await app.waitForTraces((t) => t[0]?.x.length === byChannel.length, 'every bar again');

  // Exclude: every bar but that one
  await clickMark(page, app.chart.locator('.barlayer g.point path').first());
  await page.getByTestId('mark-menu').getByRole('menuitem', { name: format('en', 'mark.exclude', { value: first }) }).click();
  const excluded = await app.waitForTraces((t) => t[0]?.x.length === byChannel.length - 1, 'one bar left out');
  expect(excluded[0]!.x).not.toContain(first);
  await app.undo();

  // sort descending: the bars in SQLite's order by count
  await page.getByTestId('chart-sort').click();
  const sorted = await app.waitForTraces((t) => t[0]?.x.length === byChannel.length && String(t[0].x[0]) === byChannel[0]!.channel, 'sorted bars');
  expect(sorted[0]!.x.map(String)).toEqual(byChannel.map((r) => r.channel));
  expect(sorted[0]!.y).toEqual(byChannel.map((r) => r.n));

  // the chart's data as rows in the grid: one row per channel, SQLite's counts, in the sorted order
  await page.getByTestId('chart-view-data').click();
  const grid = page.getByTestId('chart-data').getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', String(byChannel.length + 1));
  await expect(grid.locator('[data-row="0"] [role="gridcell"]').nth(0)).toHaveText(byChannel[0]!.channel);
  await page.getByTestId('chart-view-data').click();
  await app.waitForTraces((t) => t[0]?.type === 'bar', 'the chart again');

  // swap axes: horizontal bars, same numbers; the keyboard swaps back
  await page.getByTestId('chart-swap').click();
  const horizontal = await app.waitForTraces((t) => t[0]?.orientation === 'h', 'horizontal bars');
  expect(horizontal[0]!.x).toEqual(byChannel.map((r) => r.n));
  await page.screenshot({ path: path.join(screenshots, 'swapped-sorted-en.png') });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Alt+x');
  await app.waitForTraces((t) => t[0]?.orientation !== 'h', 'vertical bars again');
  await app.undo();
  await app.waitForTraces((t) => t[0]?.orientation === 'h', 'undo swaps them back');
});

test('a clicked month drills down into its days and Ctrl+Alt+U drills back up; Help lists the shortcuts in both languages', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'created_at', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  const months = sql<{ month: string; n: number }>("SELECT strftime('%Y-%m', created_at) AS month, COUNT(*) AS n FROM tickets WHERE created_at IS NOT NULL GROUP BY month ORDER BY month");
  await app.waitForTraces((t) => t[0]?.x.length === months.length, 'a point per month');

  await clickMark(page, app.chart.locator('.scatterlayer g.points path.point').nth(2));
  const menu = page.getByTestId('mark-menu');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: /Drill down/ }).click();
  const month = months[2]!;
  const days = sql<{ day: string; n: number }>("SELECT date(created_at) AS day, COUNT(*) AS n FROM tickets WHERE strftime('%Y-%m', created_at) = ? GROUP BY day ORDER BY day", month.month);
  const drilled = await app.waitForTraces((t) => t[0]?.x.length === days.length, 'a point per day of the month');
  expect(drilled[0]!.y).toEqual(days.map((d) => d.n));
  await expect(app.pill('x', 0)).toContainText(format('en', 'time.day'));
  await expect(app.pill('filters', 0)).toContainText(`${month.month}-01`);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Alt+u');
  await app.waitForTraces((t) => t[0]?.x.length === months.length, 'the months again');
  await expect(app.pill('filters', 0)).toHaveCount(0);

  await page.keyboard.press('F1');
  const help = page.getByTestId('shortcuts-dialog');
  await expect(help).toBeVisible();
  await expect(help).toContainText(format('en', 'shortcuts.swap'));
  await page.screenshot({ path: path.join(screenshots, 'shortcuts-en.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await app.switchLanguage();
  await page.getByTestId('shortcuts-open').click();
  await expect(help).toContainText(format('zh-CN', 'shortcuts.drillUp'));
  await page.screenshot({ path: path.join(screenshots, 'shortcuts-zh.png') });
  await page.keyboard.press('Escape');
  await clickMark(page, app.chart.locator('.scatterlayer g.points path.point').first());
  await expect(page.getByTestId('mark-menu')).toContainText(format('zh-CN', 'mark.menu', { value: '' }).trim().slice(0, 2));
  await page.screenshot({ path: path.join(screenshots, 'mark-menu-zh.png') });
});

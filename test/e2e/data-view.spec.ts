import path from 'node:path';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const ROWS = 100_000;
const host = useServedWorkbench({ rows: ROWS, seed: 42 });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);
const en = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

/** The Data view's grid and its parts, by what a user sees. */
class DataGrid {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByTestId('grid-scroll');
  }

  header(field: string): Locator {
    return this.page.locator(`[role=columnheader][data-field="${field}"]`);
  }

  /** The rows in view (rendered rows outside the viewport, the overscan, are left out). */
  async visibleRows(): Promise<{ number: string; cells: string[] }[]> {
    return this.grid.evaluate((grid) => {
      const box = grid.getBoundingClientRect();
      const headerBottom = grid.querySelector('.dg-header')!.getBoundingClientRect().bottom;
      return [...grid.querySelectorAll<HTMLElement>('[data-row]')]
        .filter((row) => {
          const r = row.getBoundingClientRect();
          return r.top >= headerBottom - 1 && r.bottom <= box.bottom + 1;
        })
        .map((row) => ({
          number: row.querySelector('[role=rowheader]')!.textContent,
          cells: [...row.querySelectorAll('[role=gridcell]')].map((c) => c.textContent),
        }));
    });
  }

  async columnIndex(field: string): Promise<number> {
    return this.grid.evaluate((grid, name) => [...grid.querySelectorAll('[role=columnheader][data-field]')].findIndex((h) => h.getAttribute('data-field') === name), field);
  }

  /** The visible values of a column, once the rows in view are loaded. */
  async column(field: string): Promise<string[]> {
    const index = await this.columnIndex(field);
    await expect(this.grid.locator('.is-loading')).toHaveCount(0);
    return (await this.visibleRows()).map((r) => r.cells[index]!);
  }

  async openMenu(field: string, item: 'grid-menu-filter' | 'grid-menu-stats'): Promise<void> {
    await this.header(field).getByTestId('grid-column-menu').click();
    await this.page.getByTestId(item).click();
  }
}

test('the Data view scrolls 100,000 rows to the last, sorts, filters, profiles and copies as SQLite answers', async ({ page }) => {
  const app = new WorkbenchPage(page);
  const view = new DataGrid(page);
  await app.open(host().url);
  await app.openWorkspace('data');
  await app.dataTable('tickets').click();
  const total = sql<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')[0]!.n;
  expect(total).toBe(ROWS);
  await expect(page.getByTestId('grid-caption')).toHaveText(`${en.format(total)} rows`);
  const firstIds = sql<{ ticket_id: string }>('SELECT ticket_id FROM tickets ORDER BY rowid LIMIT 5').map((r) => r.ticket_id);
  expect((await view.column('ticket_id')).slice(0, 5)).toEqual(firstIds);

  // drag the scrollbar to the very end: the last row is the table's last, numbered COUNT(*)
  await view.grid.evaluate((grid) => grid.scrollTo({ top: grid.scrollHeight }));
  await expect.poll(async () => (await view.visibleRows()).at(-1)?.number).toBe(en.format(total));
  const lastId = sql<{ ticket_id: string }>('SELECT ticket_id FROM tickets ORDER BY rowid DESC LIMIT 1')[0]!.ticket_id;
  expect((await view.column('ticket_id')).at(-1)).toBe(lastId);
  // and back to the top with the keyboard
  await view.grid.locator('[data-row] [role=gridcell]').last().click();
  await page.keyboard.press('Control+Home');
  await expect.poll(async () => (await view.visibleRows())[0]?.number).toBe('1');
  await page.keyboard.press('Control+End');
  await expect.poll(async () => (await view.visibleRows()).at(-1)?.number).toBe(en.format(total));
  await page.keyboard.press('PageUp');
  await page.keyboard.press('Control+Home');
  await expect.poll(async () => (await view.visibleRows())[0]?.number).toBe('1');

  // a column is as wide as its header edge is dragged
  const idHeader = view.header('ticket_id');
  const before = (await idHeader.boundingBox())!;
  const edge = (await idHeader.locator('.dg-resize').boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + 60, edge.y + edge.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await idHeader.boundingBox())!.width)).toBe(Math.round(before.width) + 60);

  // sort: a click ascending, a second descending, Shift+click adds a key; the first rows are SQLite's
  const sortBy = view.header('csat').getByTestId('grid-sort');
  await sortBy.click();
  await expect(view.header('csat')).toHaveAttribute('aria-sort', 'ascending');
  const ascending = sql<{ ticket_id: string }>('SELECT ticket_id FROM tickets ORDER BY csat ASC, rowid LIMIT 8').map((r) => r.ticket_id);
  expect((await view.column('ticket_id')).slice(0, 8)).toEqual(ascending);
  await sortBy.click();
  await view.header('agent').getByTestId('grid-sort').click({ modifiers: ['Shift'] });
  await expect(view.header('agent').locator('.dg-sort')).toHaveText('↑2');
  const sorted = sql<{ ticket_id: string; csat: number; agent: string }>('SELECT ticket_id, csat, agent FROM tickets ORDER BY csat DESC, agent ASC, rowid LIMIT 12');
  expect((await view.column('ticket_id')).slice(0, 12)).toEqual(sorted.map((r) => r.ticket_id));
  expect((await view.column('agent')).slice(0, 12)).toEqual(sorted.map((r) => r.agent));

  // filter by a value from the header menu: the list shows SQLite's counts, the chip the filtered count
  const channels = sql<{ channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM tickets GROUP BY channel ORDER BY n DESC, channel');
  const chosen = channels[1]!;
  await view.grid.evaluate((grid) => grid.scrollTo({ left: 0 }));
  await view.openMenu('channel', 'grid-menu-filter');
  const values = page.getByTestId('grid-value-filter');
  await expect(values.locator('.picker-value')).toHaveCount(channels.length);
  await values.getByRole('searchbox').fill(chosen.channel);
  await expect(values.locator('.picker-value')).toHaveCount(1);
  await expect(values.locator('.picker-value')).toContainText(en.format(chosen.n));
  await values.locator('.picker-value input').check();
  await app.screenshot(path.join(screenshots, 'data-view-filter-en.png'));
  await page.getByTestId('grid-filter-apply').click();
  await expect(page.getByTestId('grid-chip')).toHaveCount(1);
  await expect(page.getByTestId('grid-filtered-count')).toHaveText(`${en.format(chosen.n)} rows match`);
  await expect(page.getByTestId('grid-caption')).toHaveText(`${en.format(chosen.n)} of ${en.format(total)} rows`);
  expect(new Set(await view.column('channel'))).toEqual(new Set([chosen.channel]));

  // and a range of CSAT on top of it
  await view.openMenu('csat', 'grid-menu-filter');
  await page.getByTestId('grid-range-from').fill('2');
  await page.getByTestId('grid-range-to').fill('4');
  await page.getByTestId('grid-filter-apply').click();
  const both = sql<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE channel = ? AND csat BETWEEN 2 AND 4', chosen.channel)[0]!.n;
  await expect(page.getByTestId('grid-filtered-count')).toHaveText(`${en.format(both)} rows match`);
  const filteredIds = sql<{ ticket_id: string }>('SELECT ticket_id FROM tickets WHERE channel = ? AND csat BETWEEN 2 AND 4 ORDER BY csat DESC, agent ASC, rowid LIMIT 10', chosen.channel).map((r) => r.ticket_id);
  expect((await view.column('ticket_id')).slice(0, 10)).toEqual(filteredIds);

  // column statistics of NPS under the filters, as SQL aggregates them
  await view.openMenu('nps', 'grid-menu-stats');
  const stats = page.getByTestId('grid-stats');
  const expected = sql<{ rows: number; present: number; distinct: number; lo: number; hi: number; mean: number }>(
    'SELECT COUNT(*) AS rows, COUNT(nps) AS present, COUNT(DISTINCT nps) AS "distinct", MIN(nps) AS lo, MAX(nps) AS hi, AVG(nps) AS mean FROM tickets WHERE channel = ? AND csat BETWEEN 2 AND 4',
    chosen.channel,
  )[0]!;
  const stat = (id: string) => stats.locator(`[data-stat="${id}"] dd`);
  await expect(stat('rows')).toHaveText(en.format(expected.rows));
  await expect(stat('nulls')).toHaveText(en.format(expected.rows - expected.present));
  await expect(stat('distinct')).toHaveText(en.format(expected.distinct));
  await expect(stat('min')).toHaveText(String(expected.lo));
  await expect(stat('max')).toHaveText(String(expected.hi));
  await expect(stat('mean')).toHaveText(new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(expected.mean));
  const top = sql<{ nps: number; n: number }>('SELECT nps, COUNT(*) AS n FROM tickets WHERE channel = ? AND csat BETWEEN 2 AND 4 AND nps IS NOT NULL GROUP BY nps ORDER BY n DESC, nps LIMIT 1', chosen.channel)[0]!;
  await expect(stats.getByTestId('grid-stats-top').locator('li').first()).toHaveText(`${top.nps}${en.format(top.n)}`);

  // select a range with a click and Shift+click, copy with Ctrl+C: the clipboard holds SQLite's rows as TSV
  const ticketCol = await view.columnIndex('ticket_id');
  const channelCol = await view.columnIndex('channel');
  expect(channelCol).toBe(ticketCol + 2);
  await view.grid.locator('[data-row="1"] [role=gridcell]').nth(ticketCol).click();
  await view.grid.locator('[data-row="4"] [role=gridcell]').nth(channelCol).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Shift+ArrowDown');
  await expect(view.grid.locator('[role=gridcell][aria-selected=true]')).toHaveCount(5 * 3);
  await page.keyboard.press('Control+c');
  const copied = sql<{ ticket_id: string; customer_id: string; channel: string }>(
    'SELECT ticket_id, customer_id, channel FROM tickets WHERE channel = ? AND csat BETWEEN 2 AND 4 ORDER BY csat DESC, agent ASC, rowid LIMIT 5 OFFSET 1',
    chosen.channel,
  );
  const tsv = copied.map((r) => [r.ticket_id, r.customer_id, r.channel].join('\t')).join('\n');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(tsv);
  // the context menu copies with the header
  await view.grid.locator('[data-row="2"] [role=gridcell]').nth(ticketCol).click({ button: 'right' });
  await page.getByTestId('grid-copy-header').click();
  const headers = await Promise.all(['ticket_id', 'customer_id', 'channel'].map(async (f) => (await view.header(f).locator('.dg-th-text').innerText()).trim()));
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${headers.join('\t')}\n${tsv}`);
  await view.grid.evaluate((grid) => grid.scrollTo({ left: 0 }));
  await app.screenshot(path.join(screenshots, 'data-view-en.png'));

  // in Chinese: the same grid, its caption, chips and statistics in zh-CN
  await app.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('grid-caption')).toHaveText(format('zh-CN', 'grid.captionFiltered', { shown: en.format(both), total: en.format(total) }));
  await expect(page.getByTestId('grid-filtered-count')).toHaveText(format('zh-CN', 'grid.filteredCount', { count: en.format(both) }));
  await expect(stats).toContainText(format('zh-CN', 'grid.stats.median'));
  await app.screenshot(path.join(screenshots, 'data-view-zh.png'));

  // removing the chips brings every row back
  await page.getByTestId('grid-chip').first().getByRole('button').click();
  await page.getByTestId('grid-chip').first().getByRole('button').click();
  await expect(page.getByTestId('grid-chips')).toHaveCount(0);
  await expect(page.getByTestId('grid-caption')).toHaveText(format('zh-CN', 'grid.caption', { count: en.format(total) }));
});

import path from 'node:path';
import { expect, test } from './support/test';
import { format, type Locale } from '../../shared/i18n/messages';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage, type PlottedTrace } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

const host = useServedWorkbench({ rows: 5000, seed: 42 });

const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

/** A bar trace as `{ category: value }`, the way the SQL answer is keyed too. */
function barsOf(trace: PlottedTrace | undefined): Record<string, number | null> {
  if (trace === undefined) return {};
  return Object.fromEntries(trace.x.map((x, i) => [String(x), trace.y[i] ?? null]));
}

function averageCsatByRegion(locale: Locale): Record<string, number | null> {
  const rows = sql<{ region: string | null; avg: number | null }>('SELECT region, AVG(csat) AS avg FROM tickets GROUP BY region');
  return Object.fromEntries(rows.map((r) => [r.region ?? format(locale, 'chart.null'), r.avg]));
}

test.beforeEach(async ({ page }) => {
  // start from English whatever the machine's language, so the first assertions are stable
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

test('dragging Region and CSAT draws the averages that SQLite computes, in both languages', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);

  await expect(app.emptyState).toContainText(format('en', 'chart.empty.title'));
  await expect(app.chart).toHaveCount(0);

  await app.dragFieldToShelf('tickets', 'region', 'x');
  await expect(app.pill('x', 0)).toContainText(/Region/i);
  await expect(app.emptyState).toContainText(format('en', 'chart.empty.needMeasure'));

  await app.dragFieldToShelf('tickets', 'csat', 'y');
  await expect(app.pill('y', 0)).toContainText(format('en', 'agg.avg'));

  const expected = averageCsatByRegion('en');
  expect(Object.keys(expected).length).toBeGreaterThan(1);
  const bars = await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'one bar trace');
  expect(barsOf(bars[0])).toEqual(expected);

  const csatEn = await app.fieldLabel('tickets', 'csat');
  const regionEn = await app.fieldLabel('tickets', 'region');
  await expect(app.axisTitle('y')).toHaveText(format('en', 'chart.axis.measure', { aggregate: format('en', 'agg.avg'), field: csatEn }));
  await expect(app.axisTitle('x')).toHaveText(regionEn);
  await expect(app.shelfTitle('x')).toHaveText('Columns (X)');

  // Chinese: shelf titles, field labels and axis titles follow the switch
  await app.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(app.shelfTitle('x')).toHaveText('列（X）');
  await expect(app.shelfTitle('y')).toHaveText(format('zh-CN', 'shelf.y'));
  await expect(app.pill('y', 0)).toContainText(format('zh-CN', 'agg.avg'));
  const csatZh = await app.fieldLabel('tickets', 'csat');
  expect(csatZh).not.toBe(csatEn);
  await expect(app.axisTitle('y')).toHaveText(format('zh-CN', 'chart.axis.measure', { aggregate: format('zh-CN', 'agg.avg'), field: csatZh }));
  await expect(app.axisTitle('y')).not.toHaveText(/Average/);
  const barsZh = await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'bars after the switch');
  expect(barsOf(barsZh[0])).toEqual(averageCsatByRegion('zh-CN'));
  await app.screenshot(path.join(screenshots, 'analyze-zh.png'));

  await app.switchLanguage();
  await expect(app.shelfTitle('x')).toHaveText('Columns (X)');
  await expect(app.axisTitle('y')).toHaveText(/Average/);
  await app.screenshot(path.join(screenshots, 'analyze-en.png'));

  // a date on Columns buckets by month and turns the chart into lines, one per region
  await app.dragFieldToShelf('tickets', 'created_at', 'x');
  await expect(app.pill('x', 1)).toContainText(format('en', 'time.month'));
  const months = sql<{ month: string }>("SELECT DISTINCT strftime('%Y-%m', created_at) AS month FROM tickets WHERE created_at IS NOT NULL ORDER BY month").map(
    (r) => r.month,
  );
  const lines = await app.waitForTraces((t) => t.length > 1 && t.every((trace) => trace.type === 'scatter'), 'one line per region');
  expect(lines.every((trace) => trace.mode?.includes('lines') === true)).toBe(true);
  expect(new Set(lines.map((trace) => trace.name))).toEqual(new Set(Object.keys(expected)));
  const plottedMonths = [...new Set(lines.flatMap((trace) => trace.x.map(String)))].sort();
  expect(plottedMonths).toEqual(months);
  const firstRegion = lines[0]!;
  const perMonth = sql<{ month: string; avg: number | null }>(
    "SELECT strftime('%Y-%m', created_at) AS month, AVG(csat) AS avg FROM tickets WHERE region = ? GROUP BY month",
    firstRegion.name,
  );
  expect(barsOf(firstRegion)).toEqual(Object.fromEntries(perMonth.map((r) => [r.month, r.avg])));

  // undo puts the bar chart back exactly as it was
  await app.undo();
  await expect(app.pill('x', 1)).toHaveCount(0);
  const restored = await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'the bar chart again after undo');
  expect(barsOf(restored[0])).toEqual(expected);
});

test('a filter picked from the value list narrows the chart to those values', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  // the sheets of earlier tests are kept in the workbench: start on a new one
  await app.newSheet();

  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'counts per channel');

  await app.dragFieldToShelf('tickets', 'priority', 'filters');
  const picker = page.getByTestId('filter-picker');
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name: format('en', 'filter.none') }).click();
  const [priority] = sql<{ priority: string }>('SELECT priority FROM tickets WHERE priority IS NOT NULL GROUP BY priority ORDER BY COUNT(*) DESC LIMIT 1');
  await picker.getByRole('checkbox', { name: priority!.priority }).check();
  await picker.getByRole('button', { name: format('en', 'filter.apply') }).click();
  await expect(app.pill('filters', 0)).toContainText(priority!.priority);

  const expected = Object.fromEntries(
    sql<{ channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM tickets WHERE priority = ? GROUP BY channel', priority!.priority).map((r) => [r.channel, r.n]),
  );
  await expect.poll(async () => barsOf((await app.traces())[0]), { message: 'counts of the filtered tickets' }).toEqual(expected);
});

test('keyboard and pills: Enter adds a field, Space and arrows move it, Delete removes it, a dragged pill moves or leaves', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  // the sheets of earlier tests are kept in the workbench: start on a new one
  await app.newSheet();

  await app.field('tickets', 'channel').focus();
  await page.keyboard.press('Enter');
  await expect(app.pill('x', 0)).toContainText(await app.fieldLabel('tickets', 'channel'));
  await app.field('tickets', 'csat').focus();
  await page.keyboard.press('Enter');
  await expect(app.pill('y', 0)).toContainText(format('en', 'agg.avg'));
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'average CSAT per channel');

  // Space picks Priority up, the arrows step Columns → Rows → Color, Space drops it there
  // (each key waits for the screen-reader announcement of the last: a key pressed before the drag
  // has measured the shelves would be lost)
  const priority = await app.fieldLabel('tickets', 'priority');
  await app.field('tickets', 'priority').focus();
  await page.keyboard.press('Space');
  await expect(page.getByText(format('en', 'dnd.start', { field: priority }))).toBeAttached();
  for (const shelf of [format('en', 'shelf.x'), format('en', 'shelf.y'), format('en', 'shelf.color')]) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText(format('en', 'dnd.over', { field: priority, shelf }))).toBeAttached();
  }
  await page.keyboard.press('Space');
  await expect(app.pill('color', 0)).toContainText(priority);
  const priorities = sql<{ priority: string }>('SELECT DISTINCT priority FROM tickets WHERE priority IS NOT NULL').map((r) => r.priority);
  const series = await app.waitForTraces((t) => t.length === priorities.length, 'one bar series per priority');
  expect(new Set(series.map((trace) => trace.name))).toEqual(new Set(priorities));

  await app.pill('color', 0).getByRole('button').first().focus();
  await page.keyboard.press('Delete');
  await expect(app.pill('color', 0)).toHaveCount(0);
  await app.waitForTraces((t) => t.length === 1, 'a single series again');

  // a pill dragged to another shelf moves there; dragged off the shelves it goes away
  const channel = await app.fieldLabel('tickets', 'channel');
  await app.dragTo(app.pill('x', 0), app.shelf('color'));
  await expect(app.pill('color', 0)).toContainText(channel);
  await expect(app.pill('x', 0)).toHaveCount(0);
  await expect(app.emptyState).toContainText(format('en', 'chart.empty.needDimension'));
  await app.dragTo(app.pill('color', 0), app.emptyState);
  await expect(app.pill('color', 0)).toHaveCount(0);
});

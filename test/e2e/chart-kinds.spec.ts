import path from 'node:path';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import type { ChartSpec } from '../../shared/spec/chart-spec';
import { kpiChange, kpiValueText } from '../../shared/chart/kpi-format';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 3000, seed: 11 });

const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

test('Show me picks the chart from the fields and offers the kinds that fit; each kind draws what SQLite counts', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  const kind = (name: string) => page.getByTestId(`chart-type-${name}`);

  // a date on Columns: a line, picked automatically, and a pie is not offered for dates
  await app.dragFieldToShelf('tickets', 'created_at', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await expect(kind('auto')).toHaveText(format('en', 'chart.type.autoChose', { kind: format('en', 'chart.type.line') }));
  await expect(kind('control')).toHaveAttribute('aria-disabled', 'false');
  await expect(kind('pie')).toHaveAttribute('aria-disabled', 'true');
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'scatter', 'a line over the months');

  // channel volumes: bars by default, then a pie whose slices are SQLite's counts
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await expect(kind('auto')).toHaveText(format('en', 'chart.type.autoChose', { kind: format('en', 'chart.type.bar') }));
  const byChannel = Object.fromEntries(sql<{ channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM tickets GROUP BY channel').map((r) => [r.channel, r.n]));
  await app.chooseKind('pie');
  const pie = await app.waitForTraces((t) => t[0]?.type === 'pie', 'a pie');
  expect(Object.fromEntries(pie[0]!.labels.map((label, i) => [String(label), pie[0]!.values[i]]))).toEqual(byChannel);

  // Pareto: the categories from the largest, the cumulative share climbing to 100 %
  await app.chooseKind('pareto');
  const pareto = await app.waitForTraces((t) => t.length === 2 && t[0]?.type === 'bar', 'a Pareto chart');
  const counts = pareto[0]!.y as number[];
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  const cumulative = pareto[1]!.y as number[];
  expect(pareto[1]!.yaxis).toBe('y2');
  expect(cumulative.at(-1)).toBeCloseTo(100, 6);
  expect(cumulative[0]).toBeCloseTo((100 * counts[0]!) / counts.reduce((a, b) => a + b, 0), 6);

  // waterfall: a step per channel, closed by the engine's total, which is SQLite's count of tickets
  await app.chooseKind('waterfall');
  const waterfall = await app.waitForTraces((t) => t[0]?.type === 'waterfall', 'a waterfall');
  const steps = waterfall[0]!.y as number[];
  const tickets = sql<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')[0]!.n;
  expect(steps.at(-1)).toBe(tickets);
  expect(steps.slice(0, -1).sort((a, b) => a - b)).toEqual(Object.values(byChannel).sort((a, b) => a - b));

  // region × channel: stacked bars, then a heatmap whose cells are SQLite's counts
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'region', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.dragFieldToShelf('tickets', 'channel', 'color');
  await expect(kind('auto')).toHaveText(format('en', 'chart.type.autoChose', { kind: format('en', 'chart.type.bar_stacked') }));
  await app.waitForTraces((t) => t.length > 1 && t.every((tr) => tr.type === 'bar'), 'one bar trace per channel');
  expect((await app.layout()).barmode).toBe('stack');
  await app.chooseKind('heatmap');
  const heat = await app.waitForTraces((t) => t[0]?.type === 'heatmap', 'a heatmap');
  const cells = sql<{ region: string; channel: string; n: number }>('SELECT region, channel, COUNT(*) AS n FROM tickets WHERE region IS NOT NULL GROUP BY region, channel');
  const plotted = new Map<string, number | null>();
  heat[0]!.y.forEach((channel, r) => heat[0]!.x.forEach((region, c) => plotted.set(`${String(region)}|${String(channel)}`, heat[0]!.z[r]![c] ?? null)));
  for (const cell of cells) expect(plotted.get(`${cell.region}|${cell.channel}`), `${cell.region} × ${cell.channel}`).toBe(cell.n);
  await page.screenshot({ path: path.join(screenshots, 'chart-kinds-heatmap-en.png') });
  // 100 % bars: each part is the engine's share of its region's tickets
  await app.chooseKind('bar_100');
  const percent = await app.waitForTraces((t) => t.length > 1 && t.every((tr) => tr.type === 'bar') && t.some((tr) => tr.y.some((v) => v !== null && v < 100)), 'one 100 % bar trace per channel');
  const regionTotals = new Map<string, number>();
  for (const cell of cells) regionTotals.set(cell.region, (regionTotals.get(cell.region) ?? 0) + cell.n);
  for (const trace of percent) {
    trace.x.forEach((region, i) => {
      const cell = cells.find((c) => c.region === String(region) && c.channel === trace.name)!;
      expect((trace.y as number[])[i], `${String(region)} × ${String(trace.name)}`).toBeCloseTo((100 * cell.n) / regionTotals.get(cell.region)!, 6);
    });
  }
  await app.chooseKind('heatmap');

  // a kind that no longer fits falls back to the best that does, and says so
  await app.pill('color', 0).getByRole('button').first().focus();
  await page.keyboard.press('Delete');
  await expect(app.pill('color', 0)).toHaveCount(0);
  await expect(kind('heatmap')).toHaveAttribute('aria-disabled', 'true');
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'bars again without a second dimension');

  await app.switchLanguage();
  await expect(kind('heatmap')).toHaveText(format('zh-CN', 'chart.type.heatmap'));
  await page.screenshot({ path: path.join(screenshots, 'chart-kinds-zh.png') });
});

test('a metric of the catalogue is a field of its table: dragged to Rows it draws its value per group with n and interval, and is saved at its version', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();

  await app.dragFieldToShelf('tickets', 'region', 'x');
  const metric = app.field('tickets', 'metric:csat_mean');
  await expect(metric).toContainText('CSAT');
  // a metric is a measure: Columns refuses it, in words
  await app.dragTo(metric, app.shelf('color'));
  await expect(page.getByText(/is a metric: it goes on Rows/)).toBeVisible();
  await expect(app.pill('color', 0)).toHaveCount(0);

  await app.dragTo(metric, app.shelf('y'));
  const bars = await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'mean CSAT per region');
  const expected = Object.fromEntries(sql<{ region: string; avg: number; n: number }>('SELECT region, AVG(csat) AS avg, COUNT(csat) AS n FROM tickets WHERE region IS NOT NULL GROUP BY region').map((r) => [r.region, r]));
  bars[0]!.x.forEach((region, i) => {
    const want = expected[String(region)];
    if (want === undefined) return;
    expect(bars[0]!.y[i], String(region)).toBeCloseTo(want.avg, 9);
    expect(bars[0]!.customdata[i]).toContain(`n = ${want.n.toLocaleString('en')}`);
  });

  await expect(app.saveStatus).toHaveText(format('en', 'sheets.status.saved'));
  const [latest] = sql<{ spec: string }>('SELECT spec FROM rw_charts ORDER BY updated_at DESC LIMIT 1');
  const saved = JSON.parse(latest!.spec) as ChartSpec;
  expect(saved.shelves.rows).toEqual([{ metric: 'csat_mean', version: 1 }]);

  await page.reload();
  await expect(page.getByTestId('status-bar')).toContainText(/\d/);
  await app.sheetTabs.getByRole('tab').last().click();
  await expect(app.pill('y', 0)).toContainText(/CSAT/);
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'the metric again after a reload');
  await page.screenshot({ path: path.join(screenshots, 'metric-pill-en.png') });
});

test('measures alone are KPI cards: the value with its n and interval, a monthly sparkline and the change on the month before', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();

  await app.dragTo(app.field('tickets', 'metric:csat_mean'), app.shelf('y'));
  await app.dragFieldToShelf('tickets', '__count', 'y');
  const cards = page.getByTestId('kpi-cards');
  await expect(cards).toBeVisible();
  await expect(page.getByTestId('chart-type-auto')).toHaveText(format('en', 'chart.type.autoChose', { kind: format('en', 'chart.type.kpi') }));

  const [all] = sql<{ avg: number; n: number; total: number }>('SELECT AVG(csat) AS avg, COUNT(csat) AS n, COUNT(*) AS total FROM tickets');
  const csat = page.getByTestId('kpi-csat_mean');
  await expect(csat.getByTestId('kpi-value')).toHaveText(kpiValueText('en', all!.avg, 'score'));
  await expect(csat).toContainText(`n = ${all!.n.toLocaleString('en')}`);
  await expect(page.getByTestId('kpi-count').getByTestId('kpi-value')).toHaveText(kpiValueText('en', all!.total, undefined));

  // the change of the count from the month before the latest, as SQLite counts the months
  const months = sql<{ m: string; n: number }>("SELECT strftime('%Y-%m', created_at) AS m, COUNT(*) AS n FROM tickets WHERE created_at IS NOT NULL GROUP BY m ORDER BY m DESC LIMIT 2");
  const change = kpiChange('en', months[0]!.n, months[1]!.n, undefined, undefined);
  await expect(page.getByTestId('kpi-count').getByTestId('kpi-change')).toContainText(change!.text);
  await expect(page.getByTestId('kpi-count').locator('.kpi-sparkline polyline')).toHaveCount(1);
  await page.screenshot({ path: path.join(screenshots, 'kpi-en.png') });

  await app.switchLanguage();
  await expect(page.getByTestId('kpi-count').getByTestId('kpi-value')).toHaveText(kpiValueText('zh-CN', all!.total, undefined));
  await page.screenshot({ path: path.join(screenshots, 'kpi-zh.png') });
});

test('a table shows the result itself: a row per group, each measure and a metric’s n, as SQLite computes them', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();

  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.dragTo(app.field('tickets', 'metric:csat_mean'), app.shelf('y'));
  await app.chooseKind('table');
  const table = page.getByTestId('result-table');
  await expect(table).toBeVisible();
  const expected = sql<{ channel: string; n: number; avg: number; answered: number }>('SELECT channel, COUNT(*) AS n, AVG(csat) AS avg, COUNT(csat) AS answered FROM tickets GROUP BY channel');
  await expect(table.locator('tbody tr')).toHaveCount(expected.length);
  for (const row of expected) {
    const cells = table.locator('tbody tr').filter({ has: page.getByRole('cell', { name: row.channel, exact: true }) }).locator('td');
    await expect(cells).toHaveText([row.channel, row.n.toLocaleString('en'), kpiValueText('en', row.avg, 'score'), row.answered.toLocaleString('en')]);
  }
  await page.screenshot({ path: path.join(screenshots, 'table-en.png') });
});

test('filters keep the top N values by records, or the last N days up to the latest day in the data', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'bar', 'counts per channel');
  const bars = async (): Promise<Record<string, number | null>> => {
    const [trace] = await app.traces();
    return trace === undefined ? {} : Object.fromEntries(trace.x.map((x, i) => [String(x), trace.y[i] ?? null]));
  };

  // the two priorities with the most tickets
  await app.dragFieldToShelf('tickets', 'priority', 'filters');
  const picker = page.getByTestId('filter-picker');
  await picker.getByRole('tab', { name: format('en', 'filter.mode.top') }).click();
  await picker.getByRole('spinbutton', { name: format('en', 'filter.count') }).fill('2');
  await picker.getByRole('button', { name: format('en', 'filter.apply') }).click();
  await expect(app.pill('filters', 0)).toContainText(format('en', 'shelf.topN', { count: 2 }));
  const topTwo = Object.fromEntries(
    sql<{ channel: string; n: number }>(
      'SELECT channel, COUNT(*) AS n FROM tickets WHERE priority IN (SELECT priority FROM tickets GROUP BY priority ORDER BY COUNT(*) DESC, priority LIMIT 2) GROUP BY channel',
    ).map((r) => [r.channel, r.n]),
  );
  await expect.poll(bars, { message: 'counts of the two largest priorities' }).toEqual(topTwo);

  // and only the last 30 days of the data
  await app.dragFieldToShelf('tickets', 'created_at', 'filters');
  await picker.getByRole('tab', { name: format('en', 'filter.mode.relative') }).click();
  await picker.getByRole('button', { name: format('en', 'shelf.lastDays', { days: 30 }) }).click();
  await picker.getByRole('button', { name: format('en', 'filter.apply') }).click();
  await expect(app.pill('filters', 1)).toContainText(format('en', 'shelf.lastDays', { days: 30 }));
  const recent = Object.fromEntries(
    sql<{ channel: string; n: number }>(
      "SELECT channel, COUNT(*) AS n FROM tickets WHERE priority IN (SELECT priority FROM tickets WHERE created_at >= (SELECT date(MAX(created_at), '-29 days') FROM tickets) GROUP BY priority ORDER BY COUNT(*) DESC, priority LIMIT 2) AND created_at >= (SELECT date(MAX(created_at), '-29 days') FROM tickets) GROUP BY channel",
    ).map((r) => [r.channel, r.n]),
  );
  await expect.poll(bars, { message: 'the last 30 days of the two largest priorities' }).toEqual(recent);
  // the inspector says so in words
  const createdAt = await app.fieldLabel('tickets', 'created_at');
  const priority = await app.fieldLabel('tickets', 'priority');
  await expect(page.getByRole('complementary')).toContainText(format('en', 'summary.lastDays', { field: createdAt, days: 30 }));
  await expect(page.getByRole('complementary')).toContainText(format('en', 'summary.top', { field: priority, count: 2 }));
  await page.screenshot({ path: path.join(screenshots, 'filters-en.png') });
});

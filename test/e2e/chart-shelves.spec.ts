import path from 'node:path';
import { expect, test } from './support/test';
import { format, formatNumber } from '../../shared/i18n/messages';
import type { ChartSpec } from '../../shared/spec/chart-spec';
import { localeOrder } from '../../shared/chart/locale-order';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 3000, seed: 17 });

const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

/** The percentile SQLite's percentile() means, worked out here from the raw values: linear between the nearest ranks. */
function percentile(sorted: readonly number[], p: number): number {
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

test('Size, Label and Tooltip: markers sized, values written on bars, extra measures in every hover, all as SQLite computes them; pills move by keyboard and are saved', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();

  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.dragFieldToShelf('tickets', 'csat', 'y');
  await app.chooseKind('scatter');
  await app.dragFieldToShelf('tickets', 'ces', 'size');
  await expect(app.pill('size', 0)).toContainText(format('en', 'agg.avg'));
  await app.dragFieldToShelf('tickets', 'reopen_count', 'tooltip');
  await expect(app.pill('tooltip', 0)).toBeVisible();

  const byChannel = new Map(
    sql<{ channel: string | null; n: number; ces: number | null; reopen: number | null }>('SELECT channel, COUNT(*) AS n, AVG(ces) AS ces, SUM(reopen_count) AS reopen FROM tickets GROUP BY channel').map((r) => [r.channel ?? format('en', 'chart.null'), r]),
  );
  const scatter = await app.waitForTraces((t) => t[0]?.type === 'scatter' && t[0].markerSize.length > 0 && t[0].customdata.some((c) => c.includes('Reopen')), 'a scatter sized by CES with reopens in the hover');
  const points = scatter[0]!;
  expect(points.customdata).toHaveLength(byChannel.size);
  points.customdata.forEach((hover, i) => {
    const [channel] = hover.split(' | ');
    const want = byChannel.get(channel!);
    expect(want, channel).toBeDefined();
    expect(points.x[i], `${channel}: records`).toBe(want!.n);
    expect(points.markerSize[i], `${channel}: size is the average CES`).toBeCloseTo(want!.ces ?? 0, 9);
    expect(hover, `${channel}: the tooltip's sum of reopens`).toContain(formatNumber('en', want!.reopen!));
  });

  await page.screenshot({ path: path.join(screenshots, 'chart-shelves-size-en.png') });

  // records written on each bar
  await app.chooseKind('bar');
  await app.dragFieldToShelf('tickets', '__count', 'label');
  const bars = await app.waitForTraces((t) => t[0]?.type === 'bar' && t[0].text.length > 0, 'bars labelled with their records');
  bars[0]!.x.forEach((channel, i) => {
    const want = byChannel.get(String(channel));
    expect(bars[0]!.text[i], String(channel)).toBe(formatNumber('en', want!.n));
  });
  expect(bars[0]!.customdata[0]).toContain(format('en', 'chart.axis.measure', { aggregate: format('en', 'agg.sum'), field: await app.fieldLabel('tickets', 'reopen_count') }));
  await page.screenshot({ path: path.join(screenshots, 'chart-shelves-label-en.png') });

  // the tooltip pill moves to Label by keyboard: Space, one step back, Space
  const reopen = await app.fieldLabel('tickets', 'reopen_count');
  await app.pill('tooltip', 0).getByRole('button').first().focus();
  await page.keyboard.press('Space');
  // picked up, it is over its own shelf first
  await expect(page.getByText(format('en', 'dnd.over', { field: reopen, shelf: format('en', 'shelf.tooltip') }))).toBeAttached();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByText(format('en', 'dnd.over', { field: reopen, shelf: format('en', 'shelf.label') }))).toBeAttached();
  await page.keyboard.press('Space');
  await expect(app.pill('label', 1)).toContainText(reopen);
  await expect(app.pill('tooltip', 0)).toHaveCount(0);
  const relabelled = await app.waitForTraces((t) => t[0]?.text[0]?.includes(' · ') === true, 'two values written on each bar');
  const first = byChannel.get(String(relabelled[0]!.x[0]))!;
  expect(relabelled[0]!.text[0]).toBe(`${formatNumber('en', first.n)} · ${formatNumber('en', first.reopen!)}`);

  // a second field on Size is refused in words; Delete takes a pill off
  await app.dragFieldToShelf('tickets', 'csat', 'size');
  await expect(page.getByText(format('en', 'shelf.sizeTaken', { field: await app.fieldLabel('tickets', 'csat') }))).toBeVisible();
  await app.pill('label', 1).getByRole('button').first().focus();
  await page.keyboard.press('Delete');
  await expect(app.pill('label', 1)).toHaveCount(0);

  await expect(app.saveStatus).toHaveText(format('en', 'sheets.status.saved'));
  const [latest] = sql<{ spec: string }>('SELECT spec FROM rw_charts ORDER BY updated_at DESC LIMIT 1');
  const saved = JSON.parse(latest!.spec) as ChartSpec;
  expect(saved.shelves.size).toEqual([{ field: 'ces', aggregate: 'avg' }]);
  expect(saved.shelves.label).toEqual([{ aggregate: 'count' }]);
  expect(saved.shelves.tooltip).toEqual([]);

  await app.switchLanguage();
  await expect(page.getByTestId('shelf-size')).toBeVisible();
  await expect(page.getByText(format('zh-CN', 'shelf.tooltip'), { exact: true })).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'chart-shelves-zh.png') });
});

test('a box plot draws each channel’s minimum, quartiles, median and maximum of CSAT as the engine finds them', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'channel', 'x');
  await app.dragFieldToShelf('tickets', 'csat', 'y');
  await app.chooseKind('box');
  const traces = await app.waitForTraces((t) => t.some((tr) => tr.type === 'box'), 'a box plot');
  const box = traces.find((t) => t.type === 'box')!;

  const values = new Map<string, number[]>();
  for (const r of sql<{ channel: string | null; csat: number }>('SELECT channel, csat FROM tickets WHERE csat IS NOT NULL ORDER BY csat')) {
    const key = r.channel ?? format('en', 'chart.null');
    values.set(key, [...(values.get(key) ?? []), r.csat]);
  }
  expect(box.x.length).toBeGreaterThan(1);
  box.x.forEach((channel, i) => {
    const sorted = values.get(String(channel))!;
    expect(box.box.lowerfence[i], `${String(channel)} min`).toBe(sorted[0]);
    expect(box.box.q1[i], `${String(channel)} Q1`).toBeCloseTo(percentile(sorted, 25), 9);
    expect(box.box.median[i], `${String(channel)} median`).toBeCloseTo(percentile(sorted, 50), 9);
    expect(box.box.q3[i], `${String(channel)} Q3`).toBeCloseTo(percentile(sorted, 75), 9);
    expect(box.box.upperfence[i], `${String(channel)} max`).toBe(sorted.at(-1));
  });
  const hover = traces.find((t) => t.type === 'scatter')!;
  expect(hover.customdata[0]).toContain('Median: <b>');
  await page.screenshot({ path: path.join(screenshots, 'chart-box-en.png') });

  await app.switchLanguage();
  await expect.poll(async () => (await app.traces()).find((t) => t.type === 'scatter')?.customdata[0] ?? '').toContain('中位数');
  await page.screenshot({ path: path.join(screenshots, 'chart-box-zh.png') });
});

test('a pivot table puts regions across and channels down, with each line’s total, the total line and the grand total SQLite counts', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'region', 'x');
  await app.dragFieldToShelf('tickets', 'channel', 'color');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.chooseKind('pivot');
  const table = page.getByTestId('pivot-table');
  await expect(table).toBeVisible();

  const empty = format('en', 'chart.null');
  // in the reader's order, as chart axes are; empty last
  const order = localeOrder('en');
  const regions = sql<{ region: string | null }>('SELECT DISTINCT region FROM tickets').map((r) => r.region).sort(order).map((r) => r ?? empty);
  const channels = sql<{ channel: string | null }>('SELECT DISTINCT channel FROM tickets').map((r) => r.channel).sort(order).map((c) => c ?? empty);
  const cells = new Map(sql<{ region: string | null; channel: string | null; n: number }>('SELECT region, channel, COUNT(*) AS n FROM tickets GROUP BY region, channel').map((r) => [`${r.region ?? empty}|${r.channel ?? empty}`, r.n]));
  const byRegion = new Map(sql<{ region: string | null; n: number }>('SELECT region, COUNT(*) AS n FROM tickets GROUP BY region').map((r) => [r.region ?? empty, r.n]));
  const byChannel = new Map(sql<{ channel: string | null; n: number }>('SELECT channel, COUNT(*) AS n FROM tickets GROUP BY channel').map((r) => [r.channel ?? empty, r.n]));
  const [all] = sql<{ n: number }>('SELECT COUNT(*) AS n FROM tickets');
  const text = (n: number | undefined) => (n === undefined ? '—' : formatNumber('en', n));

  await expect(table.locator('thead tr').first()).toHaveText(await app.fieldLabel('tickets', 'region'));
  await expect(table.locator('thead tr').last().locator('th')).toHaveText([await app.fieldLabel('tickets', 'channel'), ...regions, format('en', 'pivot.total')]);
  const lines = table.locator('tbody tr');
  await expect(lines).toHaveCount(channels.length + 1);
  for (const [i, channel] of channels.entries()) {
    await expect(lines.nth(i).locator('th, td'), channel).toHaveText([channel, ...regions.map((region) => text(cells.get(`${region}|${channel}`))), text(byChannel.get(channel))]);
  }
  const total = lines.last();
  await expect(total).toHaveAttribute('data-line', 'total');
  await expect(total.locator('th, td')).toHaveText([format('en', 'pivot.grandTotal'), ...regions.map((region) => text(byRegion.get(region))), text(all!.n)]);
  await page.screenshot({ path: path.join(screenshots, 'chart-pivot-en.png') });

  await app.switchLanguage();
  await expect(total.locator('th').first()).toHaveText(format('zh-CN', 'pivot.grandTotal'));
  await expect(total.locator('td').last()).toHaveText(formatNumber('zh-CN', all!.n));
  await page.screenshot({ path: path.join(screenshots, 'chart-pivot-zh.png') });
});

test('a control chart draws the mean and ±3σ limits the engine works out over the months', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'created_at', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.chooseKind('control');
  await app.waitForTraces((t) => t.length === 1 && t[0]?.type === 'scatter', 'a control chart');
  const months = sql<{ n: number }>("SELECT COUNT(*) AS n FROM tickets GROUP BY strftime('%Y-%m', created_at)").map((r) => r.n);
  const mean = months.reduce((a, b) => a + b, 0) / months.length;
  const sd = Math.sqrt(months.reduce((a, b) => a + (b - mean) ** 2, 0) / months.length);
  await expect.poll(async () => (await app.layout()).shapes.length).toBe(3);
  const [centre, upper, lower] = (await app.layout()).shapes.map((s) => s.y0);
  expect(centre).toBeCloseTo(mean, 6);
  expect(upper).toBeCloseTo(mean + 3 * sd, 6);
  expect(lower).toBeCloseTo(mean - 3 * sd, 6);
});

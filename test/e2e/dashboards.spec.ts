import path from 'node:path';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import type { DashboardSpec } from '../../shared/spec/dashboard-spec';
import { kpiValueText } from '../../shared/chart/kpi-format';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 4000, seed: 21 });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);
const one = (query: string, ...params: unknown[]): number => Number(Object.values(sql<Record<string, number>>(query, ...params)[0] ?? {})[0]);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

const tile = (page: Page, title: string): Locator => page.getByTestId('dashboard-tile').filter({ has: page.locator('.tile-title', { hasText: title }) });
const sum = (values: readonly (number | null)[]): number => values.reduce<number>((a, b) => a + (b ?? 0), 0);
const savedOverview = (): DashboardSpec => JSON.parse(sql<{ spec: string }>("SELECT spec FROM rw_dashboards WHERE built_in = 'service-overview'")[0]!.spec) as DashboardSpec;

test('the Service overview comes in one click, every tile drawn from the engine; a clicked slice cross-filters the others, a dashboard filter narrows them all', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.openWorkspace('dashboards');
  await expect(page.getByText(format('en', 'dashboard.empty.title'))).toBeVisible();
  await page.getByTestId('dashboard-overview-empty').click();
  await expect(page.getByTestId('dashboard-name')).toHaveText('Service overview');
  await expect(page.getByTestId('dashboard-tile')).toHaveCount(11);

  // the KPI header: volume as SQLite counts it
  const total = one('SELECT COUNT(*) FROM tickets');
  await expect(page.getByTestId('dashboard-kpis').getByTestId('kpi-ticket_volume').getByTestId('kpi-value')).toHaveText(kpiValueText('en', total, 'count'));

  // the volume trend sums to the table, the channel mix is SQLite's counts
  const volume = tile(page, 'Ticket volume by month').getByTestId('chart');
  const trendTotal = async (): Promise<number> => sum((await app.tracesOf(volume))[0]?.y ?? []);
  await expect.poll(trendTotal).toBe(one('SELECT COUNT(*) FROM tickets WHERE created_at IS NOT NULL'));
  const mix = tile(page, 'Channel mix').getByTestId('chart');
  await expect.poll(async () => (await app.tracesOf(mix))[0]?.labels.length ?? 0).toBeGreaterThan(2);
  const [donut] = await app.tracesOf(mix);
  const byChannel = Object.fromEntries(sql<{ channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM tickets GROUP BY channel').map((r) => [r.channel, r.n]));
  expect(Object.fromEntries(donut!.labels.map((label, i) => [String(label), donut!.values[i]]))).toEqual(byChannel);
  await page.screenshot({ path: path.join(screenshots, 'dashboard-overview-en.png'), fullPage: true });

  // click a slice: every other tile with a channel field shows that channel only
  await mix.scrollIntoViewIfNeeded();
  const slice = await mix.locator('g.slice path.surface').first().boundingBox();
  await page.mouse.move(slice!.x + slice!.width / 2 - 2, slice!.y + slice!.height / 2);
  await page.mouse.click(slice!.x + slice!.width / 2, slice!.y + slice!.height / 2);
  const chip = page.getByTestId('cross-filter');
  await expect(chip).toBeVisible();
  const chipText = (await chip.textContent()) ?? '';
  const clicked = Object.keys(byChannel).find((c) => chipText.endsWith(`= ${c}`));
  expect(clicked, chipText).toBeDefined();
  await expect.poll(trendTotal).toBe(one('SELECT COUNT(*) FROM tickets WHERE created_at IS NOT NULL AND channel = ?', clicked));
  await expect(tile(page, 'Ticket volume by month')).toHaveClass(/is-cross-filtered/);
  const categories = tile(page, 'Top 10 categories').getByTestId('chart');
  await expect.poll(async () => sum((await app.tracesOf(categories))[0]?.y ?? [])).toBe(one('SELECT COUNT(*) FROM tickets WHERE channel = ? AND category IS NOT NULL', clicked));
  // the tile clicked keeps all its slices
  expect((await app.tracesOf(mix))[0]!.labels).toHaveLength(Object.keys(byChannel).length);
  await page.screenshot({ path: path.join(screenshots, 'dashboard-cross-filter-en.png') });
  await page.keyboard.press('Escape');
  await expect(chip).toHaveCount(0);
  await expect.poll(trendTotal).toBe(one('SELECT COUNT(*) FROM tickets WHERE created_at IS NOT NULL'));

  // a dashboard filter: region = the first region, on every tile and the KPI header
  const region = sql<{ region: string }>('SELECT region FROM tickets WHERE region IS NOT NULL GROUP BY region ORDER BY COUNT(*) DESC LIMIT 1')[0]!.region;
  await page.getByTestId('dashboard-add-filter').click();
  await page.getByTestId('dashboard-filter-fields').getByRole('option', { name: 'region', exact: false }).first().click();
  const picker = page.getByTestId('filter-picker');
  await picker.getByRole('button', { name: format('en', 'filter.none') }).click();
  await picker.getByRole('checkbox', { name: new RegExp(region) }).check();
  await picker.getByRole('button', { name: format('en', 'filter.apply') }).click();
  await expect(page.getByTestId('dashboard-filter')).toContainText(region);
  const inRegion = one('SELECT COUNT(*) FROM tickets WHERE region = ?', region);
  await expect(page.getByTestId('dashboard-kpis').getByTestId('kpi-ticket_volume').getByTestId('kpi-value')).toHaveText(kpiValueText('en', inRegion, 'count'));
  await expect.poll(trendTotal).toBe(one('SELECT COUNT(*) FROM tickets WHERE created_at IS NOT NULL AND region = ?', region));
  await expect.poll(() => savedOverview().filters.map((f) => f.field)).toEqual(['region']);

  await app.switchLanguage();
  await expect(page.getByTestId('dashboard-kpis').getByTestId('kpi-ticket_volume').getByTestId('kpi-value')).toHaveText(kpiValueText('zh-CN', inRegion, 'count'));
  await page.screenshot({ path: path.join(screenshots, 'dashboard-overview-zh.png'), fullPage: true });
});

test('a sheet becomes a tile; tiles move and resize by dragging and from the keyboard, undo puts them back, and the layout is saved', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  // a sheet in Analyze: tickets by region
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'region', 'x');
  await app.dragFieldToShelf('tickets', '__count', 'y');
  await app.waitForTraces((t) => t[0]?.type === 'bar', 'bars by region');

  await app.openWorkspace('dashboards');
  await page.getByTestId('dashboard-new').click();
  await expect(page.getByText(format('en', 'dashboard.noTiles.title'))).toBeVisible();
  const name = (await page.getByTestId('dashboard-name').textContent()) ?? '';
  expect(name).toMatch(/^Dashboard \d+$/);
  const dashboardId = (): number => sql<{ id: number }>('SELECT id FROM rw_dashboards WHERE built_in IS NULL ORDER BY id DESC LIMIT 1')[0]!.id;
  const saved = (): DashboardSpec => JSON.parse(sql<{ spec: string }>('SELECT spec FROM rw_dashboards WHERE id = ?', dashboardId())[0]!.spec) as DashboardSpec;

  // two tiles from the sheet menu: the first on the left half, the second beside it
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('dashboard-add-tile').click();
    await page.getByTestId('dashboard-add-tile-menu').getByRole('menuitem').last().click();
  }
  const tiles = page.getByTestId('dashboard-tile');
  await expect(tiles).toHaveCount(2);
  const byRegion = Object.fromEntries(sql<{ region: string | null; n: number }>('SELECT region, COUNT(*) AS n FROM tickets GROUP BY region').map((r) => [r.region ?? format('en', 'chart.null'), r.n]));
  const first = tiles.first().getByTestId('chart');
  await expect.poll(async () => (await app.tracesOf(first))[0]?.x.length ?? 0).toBe(Object.keys(byRegion).length);
  const [bars] = await app.tracesOf(first);
  expect(Object.fromEntries(bars!.x.map((x, i) => [String(x), bars!.y[i]]))).toEqual(byRegion);
  await expect.poll(() => saved().tiles.map((t) => [t.x, t.y, t.w, t.h])).toEqual([
    [0, 0, 6, 5],
    [6, 0, 6, 5],
  ]);

  // drag the second tile's title bar onto the first: the first makes room below
  const second = tiles.nth(1);
  const grab = await second.locator('.tile-header').boundingBox();
  const target = await tiles.first().locator('.tile-header').boundingBox();
  await page.mouse.move(grab!.x + 40, grab!.y + grab!.height / 2);
  await page.mouse.down();
  await page.mouse.move(grab!.x + 20, grab!.y + 10, { steps: 4 });
  await page.mouse.move(target!.x + 40, target!.y + target!.height / 2, { steps: 16 });
  await page.mouse.up();
  await expect.poll(() => saved().tiles.map((t) => [t.id, t.x, t.y])).toEqual([
    ['tile-1', 0, 5],
    ['tile-2', 0, 0],
  ]);

  // undo puts it back; redo moves it again
  await page.keyboard.press('Control+z');
  await expect.poll(() => saved().tiles.map((t) => [t.id, t.x, t.y])).toEqual([
    ['tile-1', 0, 0],
    ['tile-2', 6, 0],
  ]);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => saved().tiles.map((t) => [t.id, t.x, t.y])).toEqual([
    ['tile-1', 0, 5],
    ['tile-2', 0, 0],
  ]);

  // resize the top tile by dragging its corner two columns wider
  const top = page.locator('[data-tile="tile-2"]');
  await top.hover();
  const corner = await top.locator('.tile-resize').boundingBox();
  const grid = await page.getByTestId('dashboard-grid').boundingBox();
  const column = (grid!.width + 12) / 12;
  await page.mouse.move(corner!.x + corner!.width / 2, corner!.y + corner!.height / 2);
  await page.mouse.down();
  await page.mouse.move(corner!.x + column * 2 + 4, corner!.y + corner!.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => saved().tiles.find((t) => t.id === 'tile-2')?.w).toBe(8);

  // from the keyboard: Alt+Shift+Left narrows it again, Delete removes it, undo brings it back
  await top.focus();
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect.poll(() => saved().tiles.find((t) => t.id === 'tile-2')?.w).toBe(7);
  await page.locator('[data-tile="tile-2"]').focus();
  await page.keyboard.press('Delete');
  await expect(tiles).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(tiles).toHaveCount(2);

  // after a reload the dashboard is as it was left
  await expect.poll(() => saved().tiles.length).toBe(2);
  await page.reload();
  await app.openWorkspace('dashboards');
  await page.getByTestId('dashboard-item').filter({ hasText: name }).click();
  await expect(page.locator('[data-tile="tile-2"]')).toBeVisible();
  await expect.poll(async () => (await app.tracesOf(page.locator('[data-tile="tile-1"]').getByTestId('chart')))[0]?.type).toBe('bar');
  await app.switchLanguage();
  await expect(page.getByTestId('rail-dashboards')).toContainText(format('zh-CN', 'rail.dashboards'));
  await page.screenshot({ path: path.join(screenshots, 'dashboard-tiles-zh.png') });
});

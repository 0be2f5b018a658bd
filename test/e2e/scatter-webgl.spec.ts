import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { WEBGL_POINTS } from '../../shared/chart/chart-figure';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

// A scatter of more points than WEBGL_POINTS draws with WebGL (plotly's scattergl). The window's
// Content-Security-Policy has no 'unsafe-eval': plotly's plain bundle then shows "WebGL is not
// supported" in place of the points, which a check of the traces alone does not see. This test
// looks at the pixels.
const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const TICKETS = 6000;
const host = useServedWorkbench({ rows: TICKETS, seed: 11 });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

/** The chart's marker colour (the first series colour, #0072B2). */
const MARKER = { r: 0x00, g: 0x72, b: 0xb2 };

/** Pixels of the marker colour on screen inside the plot area, counted from a screenshot the page
 * decodes itself (an image drawn on a canvas: no PNG library needed). */
async function markerPixels(page: Page): Promise<number> {
  const area = await page.locator('.chart-card [data-testid="chart"] .nsewdrag').first().boundingBox();
  if (area === null) throw new Error('the scatter has no plot area');
  const png = await page.screenshot({ clip: area });
  return page.evaluate(
    async ({ base64, marker }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - marker.r) < 40 && Math.abs(data[i + 1]! - marker.g) < 40 && Math.abs(data[i + 2]! - marker.b) < 40) count++;
      }
      return count;
    },
    { base64: png.toString('base64'), marker: MARKER },
  );
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

test('a scatter of one point per ticket draws its points with WebGL under the window’s security policy, and pans', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.newSheet();
  await app.dragFieldToShelf('tickets', 'ticket_id', 'x');
  await app.dragFieldToShelf('tickets', 'csat', 'y');
  await app.dragFieldToShelf('tickets', 'nps', 'y');
  await app.chooseKind('scatter');

  const tickets = sql<{ n: number }>('SELECT COUNT(DISTINCT ticket_id) AS n FROM tickets')[0]!.n;
  expect(tickets).toBeGreaterThan(WEBGL_POINTS);
  const traces = await app.waitForTraces((t) => t[0]?.type === 'scattergl' && t[0].x.length === tickets, 'a WebGL scatter with a point per ticket');
  // the points are the engine's: the average CSAT and NPS of each ticket, as SQLite has them
  const byTicket = new Map(sql<{ id: string; csat: number | null; nps: number | null }>('SELECT ticket_id AS id, AVG(csat) AS csat, AVG(nps) AS nps FROM tickets GROUP BY ticket_id').map((r) => [r.id, r]));
  const points = traces[0]!;
  for (const i of [0, 1, Math.floor(tickets / 2), tickets - 1]) {
    const id = points.customdata[i]!.split(' | ')[0]!;
    expect(points.x[i] ?? null, id).toBe(byTicket.get(id)!.csat);
    expect(points.y[i] ?? null, id).toBe(byTicket.get(id)!.nps);
  }

  // WebGL is there and drew: no fallback message, and the markers' colour on screen
  await expect(app.chart.locator('.gl-container')).not.toContainText('WebGL');
  await expect.poll(() => markerPixels(page), { message: 'marker-coloured pixels in the plot area' }).toBeGreaterThan(200);
  await page.screenshot({ path: path.join(screenshots, 'scatter-webgl-en.png') });

  // pan: the axes move with the drag and the points are drawn where they now fall
  const xRange = (): Promise<number[]> => app.chart.evaluate((el) => [...((el as HTMLElement & { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range)]);
  const before = await xRange();
  await app.chart.hover();
  await app.chart.locator('.modebar-btn[data-val="pan"]').click();
  const area = (await app.chart.locator('.nsewdrag').first().boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(area.x + area.width / 2 - i * 12, area.y + area.height / 2, { steps: 1 });
  await page.mouse.up();
  const after = await xRange();
  // dragged left: the view shows larger values
  expect(after[0]!).toBeGreaterThan(before[0]!);
  expect(after[1]! - after[0]!).toBeCloseTo(before[1]! - before[0]!, 6);
  await expect.poll(() => markerPixels(page), { message: 'the points drawn again after the pan' }).toBeGreaterThan(200);
  await page.screenshot({ path: path.join(screenshots, 'scatter-webgl-panned-en.png') });
});

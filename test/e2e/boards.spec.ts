import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './support/test';
import Database from 'better-sqlite3';
import { format } from '../../shared/i18n/messages';
import { newBoardSpec, type BoardSpec } from '../../shared/spec/board-spec';
import { boardValueText, monthPeriod } from '../../shared/board/board-text';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

// the demo data's finding D (docs/demo-data.md): from October 2024 CSAT falls in 四川, because of 物流配送
const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 20000, seed: 42 });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);
const one = (query: string, ...params: unknown[]): number => Number(Object.values(sql<Record<string, number>>(query, ...params)[0] ?? {})[0]);
const savedBoard = (): { name: string; spec: BoardSpec; revision: number } => {
  const row = sql<{ name: string; spec: string; revision: number }>('SELECT name, spec, revision FROM rw_boards ORDER BY id LIMIT 1')[0]!;
  return { name: row.name, spec: JSON.parse(row.spec) as BoardSpec, revision: row.revision };
};
const en = (key: Parameters<typeof format>[1], params?: Record<string, string | number>) => format('en', key, params);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await file.path());
}

test.describe.configure({ mode: 'serial' });

test('a board starts from a problem, the explainer proposes 四川, the cause goes on a bone with its numbers, a 5-Why reaches a root cause with an action, and it all comes back', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  // a chart of CSAT by category, to attach as evidence later
  await app.dragFieldToShelf('tickets', 'category', 'x');
  await app.dragFieldToShelf('tickets', 'csat', 'y');
  await app.waitForTraces((t) => t.length === 1, 'the CSAT by category chart');
  await app.openWorkspace('boards');
  await expect(page.getByText(en('board.empty.title'))).toBeVisible();
  await page.getByTestId('board-new-empty').click();

  // the problem: CSAT in October against September
  const dialog = page.getByTestId('board-new-dialog');
  await dialog.getByTestId('board-new-metric').selectOption('csat_mean');
  await expect(dialog.getByTestId('board-new-after').locator('option')).toHaveCount(12);
  await dialog.getByTestId('board-new-after').selectOption('2024-10');
  await dialog.getByTestId('board-new-before').selectOption('2024-09');
  await page.screenshot({ path: path.join(screenshots, 'board-new-en.png') });
  await dialog.getByTestId('board-new-create').click();
  await expect(page.getByTestId('board-name')).toHaveText('CSAT (mean score) 2024-10 vs 2024-09');

  // both values, as SQLite computes them
  const mean = (from: string, to: string) => one(`SELECT AVG(csat) FROM tickets WHERE csat IS NOT NULL AND created_at >= ? AND created_at < ?`, from, to);
  const september = mean('2024-09-01', '2024-10-01');
  const october = mean('2024-10-01', '2024-11-01');
  await expect(page.getByTestId('problem-value-a')).toHaveText(boardValueText('en', september, 'score'));
  await expect(page.getByTestId('problem-value-b')).toHaveText(boardValueText('en', october, 'score'));
  await expect(page.getByTestId('problem-significance')).toHaveText(/^significant \(p /);
  expect(october).toBeLessThan(september);

  // the explainer: 四川 among the first three candidates, a waterfall of its dimension
  await page.getByTestId('explain-run').click();
  const candidates = page.getByTestId('explain-candidate');
  await expect(candidates.first()).toBeVisible({ timeout: 20_000 });
  const names = await page.getByTestId('explain-candidate-name').allTextContents();
  const sichuan = names.findIndex((n) => n === 'Region = 四川');
  expect(sichuan, names.join(' | ')).toBeGreaterThanOrEqual(0);
  expect(sichuan).toBeLessThan(3);
  await page.getByTestId('explain-candidate-name').nth(sichuan).click();
  await expect(page.getByTestId('explain-dimension')).toHaveValue('region');
  const waterfall = page.getByTestId('explain-waterfall').getByTestId('chart');
  await expect.poll(async () => (await app.tracesOf(waterfall))[0]?.x.length ?? 0).toBeGreaterThan(2);
  const [bars] = await app.tracesOf(waterfall);
  expect(bars!.x).toContain('四川');
  expect(bars!.x[0]).toBe(en('board.explain.before'));
  await page.screenshot({ path: path.join(screenshots, 'board-explainer-en.png') });

  // drag 四川 onto the Environment bone: a cause with its numbers frozen as evidence
  const environment = page.locator('[data-testid="fishbone-bone"][data-bone="environment"] .fishbone-bone-area');
  await app.dragTo(candidates.nth(sichuan).locator('.explain-candidate-main'), environment);
  const cause = page.getByTestId('fishbone-cause');
  await expect(cause).toHaveCount(1);
  await expect(cause).toContainText('Region = 四川');
  await expect.poll(() => savedBoard().spec.causes[0]?.evidence.length ?? 0).toBe(1);
  const saved = savedBoard().spec.causes[0]!;
  expect(saved.categoryId).toBe('environment');
  const evidence = saved.evidence[0]!;
  expect(evidence.kind).toBe('segment');
  if (evidence.kind === 'segment') {
    expect(evidence.snapshot.a).toBeCloseTo(one(`SELECT AVG(csat) FROM tickets WHERE region = '四川' AND csat IS NOT NULL AND created_at >= '2024-09-01' AND created_at < '2024-10-01'`), 9);
    expect(evidence.snapshot.nB).toBe(one(`SELECT COUNT(csat) FROM tickets WHERE region = '四川' AND created_at >= '2024-10-01' AND created_at < '2024-11-01'`));
    expect(evidence.snapshot.share!).toBeGreaterThan(0.2);
  }

  // the cause: supported, a vote, a 5-Why chain down to a root cause with a note as evidence
  await cause.click();
  await expect(page.getByTestId('node-panel')).toBeVisible();
  await expect(page.getByTestId('evidence-card')).toHaveCount(1);
  await page.getByTestId('node-status').getByRole('radio', { name: en('board.status.supported') }).click();
  await page.getByTestId('node-vote-up').click();
  // a sub-cause, then collapsed on the fishbone: its parent shows how many are hidden
  await page.getByTestId('sub-cause-input').fill('成都仓');
  await page.getByTestId('sub-cause-input').press('Enter');
  await expect(page.getByTestId('fishbone-cause')).toHaveCount(2);
  await page.getByTestId('node-collapse').click();
  await expect(page.getByTestId('fishbone-cause')).toHaveCount(1);
  await expect(page.locator('.fishbone-collapsed')).toContainText('+1');
  await page.getByTestId('why-start').click();
  const whys = ['四川物流配送工单激增', '成都仓发货延迟', '成都仓人手不足，未按旺季排班'];
  for (const why of whys) {
    await page.getByTestId('why-input').fill(why);
    await page.getByTestId('why-input').press('Enter');
  }
  await expect(page.getByTestId('why-step')).toHaveCount(3);
  await page.getByTestId('why-step').nth(2).getByRole('button').click();
  await page.getByTestId('node-status').getByRole('radio', { name: en('board.status.rootCause') }).click();
  await page.getByTestId('evidence-add-note').click();
  await page.getByTestId('evidence-note-input').fill('仓库排班表：10 月仅 6 人');
  await page.getByTestId('evidence-note-save').click();
  await expect(page.getByTestId('evidence-card')).toContainText('仓库排班表');
  // and the chart, its numbers frozen as they are now
  await page.getByTestId('evidence-add-chart').click();
  await page.getByTestId('evidence-chart').selectOption({ index: 1 });
  const chartCard = page.getByTestId('evidence-card').filter({ has: page.locator('.evidence-table') });
  await expect(chartCard).toContainText('物流配送');
  const logistics = one(`SELECT AVG(csat) FROM tickets WHERE category = '物流配送'`);
  await expect(chartCard.locator('tr', { hasText: '物流配送' })).toContainText(logistics.toFixed(2));
  await page.screenshot({ path: path.join(screenshots, 'board-why-en.png') });

  // an action on the root cause, in effect from 2024-11-01: the follow-up compares 28 days each side
  await page.getByTestId('node-add-action').click();
  await expect(page.getByTestId('actions-panel')).toBeVisible();
  await page.getByTestId('action-title').fill('成都仓旺季增派 4 人');
  await page.getByTestId('action-owner').fill('王经理');
  await page.getByTestId('action-owner').press('Tab');
  await expect(page.getByTestId('action-metric')).toHaveValue('csat_mean');
  await page.getByTestId('action-effective').fill('2024-11-01');
  const verdict = page.getByTestId('followup-verdict');
  await expect(verdict).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('followup')).toContainText(boardValueText('en', mean('2024-10-04', '2024-11-01'), 'score'));
  await page.screenshot({ path: path.join(screenshots, 'board-action-en.png') });

  await expect.poll(() => savedBoard().spec.actions[0]?.effectiveFrom ?? null).toBe('2024-11-01');
  const board = savedBoard().spec;
  expect(board.chains[0]!.steps.map((s) => [s.answer, s.status])).toEqual([
    [whys[0], 'hypothesis'],
    [whys[1], 'hypothesis'],
    [whys[2], 'root-cause'],
  ]);
  expect(board.actions[0]).toMatchObject({ title: '成都仓旺季增派 4 人', owner: '王经理', addresses: board.chains[0]!.steps[2]!.id, status: 'open' });
  expect(board.causes[0]).toMatchObject({ status: 'supported', votes: 1, collapsed: true });
  expect(board.causes[1]).toMatchObject({ text: '成都仓', parentId: board.causes[0]!.id, categoryId: 'environment' });

  // undo takes the last edit back, redo puts it again
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const revision = savedBoard().revision;
  await page.keyboard.press('Control+z');
  await expect.poll(() => savedBoard().spec.actions[0]?.effectiveFrom ?? null).toBeNull();
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => savedBoard().spec.actions[0]?.effectiveFrom ?? null).toBe('2024-11-01');
  expect(savedBoard().revision).toBeGreaterThan(revision);

  // drag the cause to the Method bone, then undo the move
  await app.dragTo(page.getByTestId('fishbone-cause'), page.locator('[data-testid="fishbone-bone"][data-bone="method"] .fishbone-bone-area'));
  await expect.poll(() => savedBoard().spec.causes[0]?.categoryId).toBe('method');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect.poll(() => savedBoard().spec.causes[0]?.categoryId).toBe('environment');

  // reopened, the board is as it was left
  await page.reload();
  await app.openWorkspace('boards');
  await expect(page.getByTestId('fishbone-cause')).toContainText('Region = 四川');
  await page.getByTestId('fishbone-cause').click();
  await expect(page.getByTestId('why-step')).toHaveCount(3);
  await page.getByTestId('board-tab-history').click();
  await expect(page.getByTestId('history-item').first()).toBeVisible();
  expect(await page.getByTestId('history-item').count()).toBeGreaterThan(3);
  await expect(page.getByTestId('history-item').first()).toContainText(en('board.action.undo'));

  // exports: SVG with the cause's text, PNG and PDF files that are what they say
  await page.getByTestId('board-export').click();
  const svg = (await download(page, () => page.getByTestId('board-export-svg').click())).toString('utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).toContain('Region = 四川');
  expect(svg).toContain(en('board.bone.environment'));
  await page.getByTestId('board-export').click();
  const png = await download(page, () => page.getByTestId('board-export-png').click());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBeGreaterThan(800);
  await page.getByTestId('board-export').click();
  const pdf = await download(page, () => page.getByTestId('board-export-pdf').click());
  expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  expect(pdf.toString('latin1')).toContain('/Subtype /Image');

  // the history restores the first revision (the empty board) as the newest, and undo takes it back
  await page.getByTestId('board-tab-history').click();
  const revisions = await page.getByTestId('history-item').count();
  await page.getByTestId('history-item').last().getByTestId('history-restore').click();
  await expect(page.getByTestId('fishbone-cause')).toHaveCount(0);
  await expect.poll(() => savedBoard().spec.causes.length).toBe(0);
  await expect(page.getByTestId('history-item')).toHaveCount(revisions + 1);
  await expect(page.getByTestId('history-item').first()).toContainText(en('board.action.restore'));
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('fishbone-cause')).toHaveCount(1);
  await expect.poll(() => savedBoard().spec.causes.length).toBe(2);
});

test('a board with 60 causes in Chinese lays out with no label over another, and keyboard walks the causes', async ({ page }) => {
  const app = new WorkbenchPage(page);
  // 60 causes over the six bones (sub-causes included), written straight into a board of the file
  const problem = { metric: 'csat_mean', filters: [], periodA: monthPeriod('2024-09'), periodB: monthPeriod('2024-10') };
  const spec = newBoardSpec(problem);
  const texts = ['坐席培训不足', '知识库过期', '系统响应慢', '物流信息未同步', '退款流程过长', 'IVR 菜单层级太深', '夜班人手不足', '质检抽样偏少', '客户期望变化', 'Spare parts out of stock'];
  const causes = Array.from({ length: 60 }, (_, i) => ({
    id: `cause-${i + 1}`,
    categoryId: spec.categories[i % 6]!.id,
    parentId: i >= 30 && i % 3 === 0 ? `cause-${i - 23}` : null,
    text: `${texts[i % texts.length]}${i % 4 === 0 ? '，在旺季与大促期间尤为明显' : ''} ${i + 1}`,
    status: 'hypothesis' as const,
    votes: i % 5,
    evidence: [],
  })).map((c) => (c.parentId !== null ? { ...c, categoryId: spec.categories[(Number(c.parentId.slice(6)) - 1) % 6]!.id } : c));
  // a second connection to the real file, as another window of the app would write it
  const db = new Database(host().workbenchPath);
  try {
    const now = new Date().toISOString();
    db.prepare('DELETE FROM rw_boards').run();
    db.prepare('INSERT INTO rw_boards (name, spec, revision, position, created_at, updated_at) VALUES (?, ?, 1, 0, ?, ?)').run('六十个原因', JSON.stringify({ ...spec, causes }), now, now);
  } finally {
    db.close();
  }

  await page.addInitScript(() => localStorage.setItem('rootwise.locale', 'zh-CN'));
  await app.open(host().url);
  await app.openWorkspace('boards');
  await expect(page.getByTestId('fishbone-cause')).toHaveCount(60);
  await expect(page.getByTestId('board-tab-explain')).toHaveText(format('zh-CN', 'board.tab.explain'));
  await expect(page.locator('[data-testid="fishbone-bone"][data-bone="people"]')).toContainText('人');
  const boxes = await page.locator('.fishbone-cause-box, .fishbone-bone-label rect, .fishbone-head-shape').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  expect(boxes).toHaveLength(60 + 6 + 1);
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5) overlaps.push(`${i}×${j}`);
    }
  expect(overlaps).toEqual([]);
  // every label's text fits its box as the browser draws it
  const overflowing = await page.getByTestId('fishbone-cause').evaluateAll((nodes) =>
    nodes.filter((n) => {
      const box = n.querySelector('.fishbone-cause-box')!.getBoundingClientRect();
      const text = n.querySelector('.fishbone-cause-text')!.getBoundingClientRect();
      return text.right > box.right + 1 || text.left < box.left - 1;
    }).length,
  );
  expect(overflowing).toBe(0);
  await page.screenshot({ path: path.join(screenshots, 'board-fishbone-60-zh.png') });

  // keyboard: focus the drawing, arrows select causes, Enter edits in place
  await page.getByTestId('fishbone-frame').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.fishbone-cause.is-selected')).toHaveCount(1);
  const first = await page.locator('.fishbone-cause.is-selected').getAttribute('data-cause');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.fishbone-cause.is-selected')).not.toHaveAttribute('data-cause', first!);
  await page.keyboard.press('Enter');
  await page.getByTestId('fishbone-edit').fill('改过的原因');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fishbone-cause').filter({ hasText: '改过的原因' })).toHaveCount(1);
  await expect.poll(() => savedBoard().spec.causes.filter((c) => c.text === '改过的原因').length).toBe(1);
  // the explainer in Chinese
  await page.getByTestId('board-tab-explain').click();
  await page.getByTestId('explain-run').click();
  await expect(page.getByTestId('explain-candidate').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('explain-candidate-name').first()).toContainText('=');
  await expect(page.getByTestId('explain-panel')).toContainText(format('zh-CN', 'board.explain.candidates', { n: await page.getByTestId('explain-candidate').count() }));
  await page.screenshot({ path: path.join(screenshots, 'board-explainer-zh.png') });
  // zoom out: the drawing gets smaller, the layout stays
  const before = await page.getByTestId('fishbone-svg').boundingBox();
  await page.getByRole('button', { name: format('zh-CN', 'board.fishbone.zoomOut') }).click();
  const after = await page.getByTestId('fishbone-svg').boundingBox();
  expect(after!.width).toBeLessThan(before!.width);
});

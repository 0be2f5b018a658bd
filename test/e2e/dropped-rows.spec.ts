import fs from 'node:fs';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ empty: true });

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

/** 260 tickets, every other one without a score; every third region padded with spaces. */
function export260(): Buffer {
  const lines = ['ticket,region,csat'];
  for (let i = 0; i < 260; i++) lines.push(`T${String(i).padStart(3, '0')},${i % 3 === 0 ? ' 华东 ' : '华北'},${i % 2 === 0 ? '' : 1 + (i % 5)}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

const step = (page: Page, n: number) => page.getByTestId(`clean-step-${n}`);

async function paletteStep(page: Page, kind: string): Promise<void> {
  await page.getByTestId('clean-add-step').click();
  await page.getByTestId('clean-palette').getByRole('menuitem', { name: format('en', `clean.kind.${kind}` as never), exact: true }).click();
}

async function setExpression(page: Page, expression: string): Promise<void> {
  await page.getByTestId('clean-field-expression').fill(expression);
  await page.getByTestId('clean-editor-apply').click();
}

test('a filter’s dropped rows over the whole table: counted, paged, exported; steps dragged to a new place and the move undone', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.importFile('scores.csv', export260());
  await page.getByTestId('rail-clean').click();
  await page.getByTestId('clean-start').click();

  // a trim, then a filter keeping the scored tickets
  await page.getByTestId('clean-col-region').click();
  await page.getByTestId('clean-column-menu').getByRole('menuitem', { name: format('en', 'clean.kind.trim'), exact: true }).click();
  await expect(step(page, 1)).toHaveAttribute('data-kind', 'trim');
  await paletteStep(page, 'filter');
  await expect(step(page, 2)).toHaveAttribute('data-kind', 'filter');
  await setExpression(page, 'csat IS NOT NULL');

  // the count is over the whole table, and opens every dropped row
  const view = page.getByTestId('clean-dropped-view');
  await expect(view).toHaveText(format('en', 'clean.dropped.button', { count: '130' }));
  // the preview's grid shows its first 200 rows, the dialog every dropped one
  await expect(page.getByTestId('clean-row-dropped')).toHaveCount(100);
  await app.screenshot(path.join(screenshots, 'dropped-rows-preview-en.png'));
  await view.click();
  const dialog = page.getByTestId('dropped-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('dropped-total')).toHaveText(format('en', 'clean.dropped.subtitle', { count: '130', source: 'scores' }));
  await expect(dialog.getByTestId('dropped-row')).toHaveCount(100);
  await expect(dialog.getByTestId('dropped-range')).toHaveText(format('en', 'clean.dropped.range', { from: '1', to: '100', total: '130' }));
  // the first dropped row is the import's first, its region as the trim left it
  const first = dialog.getByTestId('dropped-row').first();
  await expect(first.getByTestId('dropped-source-row')).toHaveText('1');
  await expect(first.locator('td')).toHaveText(['1', 'T000', '华东', '']);
  await app.screenshot(path.join(screenshots, 'dropped-rows-en.png'));

  await dialog.getByTestId('dropped-next').click();
  await expect(dialog.getByTestId('dropped-range')).toHaveText(format('en', 'clean.dropped.range', { from: '101', to: '130', total: '130' }));
  await expect(dialog.getByTestId('dropped-row')).toHaveCount(30);
  await expect(dialog.getByTestId('dropped-source-row').first()).toHaveText('201');
  await expect(dialog.getByTestId('dropped-next')).toBeDisabled();

  // every dropped row as CSV, its source row first
  const download = page.waitForEvent('download');
  await dialog.getByTestId('dropped-export').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('scores_step2_dropped.csv');
  const lines = fs.readFileSync(await saved.path(), 'utf8').replace(/\n$/, '').split('\n');
  expect(lines[0]).toBe('\uFEFFsource_row,ticket,region,csat');
  expect(lines).toHaveLength(131);
  expect(lines[1]).toBe('1,T000,华东,');
  expect(lines[130]).toBe('259,T258,华东,');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // in Chinese
  await app.switchLanguage();
  await expect(view).toHaveText(format('zh-CN', 'clean.dropped.button', { count: '130' }));
  await view.click();
  await expect(dialog.getByTestId('dropped-range')).toHaveText(format('zh-CN', 'clean.dropped.range', { from: '1', to: '100', total: '130' }));
  await app.screenshot(path.join(screenshots, 'dropped-rows-zh.png'));
  await page.keyboard.press('Escape');
  await app.switchLanguage();

  // a step that drops nothing opens an empty list
  await paletteStep(page, 'filter');
  await expect(step(page, 3)).toHaveAttribute('data-kind', 'filter');
  await expect(view).toHaveText(format('en', 'clean.dropped.none'));
  await view.click();
  await expect(dialog.getByTestId('empty-state')).toContainText(format('en', 'clean.dropped.empty.title'));
  await expect(dialog.getByTestId('dropped-export')).toBeDisabled();
  await page.keyboard.press('Escape');
  await step(page, 3).hover();
  await page.getByTestId('clean-step-remove-3').click();
  await expect(page.getByTestId('clean-steps').locator('li')).toHaveCount(2);

  // a derived column and a filter reading it; dragged above the step that makes its column, the filter is flagged
  await paletteStep(page, 'derive');
  await expect(step(page, 3)).toHaveAttribute('data-kind', 'derive');
  await paletteStep(page, 'filter');
  await expect(step(page, 4)).toHaveAttribute('data-kind', 'filter');
  await setExpression(page, 'new_column IS NOT NULL');
  await app.dragTo(page.getByTestId('clean-step-grip-4'), step(page, 3), { x: 0.5, y: 0.4 });
  await expect(step(page, 3)).toHaveAttribute('data-kind', 'filter');
  await expect(step(page, 4)).toHaveAttribute('data-kind', 'derive');
  await expect(step(page, 3)).toHaveClass(/has-problem/);
  await expect(page.getByTestId('clean-run')).toBeDisabled();
  await app.screenshot(path.join(screenshots, 'dropped-rows-drag-en.png'));

  // Ctrl+Z puts it back
  await app.undo();
  await expect(step(page, 3)).toHaveAttribute('data-kind', 'derive');
  await expect(step(page, 4)).toHaveAttribute('data-kind', 'filter');
  await expect(step(page, 4)).not.toHaveClass(/has-problem/);

  // with the keyboard: Space picks the first step up, the down arrow moves it one place, Space drops it
  // (each key waits for what it does: the drag measures the steps before an arrow can move it)
  await page.getByTestId('clean-step-grip-1').focus();
  await page.keyboard.press('Space');
  await expect(step(page, 1)).toHaveClass(/is-dragging/);
  await page.keyboard.press('ArrowDown');
  await expect(step(page, 2)).toHaveClass(/is-drop-after/);
  await page.keyboard.press('Space');
  await expect(step(page, 1)).toHaveAttribute('data-kind', 'filter');
  await expect(step(page, 2)).toHaveAttribute('data-kind', 'trim');
  await app.undo();
  await expect(step(page, 1)).toHaveAttribute('data-kind', 'trim');
});

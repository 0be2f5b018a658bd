import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/test';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

test.use({ locale: 'en-US' });

const host = useServedWorkbench({ empty: true });

const REGIONS = ['华东', '华南', '西南'];
const MISFIT_AT = 9;
const SHORT_ROW_AFTER = 20;
const SHORT_ROW = 'T9999,"华东\r\n(续)"';

/**
 * 30 tickets under a header, CRLF as Excel writes them: ticket 9 rates CSAT `五星`, and after
 * ticket 20 comes a record of two fields whose quoted region runs over two lines.
 */
function marchExport(): { buffer: Buffer; misfitLine: number; shortLine: number } {
  const records = ['ticket_id,region,csat,created_at'];
  let misfitLine = 0;
  let shortLine = 0;
  const lineOfNext = () => records.reduce((line, r) => line + r.split('\r\n').length, 1);
  for (let i = 1; i <= 30; i++) {
    if (i === MISFIT_AT) misfitLine = lineOfNext();
    const csat = i === MISFIT_AT ? '五星' : String((i % 5) + 1);
    records.push(`T${String(i).padStart(4, '0')},${REGIONS[i % 3]},${csat},2024-03-${String(i).padStart(2, '0')} 10:${String(i).padStart(2, '0')}`);
    if (i === SHORT_ROW_AFTER) {
      shortLine = lineOfNext();
      records.push(SHORT_ROW);
    }
  }
  return { buffer: Buffer.from(`${records.join('\r\n')}\r\n`, 'utf8'), misfitLine, shortLine };
}

test('every rejected value and row of an import can be read in Data, with file, line, column and reason in both languages', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);

  const { buffer, misfitLine, shortLine } = marchExport();
  expect([misfitLine, shortLine]).toEqual([10, 22]);
  expect(await app.importFile('march-tickets.csv', buffer)).toContain('Rows imported into march_tickets: 30');
  // a clean file beside it: its table gets neither a badge nor a Rejected tab
  expect(await app.importFile('agents.csv', Buffer.from('agent,team\n李娜,一组\n王强,二组\n', 'utf8'))).toContain('Rows imported into agents: 2');

  await app.openWorkspace('data');
  await expect(app.dataTable('march_tickets').getByTestId('reject-badge-march_tickets')).toHaveText(/^2/);
  await expect(app.dataTable('agents').getByTestId('reject-badge-agents')).toHaveCount(0);
  await app.dataTable('agents').click();
  await expect(page.getByTestId('preview-grid')).toContainText('李娜');
  await expect(app.rejectsTab).toHaveCount(0);

  await app.dataTable('march_tickets').click();
  await expect(page.getByTestId('preview-grid')).toContainText('T0030');
  await expect(app.rejectsTab).toHaveText('Rejected 2');
  await app.rejectsTab.click();
  await expect(app.rejectsTab).toHaveAttribute('aria-selected', 'true');
  await expect(app.rejectsTable.locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('rejects-range')).toHaveText('1–2 of 2');

  const value = app.rejectRow(0);
  await expect(value.row.locator('td').first()).toHaveText('march-tickets.csv');
  await expect(value.line).toHaveText(String(misfitLine));
  await expect(value.column).toHaveText('3 · csat');
  await expect(value.raw).toHaveText('五星');
  await expect(value.reason).toHaveText('not an integer');

  const row = app.rejectRow(1);
  await expect(row.line).toHaveText(String(shortLine));
  await expect(row.column).toHaveText('whole row');
  await expect(row.raw).toHaveText('T9999,"华东⏎(续)"');
  await expect(row.raw).toHaveAttribute('title', SHORT_ROW);
  await expect(row.reason).toHaveText('expected 4 fields, found 2');
  await app.screenshot(path.join(screenshots, 'rejects-en.png'));

  await app.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(app.rejectsTab).toHaveText('拒收 2');
  await expect(app.rejectsTable.locator('thead')).toContainText('原始文本');
  await expect(page.getByTestId('rejects-range')).toHaveText('第 1–2 条，共 2 条');
  await expect(value.line).toHaveText(String(misfitLine));
  await expect(value.column).toHaveText('3 · csat');
  await expect(value.raw).toHaveText('五星');
  await expect(value.reason).toHaveText('不是整数');
  await expect(row.column).toHaveText('整行');
  await expect(row.reason).toHaveText('应有 4 个字段，实际 2 个');
  await app.screenshot(path.join(screenshots, 'rejects-zh.png'));

  // back on the rows, the misfit's ticket is there with an empty CSAT and the short row is not
  await page.getByTestId('rows-tab').click();
  const grid = page.getByTestId('preview-grid');
  await expect(grid.locator('[data-row]')).toHaveCount(30);
  await expect(grid.locator(`[data-row="${MISFIT_AT - 1}"] [role=gridcell]`).nth(2)).toHaveText('NULL');
  await expect(grid).not.toContainText('T9999');
});

test('rejects past the first 200 are a page away', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  // 10 tickets, then 250 lines that lost their CSAT: lines 12 to 261 are rejected whole
  const lines = ['ticket_id,csat', ...Array.from({ length: 10 }, (_, i) => `S${i + 1},4`), ...Array.from({ length: 250 }, (_, i) => `S${i + 11}`)];
  expect(await app.importFile('survey.csv', Buffer.from(lines.join('\n'), 'utf8'))).toContain('whole rows 250, single values 0');

  await app.openWorkspace('data');
  await app.dataTable('survey').click();
  await expect(app.rejectsTab).toHaveText('Rejected 250');
  await app.rejectsTab.click();
  await expect(page.getByTestId('rejects-range')).toHaveText('1–200 of 250');
  await expect(app.rejectsTable.locator('tbody tr')).toHaveCount(200);
  await expect(app.rejectRow(0).line).toHaveText('12');
  await expect(app.rejectRow(199).line).toHaveText('211');
  const previous = page.getByRole('button', { name: 'Previous 200' });
  const next = page.getByRole('button', { name: 'Next 200' });
  await expect(previous).toBeDisabled();

  await next.click();
  await expect(page.getByTestId('rejects-range')).toHaveText('201–250 of 250');
  await expect(app.rejectsTable.locator('tbody tr')).toHaveCount(50);
  await expect(app.rejectRow(200).line).toHaveText('212');
  await expect(app.rejectRow(249).raw).toHaveText('S260');
  await expect(app.rejectRow(249).reason).toHaveText('expected 2 fields, found 1');
  await expect(next).toBeDisabled();

  await previous.click();
  await expect(page.getByTestId('rejects-range')).toHaveText('1–200 of 250');
  await expect(app.rejectRow(0).raw).toHaveText('S11');

  // every reject, not just the page shown, leaves as a CSV that Excel opens in the user's language
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rejects-export').click()]);
  expect(download.suggestedFilename()).toBe('survey-rejects.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const rows = csv.replace(/^\uFEFF/, '').trim().split('\n');
  expect(rows[0]).toBe('file,line,column,field,raw text,reason');
  expect(rows).toHaveLength(251);
  expect(rows[250]).toBe('survey.csv,261,,,S260,"expected 2 fields, found 1"');
});

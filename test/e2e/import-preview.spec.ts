import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { expect, test } from './support/test';
import { encodeGbk } from '../support/gbk';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

test.use({ locale: 'zh-CN' });

const host = useServedWorkbench({ empty: true });

/** A ticket export as Chinese Excel saves it: GBK, a title line above the header, 编号 codes that
 * look like numbers, and one 满意度 written as a word (line 9). */
function gbkExport(): Buffer {
  const lines = ['客服工单导出（2024年3月）', '编号,满意度,地区,创建日期'];
  for (let i = 1; i <= 20; i++) lines.push(`${1000 + i},${i === 7 ? '五' : String((i % 5) + 1)},${['华东', '华南', '西南'][i % 3]},2024年3月${i}日`);
  return encodeGbk(lines.join('\r\n') + '\r\n');
}

test('drop a GBK export, make a column text in the preview, import, read the report and open the rejects', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.dropFile('工单导出.csv', gbkExport());

  const dialog = app.importDialog;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('导入 工单导出.csv');
  const preview = dialog.getByTestId('import-preview');
  await expect(preview).toContainText('华东');
  // what the file is, as detected: GBK, comma, the header on line 2 under a title kept aside
  await expect(dialog.getByTestId('import-encoding')).toHaveValue('gb18030');
  await expect(dialog.getByTestId('import-delimiter')).toHaveValue(',');
  await expect(dialog.getByTestId('import-header-row')).toHaveValue('1');
  await expect(dialog).toContainText('其上 1 行标题已另行保存');
  await expect(dialog.getByTestId('import-table-name')).toHaveValue('工单导出');
  await expect(dialog.getByTestId('import-type-编号')).toHaveValue('integer:integer');
  await expect(dialog.getByTestId('import-type-满意度')).toHaveValue('integer:integer');
  await expect(dialog.getByTestId('import-type-创建日期')).toHaveValue('date:cn-date');
  await expect(preview.locator('tbody tr')).toHaveCount(20);
  await expect(preview.locator('tbody tr').first()).toContainText('2024年3月1日');

  // 编号 identifies tickets: the analyst makes it text before importing
  await dialog.getByTestId('import-type-编号').selectOption({ label: '文本' });
  await expect(dialog.getByTestId('import-type-编号')).toHaveValue('text:text');
  await app.screenshot(path.join(screenshots, 'import-preview-zh.png'));

  await dialog.getByTestId('import-confirm').click();
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText('已导入 20 行到 工单导出');
  await expect(report).toContainText('整行 0，单个值 1');
  await expect(report).toContainText('按 GB18030 (GBK) 编码读取');
  await expect(report.locator('tbody tr').filter({ hasText: '编号' })).toContainText('文本');
  await expect(report.locator('tbody tr').filter({ hasText: '满意度' })).toContainText('整数1');
  await app.screenshot(path.join(screenshots, 'import-report-zh.png'));

  const db = new Database(host().workbenchPath, { readonly: true, fileMustExist: true });
  expect(db.prepare('SELECT 编号, typeof(编号), 满意度, 创建日期 FROM 工单导出 ORDER BY rowid LIMIT 2').raw(true).all()).toEqual([
    ['1001', 'text', 2, '2024-03-01'],
    ['1002', 'text', 3, '2024-03-02'],
  ]);
  expect(db.prepare('SELECT 满意度 FROM 工单导出 WHERE 编号 = ?').pluck().get('1007')).toBeNull();
  db.close();

  // the report leads to the rejects: the word 五 on line 9, column 2
  await dialog.getByTestId('import-view-rejects').click();
  await expect(dialog).toBeHidden();
  await expect(app.rejectsTable).toBeVisible();
  await expect(app.rejectRow(0).line).toHaveText('9');
  await expect(app.rejectRow(0).column).toContainText('满意度');
  await expect(app.rejectRow(0).raw).toHaveText('五');
  await expect(app.rejectRow(0).reason).toHaveText('不是整数');
});

test('append next month to the table: columns matched by name, a new column added, the rows counted', async ({ page }) => {
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await app.importFile('march.csv', Buffer.from('ticket_id,channel,csat\nT1,phone,5\nT2,chat,4\n'));
  await app.pickFile('april.csv', Buffer.from('channel,ticket_id,csat,region\nemail,T3,3,East\n'));
  const dialog = app.importDialog;
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  await dialog.getByTestId('import-append').check();
  await expect(dialog.getByTestId('import-append-table')).toHaveValue('march');
  await expect(dialog.getByTestId('import-preview')).toContainText('goes to ticket_id');
  await expect(dialog.getByTestId('import-preview')).toContainText('new column');
  await app.screenshot(path.join(screenshots, 'import-append-en.png'));
  // Ctrl+Enter imports, as the dialog's default action
  await page.keyboard.press('Control+Enter');
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText('Rows appended to march: 1 (3 in all now)');
  await expect(report).toContainText('New columns: region');
  await dialog.getByTestId('import-done').click();
  await expect(page.getByTestId('status-rows')).toContainText('3');
});

test('a workbook with several sheets: pick one, or import every sheet as a table of its own', async ({ page }) => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('华东').addRows([['工单', '满意度'], ['E1', 5], ['E2', 4]]);
  book.addWorksheet('华南').addRows([['工单', '满意度'], ['S1', 3]]);
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.pickFile('regions.xlsx', buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const dialog = app.importDialog;
  await expect(dialog.getByTestId('import-sheet')).toHaveValue('华东');
  await dialog.getByTestId('import-sheet').selectOption('华南');
  await expect(dialog.getByTestId('import-preview')).toContainText('S1');
  await dialog.getByTestId('import-all-sheets').click();
  // one preview per sheet, each named after its sheet
  await expect(dialog.getByTestId('import-table-name')).toHaveValue('regions_华东');
  await expect(dialog).toContainText('第 1 个文件，共 2 个');
  await expect(dialog.getByTestId('import-preview')).toContainText('E2');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog.getByTestId('import-report')).toContainText('已导入 2 行到 regions_华东');
  await dialog.getByTestId('import-done').click();
  await expect(dialog.getByTestId('import-table-name')).toHaveValue('regions_华南');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog.getByTestId('import-report')).toContainText('已导入 1 行到 regions_华南');
  await dialog.getByTestId('import-done').click();
  await expect(dialog).toBeHidden();
  const db = new Database(host().workbenchPath, { readonly: true, fileMustExist: true });
  expect(db.prepare('SELECT 工单 FROM regions_华南').pluck().all()).toEqual(['S1']);
  db.close();
});

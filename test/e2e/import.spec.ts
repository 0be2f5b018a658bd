import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { expect, test } from './support/test';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

test.use({ locale: 'en-US' });

const host = useServedWorkbench({ empty: true });

/** A small export as a client's ticket system writes it: CRLF, a misfit CSAT and a short row. */
function marchExport(): Buffer {
  const lines = ['ticket_id,region,csat,created_at'];
  for (let i = 1; i <= 40; i++) {
    const csat = i === 7 ? '五星' : String((i % 5) + 1);
    lines.push(`M${String(i).padStart(3, '0')},${['四川', '广东', '浙江'][i % 3]},${csat},2024-03-${String((i % 28) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`);
  }
  lines.splice(12, 0, 'M999,四川');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

test('an empty workbench teaches the next step; an imported file becomes a table to chart, with its rejects counted', async ({ page }) => {
  const workbench = new WorkbenchPage(page);
  await workbench.open(host().url);
  await expect(workbench.emptyState).toContainText('Drop a file to start');
  await expect(page.getByText('This workbench has no tables yet.')).toBeVisible();

  const report = await workbench.importFile('march-tickets.csv', marchExport());
  expect(report).toContain('Rows imported into march_tickets: 40');
  expect(report).toContain('whole rows 1, single values 1');
  await expect(page.getByTestId('status-bar')).toContainText('40 rows in 1 tables');

  await workbench.dragFieldToShelf('march_tickets', 'region', 'x');
  await workbench.dragFieldToShelf('march_tickets', 'csat', 'y');
  const traces = await workbench.waitForTraces((t) => t.length === 1 && t[0]!.x.length === 3, 'a bar per region');

  const db = new Database(host().workbenchPath, { readonly: true, fileMustExist: true });
  const expected = db.prepare('SELECT region, AVG(csat) AS avg FROM march_tickets GROUP BY region').all() as { region: string; avg: number }[];
  const types = db.prepare("SELECT name, type FROM rw_columns WHERE table_name = 'march_tickets' ORDER BY ordinal").raw(true).all();
  db.close();
  expect(types).toEqual([
    ['ticket_id', 'text'],
    ['region', 'text'],
    ['csat', 'integer'],
    ['created_at', 'datetime'],
  ]);
  const plotted = new Map(traces[0]!.x.map((region, i) => [region, traces[0]!.y[i]]));
  expect(plotted.size).toBe(expected.length);
  for (const row of expected) expect(plotted.get(row.region)).toBeCloseTo(row.avg, 10);
  await workbench.screenshot(path.join(screenshots, 'import-en.png'));
});

test('a GBK export from Chinese Excel imports with its Chinese intact; a binary file is refused in the chosen language', async ({ page }) => {
  const workbench = new WorkbenchPage(page);
  await workbench.open(host().url);
  await workbench.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // a title line, the header and one row, saved as GBK: "客户满意度导出\n地区,满意度\n四川,5\n"
  const gbk = Buffer.concat([
    Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xc2, 0xfa, 0xd2, 0xe2, 0xb6, 0xc8, 0xb5, 0xbc, 0xb3, 0xf6, 0x0a]),
    Buffer.from([0xb5, 0xd8, 0xc7, 0xf8, 0x2c, 0xc2, 0xfa, 0xd2, 0xe2, 0xb6, 0xc8, 0x0a, 0xcb, 0xc4, 0xb4, 0xa8, 0x2c, 0x35, 0x0a]),
  ]);
  const report = await workbench.importFile('满意度.csv', gbk);
  expect(report).toContain('已导入 1 行到 满意度');
  expect(report).toContain('按 GB18030 (GBK) 编码读取');
  expect(report).toContain('表格上下的 1 行标题或注释已另行保存');
  await workbench.showFieldsOf('满意度');
  await expect(workbench.field('满意度', '地区')).toContainText('地区');
  const db = new Database(host().workbenchPath, { readonly: true, fileMustExist: true });
  expect(db.prepare('SELECT * FROM "满意度"').raw(true).all()).toEqual([['四川', 5]]);
  db.close();

  const before = (await page.getByTestId('status-rows').textContent()) ?? '';
  await workbench.pickFile('chart.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  await expect(workbench.importDialog.getByTestId('import-error')).toContainText('文件 chart.csv 不是文本表格：其中含有二进制数据。');
  await expect(workbench.importDialog.getByTestId('import-confirm')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(workbench.importDialog).toBeHidden();
  await expect(page.getByTestId('status-rows')).toHaveText(before);
  expect(before).toContain('共 41 行');
  await workbench.screenshot(path.join(screenshots, 'import-gbk-zh.png'));
});

test('an Excel workbook with a title row and a merged two-row header imports as a typed table', async ({ page }) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('三月工单');
  sheet.addRow(['2024年3月 客服工单导出']);
  sheet.addRow(['工单', '地区', '满意度', '', '创建时间']);
  sheet.addRow(['', '', 'CSAT', 'NPS', '']);
  sheet.mergeCells('C2:D2');
  for (const column of ['A', 'B', 'E']) sheet.mergeCells(`${column}2:${column}3`);
  for (let i = 1; i <= 12; i++) sheet.addRow([`X${i}`, i % 2 === 0 ? '四川' : '广东', (i % 5) + 1, i % 11, new Date(Date.UTC(2024, 2, i, 9, 30))]);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

  const workbench = new WorkbenchPage(page);
  await workbench.open(host().url);
  const report = await workbench.importFile('march.xlsx', buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(report).toContain('Rows imported into march: 12');
  expect(report).toContain('Every row and value fit.');
  const db = new Database(host().workbenchPath, { readonly: true, fileMustExist: true });
  const columns = db.prepare("SELECT label_en, type FROM rw_columns WHERE table_name = 'march' ORDER BY ordinal").raw(true).all();
  const first = db.prepare('SELECT * FROM march LIMIT 1').raw(true).get();
  db.close();
  expect(columns).toEqual([
    ['工单', 'text'],
    ['地区', 'text'],
    ['满意度 CSAT', 'integer'],
    ['满意度 NPS', 'integer'],
    ['创建时间', 'datetime'],
  ]);
  expect(first).toEqual(['X1', '广东', 2, 1, '2024-03-01 09:30:00']);
  await workbench.showFieldsOf('march');
  await expect(workbench.field('march', '满意度_csat')).toContainText('满意度 CSAT');
});

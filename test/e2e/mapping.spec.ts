import path from 'node:path';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ empty: true });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

const REGIONS = ['华东', '华东区', '华北', '华东'];
/** October: tickets with their customer and a region spelled two ways. */
function october(): Buffer {
  const lines = ['ticket,客户编号,region'];
  for (let i = 0; i < 24; i++) lines.push(`T${String(i).padStart(3, '0')},C${1000 + i},${REGIONS[i % 4]}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}
/** November: 客户编号 headed 会员卡号 (a name no built-in synonym knows), region headed 片区, in regions never seen. */
function november(): Buffer {
  const lines = ['ticket,会员卡号,片区'];
  for (let i = 0; i < 6; i++) lines.push(`T${100 + i},C${2000 + i},${i % 2 === 0 ? '西南' : '西北'}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}
/** December: November's headers, and a column never seen. */
function december(): Buffer {
  return Buffer.from(['备注,ticket,会员卡号,片区', '加急,T200,C3000,华北'].join('\n'), 'utf8');
}

test('field mapping: a synonym added in the dictionary maps a renamed column; an unknown one is asked, chosen, tried and remembered', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await app.importFile('tickets.csv', october());
  await page.getByTestId('rail-clean').click();
  await page.getByTestId('clean-table-tickets').click();
  await page.getByTestId('clean-start').click();
  // a recipe: cluster the region's spellings, so the refresh can tell which regions it has not seen
  await page.getByTestId('clean-col-region').click();
  await page.getByTestId('clean-column-menu').getByRole('menuitem', { name: format('en', 'clean.kind.cluster') }).click();
  const cluster = page.getByTestId('cluster-dialog');
  await expect(cluster.getByTestId('cluster-row')).toHaveCount(1);
  await cluster.getByTestId('cluster-apply').click();
  await expect(page.getByTestId('clean-step-1')).toHaveAttribute('data-kind', 'cluster');
  await page.getByTestId('clean-run').click();
  await expect(page.getByTestId('clean-last-run')).toContainText(format('en', 'clean.lastRun', { rowsIn: '24', rowsOut: '24', output: 'tickets_clean' }));

  // the synonym dictionary: 会员卡号 means nothing yet; added to Customer ID, it does
  await page.getByTestId('clean-synonyms').click();
  const synonyms = page.getByTestId('synonym-dialog');
  const customer = synonyms.getByTestId('synonym-role-customer_id');
  await expect(customer).toContainText(format('en', 'role.customer_id'));
  await expect(customer.locator('[data-synonym="会员号"]')).toHaveAttribute('data-built-in', 'true');
  await synonyms.getByTestId('synonym-test').fill('会员卡号');
  await expect(synonyms.getByTestId('synonym-test-result')).toHaveText(format('en', 'clean.synonyms.testNone', { name: '会员卡号' }));
  await customer.getByTestId('synonym-add-customer_id').fill('会员卡号');
  await customer.getByTestId('synonym-add-customer_id').press('Enter');
  await expect(customer.locator('[data-synonym="会员卡号"]')).toHaveAttribute('data-built-in', 'false');
  await expect(customer.getByTestId('synonym-add-customer_id')).toHaveValue('');
  await expect(synonyms.getByTestId('synonym-status')).toContainText(format('en', 'clean.synonyms.addedStatus', { synonym: '会员卡号', role: format('en', 'role.customer_id') }));
  const tested = synonyms.getByTestId('synonym-test-match');
  await expect(tested).toHaveCount(1);
  await expect(tested).toHaveAttribute('data-role', 'customer_id');
  await expect(tested).toContainText(format('en', 'clean.synonyms.testMatch', { confidence: 100, synonym: '会员卡号' }));
  expect(JSON.parse(sql<{ value: string }>("SELECT value FROM rw_meta WHERE key = 'synonym_dictionary'")[0]!.value)).toEqual({
    version: 1,
    added: [{ role: 'customer_id', synonym: '会员卡号' }],
    removed: [],
  });
  // removing a built-in synonym shows it struck through, to put back; the search narrows the roles
  await customer.getByRole('button', { name: format('en', 'clean.synonyms.remove', { synonym: '会员号', role: format('en', 'role.customer_id') }) }).click();
  await expect(customer.getByTestId('synonym-removed')).toHaveAttribute('data-synonym', '会员号');
  await synonyms.getByTestId('synonym-undo').click();
  await expect(customer.getByTestId('synonym-removed')).toHaveCount(0);
  await expect(customer.locator('[data-synonym="会员号"]')).toBeVisible();
  await synonyms.getByTestId('synonym-search').fill('会员');
  await expect(synonyms.locator('[data-testid^="synonym-role-"]')).toHaveCount(1);
  await app.screenshot(path.join(screenshots, 'clean-synonyms-en.png'));
  await synonyms.getByTestId('synonym-search').fill('zzz');
  await expect(synonyms.getByTestId('synonym-no-match')).toBeVisible();
  await synonyms.getByTestId('synonym-close').click();
  await expect(synonyms).toBeHidden();

  // November: 会员卡号 maps itself by the new synonym; 片区 is asked, and goes to a new column until chosen
  await page.getByTestId('clean-refresh-input').setInputFiles({ name: 'tickets-11.csv', mimeType: 'text/csv', buffer: november() });
  const refresh = page.getByTestId('refresh-dialog');
  const row = (incoming: string) => refresh.locator(`tr[data-incoming="${incoming}"]`);
  await expect(row('会员卡号')).toHaveAttribute('data-testid', 'refresh-matched');
  await expect(row('会员卡号').getByTestId('refresh-choice')).toHaveValue('column:客户编号');
  await expect(row('片区')).toHaveAttribute('data-testid', 'refresh-asked');
  await expect(row('片区')).toContainText(format('en', 'clean.refresh.unknown'));
  const choice = row('片区').getByTestId('refresh-choice');
  await expect(choice).toHaveValue('new');
  await expect(refresh).toContainText(format('en', 'clean.refresh.missing', { columns: 'region' }));
  await expect(refresh.getByTestId('refresh-uncovered')).toHaveCount(0);
  // the columns other rows take are not offered
  await expect(choice.locator('option')).toHaveText([format('en', 'clean.refresh.newColumnNamed', { column: '片区' }), 'region']);

  await choice.selectOption('column:region');
  await expect(refresh.getByTestId('refresh-uncovered')).toContainText('西南');
  await expect(row('片区')).toContainText(format('en', 'clean.refresh.chosen'));
  await expect(refresh.getByTestId('refresh-diff')).toContainText(format('en', 'clean.refresh.rows', { output: 'tickets_clean', before: '24', after: '30' }));
  await expect(refresh.getByTestId('refresh-commit')).toBeEnabled();
  await expect(refresh).not.toContainText(format('en', 'clean.refresh.missing', { columns: 'region' }));
  await expect(choice).toHaveValue('column:region');
  await app.screenshot(path.join(screenshots, 'clean-refresh-choice-en.png'));
  expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')[0]!.n).toBe(24);
  await refresh.getByTestId('refresh-commit').click();
  await expect(refresh).toBeHidden();
  expect(sql<{ region: string; 客户编号: string }>("SELECT region, 客户编号 FROM tickets WHERE ticket IN ('T100', 'T101') ORDER BY ticket")).toEqual([
    { region: '西南', 客户编号: 'C2000' },
    { region: '西北', 客户编号: 'C2001' },
  ]);
  expect(sql<{ name: string }>("SELECT name FROM pragma_table_info('tickets') WHERE name IN ('片区', '会员卡号')")).toEqual([]);

  // in Chinese: the dictionary, and December's file: 片区 is remembered, only 备注 is asked
  await app.switchLanguage();
  await page.getByTestId('clean-synonyms').click();
  await expect(synonyms.getByTestId('synonym-role-customer_id')).toContainText(format('zh-CN', 'role.customer_id'));
  await synonyms.getByTestId('synonym-test').fill('会员卡号');
  await expect(synonyms.getByTestId('synonym-test-match')).toHaveAttribute('data-role', 'customer_id');
  await app.screenshot(path.join(screenshots, 'clean-synonyms-zh.png'));
  await synonyms.getByTestId('synonym-close').click();

  await page.getByTestId('clean-refresh-input').setInputFiles({ name: 'tickets-12.csv', mimeType: 'text/csv', buffer: december() });
  await expect(row('片区')).toHaveAttribute('data-testid', 'refresh-matched');
  await expect(row('片区').getByTestId('refresh-choice')).toHaveValue('column:region');
  await expect(refresh.getByTestId('refresh-asked')).toHaveCount(1);
  await expect(row('备注').getByTestId('refresh-choice')).toHaveValue('new');
  await expect(refresh.getByTestId('refresh-commit')).toBeEnabled();
  await expect(refresh.getByTestId('refresh-diff')).toContainText(format('zh-CN', 'clean.refresh.rows', { output: 'tickets_clean', before: '30', after: '31' }));
  await app.screenshot(path.join(screenshots, 'clean-refresh-choice-zh.png'));
  await refresh.getByRole('button', { name: format('zh-CN', 'model.cancel') }).click();
  await expect(refresh).toBeHidden();
});

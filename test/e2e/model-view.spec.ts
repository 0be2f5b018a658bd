import path from 'node:path';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { format } from '../../shared/i18n/messages';
import { relationshipText } from '../../renderer/features/model/relationship-text';
import { useServedWorkbench } from './support/rootwise-host';
import { WorkbenchPage } from './pages/workbench-page';

const screenshots = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const host = useServedWorkbench({ rows: 800, seed: 42 });
const sql = <T>(query: string, ...params: unknown[]): T[] => host().sql<T>(query, ...params);

test.use({ viewport: { width: 1600, height: 1000 } });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('rootwise.locale') === null) localStorage.setItem('rootwise.locale', 'en');
  });
});

const modelField = (page: Page, table: string, field: string): Locator => page.getByTestId(`model-field-${table}.${field}`);
const roleSlot = (page: Page, role: string): Locator => page.getByTestId(`role-slot-${role}`);

/** Both ends on screen (they scroll in different panels), then a real mouse drag. */
async function drag(app: WorkbenchPage, source: Locator, target: Locator, at?: { readonly x: number; readonly y: number }): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  await app.dragTo(source, target, at);
}
const UPPER = { x: 0.5, y: 0.2 };
const LOWER = { x: 0.5, y: 0.8 };

const confirmedRoles = (table: string) =>
  Object.fromEntries(sql<{ role: string; field: string | null }>('SELECT role, field FROM rw_field_roles WHERE table_name = ? ORDER BY role', table).map((r) => [r.role, r.field]));

test('the Model view: relationships, roles, a calculated field and a drill path, by drag and drop, with undo and redo', async ({ page }) => {
  // one long walk through the view, on a machine that may be shared
  test.setTimeout(180_000);
  const app = new WorkbenchPage(page);
  await app.open(host().url);
  await page.getByTestId('rail-model').click();
  await expect(page.getByTestId('model-canvas')).toBeVisible();
  for (const table of ['tickets', 'customers', 'surveys', 'calls', 'ticket_events']) await expect(page.getByTestId(`model-card-${table}`)).toBeVisible();

  // the engine's suggestion is drawn dashed, with its one-click confirm
  const suggested = page.getByTestId('relationship-tickets.customer_id-customers.customer_id');
  await expect(suggested).toHaveAttribute('data-source', 'suggested');
  await expect(suggested.getByRole('button', { name: format('en', 'model.rel.confirm') })).toBeVisible();

  // a relationship by dragging: events point at surveys through the ticket id
  expect(sql('SELECT * FROM rw_relationships')).toEqual([]);
  await drag(app, modelField(page, 'ticket_events', 'ticket_id'), modelField(page, 'surveys', 'ticket_id'));
  const made = page.getByTestId('relationship-ticket_events.ticket_id-surveys.ticket_id');
  await expect(made).toHaveAttribute('data-source', 'confirmed');
  const keys = 'ticket_id IS NOT NULL AND ticket_id <> \'\'';
  const [fromKeys] = sql<{ n: number }>(`SELECT COUNT(DISTINCT ticket_id) AS n FROM ticket_events WHERE ${keys}`);
  const [matched] = sql<{ n: number }>(`SELECT COUNT(DISTINCT ticket_id) AS n FROM ticket_events WHERE ${keys} AND ticket_id IN (SELECT ticket_id FROM surveys)`);
  const duplicates = (table: string) => sql<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT ticket_id FROM ${table} WHERE ${keys} GROUP BY ticket_id HAVING COUNT(*) > 1)`)[0]!.n;
  const cardinality = duplicates('surveys') > 0 ? 'many-to-many' : duplicates('ticket_events') > 0 ? 'many-to-one' : 'one-to-one';
  const share = matched!.n / fromKeys!.n;
  expect(share).toBeGreaterThan(0.5);
  expect(share).toBeLessThan(1);
  const expectedLabel = relationshipText({ cardinality, matchShare: share }, 'en');
  expect(expectedLabel).toMatch(/^n:1 · \d+(\.\d)? % match$/);
  await expect(made.locator('.model-link-text')).toHaveText(expectedLabel);
  expect(sql('SELECT from_table, from_field, to_table, to_field FROM rw_relationships')).toEqual([{ from_table: 'ticket_events', from_field: 'ticket_id', to_table: 'surveys', to_field: 'ticket_id' }]);

  // undo takes it away, redo brings it back: in the file, not only on screen
  await app.undo();
  await expect(made).toHaveCount(0);
  expect(sql('SELECT * FROM rw_relationships')).toEqual([]);
  await page.keyboard.press('Control+Shift+z');
  await expect(made).toHaveAttribute('data-source', 'confirmed');
  expect(sql('SELECT from_table, to_table FROM rw_relationships')).toEqual([{ from_table: 'ticket_events', to_table: 'surveys' }]);

  // a suggested relationship confirmed in one click
  await suggested.getByRole('button', { name: format('en', 'model.rel.confirm') }).click();
  await expect(suggested).toHaveAttribute('data-source', 'confirmed');
  expect(sql('SELECT COUNT(*) AS n FROM rw_relationships WHERE from_table = ? AND to_table = ?', 'tickets', 'customers')).toEqual([{ n: 1 }]);
  await page.screenshot({ path: path.join(screenshots, 'model-view-en.png') });

  // removing asks first; Cancel keeps it, Remove takes it out of the file, undo puts it back
  await suggested.getByRole('button', { name: format('en', 'model.rel.remove') }).click();
  await expect(suggested).toContainText(format('en', 'model.rel.removeAsk'));
  await suggested.getByRole('button', { name: format('en', 'model.cancel') }).click();
  await expect(suggested).toHaveAttribute('data-source', 'confirmed');
  await suggested.getByRole('button', { name: format('en', 'model.rel.remove') }).click();
  await suggested.getByRole('button', { name: format('en', 'model.rel.remove'), exact: true }).click();
  await expect(suggested).toHaveAttribute('data-source', 'suggested');
  expect(sql('SELECT COUNT(*) AS n FROM rw_relationships WHERE from_table = ? AND to_table = ?', 'tickets', 'customers')).toEqual([{ n: 0 }]);
  await page.getByTestId('undo').click();
  await expect(suggested).toHaveAttribute('data-source', 'confirmed');
  expect(sql('SELECT COUNT(*) AS n FROM rw_relationships WHERE from_table = ? AND to_table = ?', 'tickets', 'customers')).toEqual([{ n: 1 }]);

  // roles: calls have no creation time; its start time is dragged onto the slot
  await page.getByTestId('model-table-calls').click();
  await expect(page.getByTestId('model-inspector')).toContainText(format('en', 'model.roles.title', { table: 'Calls' }).replace('Calls', ''));
  await expect(roleSlot(page, 'created_at')).toHaveAttribute('data-state', 'empty');
  await drag(app, modelField(page, 'calls', 'started_at'), roleSlot(page, 'created_at'));
  await expect(roleSlot(page, 'created_at')).toHaveAttribute('data-state', 'confirmed');
  await expect(page.getByTestId('role-field-created_at')).toHaveText(await modelField(page, 'calls', 'started_at').locator('.model-field-label').innerText());
  expect(confirmedRoles('calls')).toEqual({ created_at: 'started_at' });

  // accept the suggestions metrics already use; the weak one stays a suggestion
  const strong = await page.locator('.model-role-slot[data-state="suggested"]:not(:has(.is-weak))').evaluateAll((slots) => slots.map((s) => s.getAttribute('data-testid')!.replace('role-slot-', '')));
  expect(strong.length).toBeGreaterThan(1);
  await expect(page.getByTestId('roles-accept')).toHaveText(format('en', 'model.roles.accept', { count: strong.length }));
  await page.getByTestId('roles-accept').click();
  await expect(page.getByTestId('roles-accept')).toBeDisabled();
  const accepted = confirmedRoles('calls');
  expect(Object.keys(accepted).sort()).toEqual([...strong, 'created_at'].sort());
  for (const role of strong) await expect(roleSlot(page, role)).toHaveAttribute('data-state', 'confirmed');
  await expect(page.locator('.model-role-slot[data-state="suggested"] .is-weak')).toHaveCount(1);

  // undo the acceptance with the button, redo it with the keyboard
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('roles-accept')).toBeEnabled();
  expect(confirmedRoles('calls')).toEqual({ created_at: 'started_at' });
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('roles-accept')).toBeDisabled();
  expect(confirmedRoles('calls')).toEqual(accepted);

  // the same by keyboard: Space picks a field up, the arrows go from target to target, Space drops
  const categorySlot = roleSlot(page, 'category');
  await expect(categorySlot).toHaveAttribute('data-state', 'empty');
  await modelField(page, 'calls', 'ivr_path').focus();
  await page.keyboard.press('Space');
  // each arrow waits until the highlight has moved, so a busy machine cannot make the loop run past the slot
  const over = (): Promise<string> => page.evaluate(() => document.querySelector('.is-over')?.getAttribute('data-testid') ?? document.querySelector('.is-over')?.textContent ?? '');
  let current = await over();
  for (let i = 0; i < 200 && current !== 'role-slot-category'; i++) {
    await page.keyboard.press('ArrowDown');
    const before = current;
    await expect.poll(over).not.toBe(before);
    current = await over();
  }
  await expect(categorySlot).toHaveClass(/is-over/);
  await page.keyboard.press('Space');
  await expect(categorySlot).toHaveAttribute('data-state', 'confirmed');
  expect(confirmedRoles('calls')).toEqual({ ...accepted, category: 'ivr_path' });

  // a calculated field: autocomplete, a typo marked where it is, then the preview SQLite agrees with
  await page.getByTestId('model-table-tickets').click();
  await page.getByTestId('calc-new').click();
  const dialog = page.getByTestId('calculated-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('calc-name').fill('resolution_hours');
  await dialog.getByTestId('calc-caption').fill('Resolution hours');
  const formula = dialog.getByTestId('formula-text');
  await formula.click();
  await formula.pressSequentially('HOURS_B');
  await expect(dialog.getByTestId('formula-completions')).toContainText('HOURS_BETWEEN(temporal, temporal)');
  await formula.press('Enter');
  await expect(formula).toHaveValue('HOURS_BETWEEN(');
  await formula.pressSequentially('created_at, resolvd_at)');
  await expect(dialog.getByTestId('formula-problem')).toHaveText(format('en', 'error.expression.unknownField', { field: 'resolvd_at', column: 27 }));
  await expect(dialog.getByTestId('formula-mark')).toHaveText('resolvd_at');
  await expect(dialog.getByTestId('calc-save')).toBeDisabled();
  await page.screenshot({ path: path.join(screenshots, 'model-view-formula-error-en.png') });
  await formula.fill('HOURS_BETWEEN(created_at, resolved_at)');
  await expect(dialog.getByTestId('formula-problem')).toHaveCount(0);
  await expect(dialog.getByTestId('formula-type')).toHaveText(format('en', 'model.calc.type', { type: format('en', 'type.real') }));
  const expected = sql<{ h: number | null }>('SELECT (unixepoch(resolved_at) - unixepoch(created_at)) / 3600.0 AS h FROM tickets LIMIT 10').map((r) => r.h);
  const shown = await dialog.getByTestId('formula-values').locator('li').allInnerTexts();
  expect(shown).toHaveLength(10);
  shown.forEach((text, i) => {
    if (expected[i] === null) expect(text).toBe(format('en', 'model.calc.null'));
    else expect(Number(text)).toBeCloseTo(expected[i]!, 9);
  });
  await page.screenshot({ path: path.join(screenshots, 'model-view-formula-en.png') });
  await dialog.getByTestId('calc-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('calc-item-resolution_hours')).toBeVisible();
  await expect(modelField(page, 'tickets', 'resolution_hours')).toBeVisible();
  expect(sql('SELECT expression FROM rw_calculated_fields WHERE table_name = ? AND name = ?', 'tickets', 'resolution_hours')).toEqual([{ expression: 'HOURS_BETWEEN(created_at, resolved_at)' }]);

  // a drill path: two fields dragged in, put in order, named, saved
  await drag(app, modelField(page, 'tickets', 'channel'), page.getByTestId('drill-draft'));
  // dropped on the lower half of the first step: after it
  await drag(app, modelField(page, 'tickets', 'region'), page.getByTestId('drill-step-0'), LOWER);
  const regionLabel = await modelField(page, 'tickets', 'region').locator('.model-field-label').innerText();
  await expect(page.getByTestId('drill-step-1')).toContainText(regionLabel);
  await page.getByTestId('drill-step-1').getByRole('button', { name: format('en', 'model.drill.up', { field: regionLabel }) }).click();
  // a third field dropped on the upper half of the first step goes before it; a step dragged by its grip moves to where it lands
  await drag(app, modelField(page, 'tickets', 'team'), page.getByTestId('drill-step-0'), UPPER);
  const stepLabels = () => page.locator('.model-drill-step-label').allInnerTexts();
  const labelOf = (field: string) => modelField(page, 'tickets', field).locator('.model-field-label').innerText();
  const [region, channel, team] = [await labelOf('region'), await labelOf('channel'), await labelOf('team')];
  await expect.poll(stepLabels).toEqual([team, region, channel]);
  // the path's buttons in view, so the last step is clear of the panel's edge
  await page.getByTestId('drill-save').scrollIntoViewIfNeeded();
  await drag(app, page.getByTestId('drill-grip-0'), page.getByTestId('drill-step-2'), LOWER);
  await expect.poll(stepLabels).toEqual([region, channel, team]);
  await page.screenshot({ path: 'test-results/model-view-drill-steps.png' });
  await page.getByTestId('drill-name').fill('Where and how');
  await page.getByTestId('drill-save').click();
  await expect(page.locator('.model-drill-item')).toHaveCount(1);
  const drill = sql<{ label_en: string; fields: string }>('SELECT label_en, fields FROM rw_drill_paths WHERE table_name = ?', 'tickets');
  expect(drill.map((d) => ({ label: d.label_en, fields: JSON.parse(d.fields) as unknown }))).toEqual([{ label: 'Where and how', fields: ['region', 'channel', 'team'] }]);

  // a metric of our own, on roles: its formulas checked in place and previewed on the tickets
  await page.getByTestId('metric-new').click();
  const metricDialog = page.getByTestId('metric-dialog');
  await expect(metricDialog).toBeVisible();
  await metricDialog.getByTestId('metric-id').fill('low_csat_share');
  await metricDialog.getByTestId('metric-name-en').fill('Low CSAT share');
  await metricDialog.getByTestId('metric-name-zh').fill('低满意度占比');
  const numerator = metricDialog.getByTestId('metric-part-numerator');
  await numerator.getByTestId('formula-text').fill('csatt <= 2');
  await expect(numerator.getByTestId('formula-problem')).toHaveText(format('en', 'error.expression.unknownField', { field: 'csatt', column: 1 }));
  await expect(metricDialog.getByTestId('metric-save')).toBeDisabled();
  await numerator.getByTestId('formula-text').fill('csat <= 2');
  await metricDialog.getByTestId('metric-part-denominator').getByTestId('formula-text').fill('csat IS NOT NULL');
  const lowCsat = sql<{ v: number | null }>('SELECT csat <= 2 AS v FROM tickets LIMIT 10').map((r) => (r.v === null ? format('en', 'model.calc.null') : String(r.v)));
  await expect(numerator.getByTestId('metric-preview').locator('li')).toHaveText(lowCsat);
  await page.screenshot({ path: path.join(screenshots, 'model-view-metric-en.png') });
  await metricDialog.getByTestId('metric-save').click();
  await expect(metricDialog).toBeHidden();
  await expect(page.getByTestId('metric-item-low_csat_share')).toContainText('Low CSAT share');
  const savedMetric = sql<{ definition: string }>('SELECT definition FROM rw_metrics WHERE id = ?', 'low_csat_share').map((r) => JSON.parse(r.definition) as { variants: { requires: string[]; formula: unknown }[] });
  expect(savedMetric).toHaveLength(1);
  expect(savedMetric[0]!.variants[0]).toMatchObject({ requires: ['created_at', 'csat'], formula: { kind: 'ratio', numerator: 'csat <= 2', denominator: 'csat IS NOT NULL' } });
  // taken out of the catalogue with its bin, and back with undo (as a new version; charts keep the one they used)
  const metricRetired = () => sql<{ definition: string }>('SELECT definition FROM rw_metrics WHERE id = ? ORDER BY version DESC LIMIT 1', 'low_csat_share').map((r) => (JSON.parse(r.definition) as { retired?: boolean }).retired === true)[0];
  await page.getByTestId('metric-item-low_csat_share').getByRole('button', { name: format('en', 'model.metric.removeNamed', { name: 'Low CSAT share' }) }).click();
  await expect(page.getByTestId('metric-item-low_csat_share')).toBeHidden();
  expect(metricRetired()).toBe(true);
  await app.undo();
  await expect(page.getByTestId('metric-item-low_csat_share')).toContainText('Low CSAT share');
  expect(metricRetired()).toBe(false);

  // the rest of the app sees the model: the new field is in Analyze's field list
  await page.getByTestId('rail-analyze').click();
  await app.showFieldsOf('tickets');
  await expect(app.field('tickets', 'resolution_hours')).toBeVisible();
  await page.screenshot({ path: path.join(screenshots, 'model-view-analyze-field-list-en.png') });
  await page.getByTestId('field-list-new-calculated').click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(format('en', 'model.calc.newTitle'));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // the same view in Chinese
  await page.getByTestId('rail-model').click();
  await app.switchLanguage();
  await expect(page.getByTestId('rail-model')).toContainText(format('zh-CN', 'rail.model'));
  await expect(made.locator('.model-link-text')).toHaveText(relationshipText({ cardinality, matchShare: share }, 'zh-CN'));
  await page.screenshot({ path: path.join(screenshots, 'model-view-zh.png') });
  await page.getByTestId('calc-item-resolution_hours').getByRole('button').first().click();
  await expect(dialog.getByTestId('formula-values').locator('li')).toHaveCount(10);
  await formula.fill('HOURS_BETWEEN(created_at, 解决时间)');
  await expect(dialog.getByTestId('formula-problem')).toHaveText(format('zh-CN', 'error.expression.unknownField', { field: '解决时间', column: 27 }));
  await page.screenshot({ path: path.join(screenshots, 'model-view-formula-zh.png') });
});

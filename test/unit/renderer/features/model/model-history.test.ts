import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import type { TableModel } from '../../../../../shared/model/semantic-model';
import {
  addRelationshipCommand,
  calculatedFieldCommand,
  confirmedRoles,
  drillPathCommand,
  metricCommand,
  removeRelationshipCommand,
  rolesCommand,
} from '../../../../../renderer/features/model/model-commands';
import { EMPTY_HISTORY, MAX_HISTORY, recorded, redoStep, undoStep, type ModelCommand, type ModelHistory } from '../../../../../renderer/features/model/model-history';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

describe('the Model view history', () => {
  const step = (label: string): ModelCommand => ({ label: 'model.command.setRole', params: { label }, run: () => Promise.resolve(), revert: () => Promise.resolve() });
  const labels = (h: ModelHistory) => ({ past: h.past.map((c) => c.params?.['label']), future: h.future.map((c) => c.params?.['label']) });

  it('undoes the latest change first and redoes in the order undone', () => {
    let h = recorded(recorded(EMPTY_HISTORY, step('a')), step('b'));
    const undo1 = undoStep(h)!;
    expect(undo1.command.params?.['label']).toBe('b');
    h = undo1.history;
    const undo2 = undoStep(h)!;
    expect(undo2.command.params?.['label']).toBe('a');
    h = undo2.history;
    expect(labels(h)).toEqual({ past: [], future: ['b', 'a'] });
    expect(undoStep(h)).toBeUndefined();
    const redo = redoStep(h)!;
    expect(redo.command.params?.['label']).toBe('a');
    expect(labels(redo.history)).toEqual({ past: ['a'], future: ['b'] });
  });

  it('forgets what was undone once a new change is made, and keeps the latest steps only', () => {
    const h = undoStep(recorded(recorded(EMPTY_HISTORY, step('a')), step('b')))!.history;
    expect(labels(recorded(h, step('c')))).toEqual({ past: ['a', 'c'], future: [] });
    expect(redoStep(EMPTY_HISTORY)).toBeUndefined();
    let long = EMPTY_HISTORY;
    for (let i = 0; i < MAX_HISTORY + 5; i++) long = recorded(long, step(String(i)));
    expect(long.past).toHaveLength(MAX_HISTORY);
    expect(long.past[0]?.params?.['label']).toBe('5');
  });
});

describe('model commands and their inverses, on a real workbench', () => {
  let engine: Engine;
  let db: Database.Database;
  let cleanup: () => void;
  const tableModel = async (table: string): Promise<TableModel> => (await engine.getModel({})).tables.find((t) => t.table === table)!;
  const relationshipRows = () => db.prepare('SELECT from_table, from_field, to_table, to_field FROM rw_relationships ORDER BY id').all();
  const roleRows = (table: string) => db.prepare('SELECT role, field FROM rw_field_roles WHERE table_name = ? ORDER BY role').all(table);

  beforeAll(async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    const file = path.join(temp.dir, 'model.rootwise');
    engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: file, demo: { rows: 400, seed: 3 } });
    db = new Database(file, { readonly: true });
  });

  afterAll(() => {
    db.close();
    engine.close();
    cleanup();
  });

  it('takes back a relationship it added, and adds it again on redo', async () => {
    const command = addRelationshipCommand(engine, { table: 'calls', field: 'agent' }, { table: 'ticket_events', field: 'agent' });
    await command.run();
    expect(relationshipRows()).toEqual([{ from_table: 'calls', from_field: 'agent', to_table: 'ticket_events', to_field: 'agent' }]);
    await command.revert();
    expect(relationshipRows()).toEqual([]);
    await command.run();
    await command.revert();
    expect(relationshipRows()).toEqual([]);
  });

  it('puts back a removed relationship under its new id, which redo then removes', async () => {
    const made = await engine.addRelationship({ from: { table: 'tickets', field: 'customer_id' }, to: { table: 'customers', field: 'customer_id' } });
    const command = removeRelationshipCommand(engine, made);
    await command.run();
    expect(relationshipRows()).toEqual([]);
    await command.revert();
    expect(relationshipRows()).toHaveLength(1);
    await command.run();
    expect(relationshipRows()).toEqual([]);
  });

  it('restores the roles as they were: confirmed ones confirmed, suggested ones suggested again', async () => {
    await engine.setFieldRoles({ table: 'calls', roles: { agent: 'agent' } });
    const before = await tableModel('calls');
    expect(confirmedRoles(before)).toEqual({ agent: 'agent' });
    const command = rolesCommand(engine, before, { team: null, ticket_id: 'ticket_id' }, 'model.command.setRole');
    await command.run();
    expect(roleRows('calls')).toEqual([
      { role: 'agent', field: 'agent' },
      { role: 'team', field: null },
      { role: 'ticket_id', field: 'ticket_id' },
    ]);
    await command.revert();
    expect(roleRows('calls')).toEqual([{ role: 'agent', field: 'agent' }]);
    expect((await tableModel('calls')).roles.find((r) => r.role === 'ticket_id')?.source).toBe('suggested');

    const reset = rolesCommand(engine, await tableModel('calls'), undefined, 'model.command.resetRoles');
    await reset.run();
    expect(roleRows('calls')).toEqual([]);
    await reset.revert();
    expect(roleRows('calls')).toEqual([{ role: 'agent', field: 'agent' }]);
  });

  it('adds, changes and removes a calculated field, each undone exactly', async () => {
    const formula = (name: string) => (db.prepare('SELECT expression FROM rw_calculated_fields WHERE table_name = ? AND name = ?').get('tickets', name) as { expression: string } | undefined)?.expression;
    const add = calculatedFieldCommand(engine, 'tickets', undefined, { name: 'double_csat', expression: 'csat * 2' });
    expect(add.label).toBe('model.command.addCalculated');
    await add.run();
    expect(formula('double_csat')).toBe('csat * 2');
    const change = calculatedFieldCommand(engine, 'tickets', { name: 'double_csat', expression: 'csat * 2' }, { name: 'double_csat', expression: 'csat * 3' });
    await change.run();
    expect(formula('double_csat')).toBe('csat * 3');
    await change.revert();
    expect(formula('double_csat')).toBe('csat * 2');
    const remove = calculatedFieldCommand(engine, 'tickets', { name: 'double_csat', expression: 'csat * 2' }, undefined);
    await remove.run();
    expect(formula('double_csat')).toBeUndefined();
    await remove.revert();
    expect(formula('double_csat')).toBe('csat * 2');
    await add.revert();
    expect(formula('double_csat')).toBeUndefined();
  });

  it('follows a drill path through removal and re-creation', async () => {
    const paths = () => (db.prepare('SELECT fields FROM rw_drill_paths WHERE table_name = ?').all('tickets') as { fields: string }[]).map((r) => JSON.parse(r.fields) as string[]);
    const label = { en: 'Where', 'zh-CN': '地点' };
    const add = drillPathCommand(engine, 'tickets', undefined, { label, fields: ['region', 'channel'] });
    await add.run();
    expect(paths()).toEqual([['region', 'channel']]);
    const saved = (await tableModel('tickets')).drillPaths[0]!;
    const reorder = drillPathCommand(engine, 'tickets', saved, { label, fields: ['channel', 'region'] });
    await reorder.run();
    expect(paths()).toEqual([['channel', 'region']]);
    await reorder.revert();
    expect(paths()).toEqual([['region', 'channel']]);
    const remove = drillPathCommand(engine, 'tickets', (await tableModel('tickets')).drillPaths[0], undefined);
    await remove.run();
    expect(paths()).toEqual([]);
    await remove.revert();
    await remove.run();
    expect(paths()).toEqual([]);
    await remove.revert();
    expect(paths()).toEqual([['region', 'channel']]);
  });

  it('saves a metric of its own and undoes each step: a change by saving the definition before as the next version, an addition by taking the metric out', async () => {
    const versions = () =>
      (db.prepare('SELECT version, definition FROM rw_metrics WHERE id = ? ORDER BY version').all('low_csat') as { version: number; definition: string }[]).map((r) => {
        const definition = JSON.parse(r.definition) as { variants: { formula: unknown }[]; retired?: true };
        return { version: r.version, formula: definition.variants[0]!.formula, ...(definition.retired ? { retired: true } : {}) };
      });
    const listed = async () => (await engine.listMetrics({})).find((m) => m.id === 'low_csat');
    const input = {
      id: 'low_csat',
      name: { en: 'Low CSAT share', 'zh-CN': '低满意度占比' },
      description: { en: 'Low CSAT share', 'zh-CN': '低满意度占比' },
      unit: 'percent' as const,
      direction: 'lower-is-better' as const,
      minSample: 30,
      variants: [{ requires: ['created_at' as const, 'csat' as const], timeRole: 'created_at' as const, formula: { kind: 'ratio' as const, numerator: 'csat <= 2', denominator: 'csat IS NOT NULL' } }],
    };
    const add = metricCommand(engine, undefined, input);
    await add.run();
    expect((await listed())?.version).toBe(1);
    // undoing the addition takes it out of the catalogue; a chart that recorded version 1 still computes it
    await add.revert();
    expect(await listed()).toBeUndefined();
    const spec = (version?: number) => ({ version: 1 as const, table: 'tickets', dimensions: [], measures: [{ metric: 'low_csat', ...(version === undefined ? {} : { version }) }], filters: [], sort: [] });
    const share = (tableFromIPC((await engine.query({ spec: spec(1) })).arrow).get(0)?.toJSON() ?? {}) as Record<string, number>;
    expect(share['low_csat__n']).toBeGreaterThan(0);
    await expect(engine.query({ spec: spec() })).rejects.toMatchObject({ payload: { key: 'error.metrics.unknown' } });
    await add.run();
    const saved = (await listed())!;
    expect(saved.version).toBe(3);
    const stricter = { ...input, variants: [{ ...input.variants[0]!, formula: { kind: 'ratio' as const, numerator: 'csat <= 1', denominator: 'csat IS NOT NULL' } }] };
    const change = metricCommand(engine, saved, stricter);
    await change.run();
    await change.revert();
    const remove = metricCommand(engine, await listed(), undefined);
    await remove.run();
    expect(await listed()).toBeUndefined();
    await remove.revert();
    expect((await listed())?.variants[0]!.formula).toEqual(input.variants[0]!.formula);
    expect(versions()).toEqual([
      { version: 1, formula: input.variants[0]!.formula },
      { version: 2, formula: input.variants[0]!.formula, retired: true },
      { version: 3, formula: input.variants[0]!.formula },
      { version: 4, formula: stricter.variants[0]!.formula },
      { version: 5, formula: input.variants[0]!.formula },
      { version: 6, formula: input.variants[0]!.formula, retired: true },
      { version: 7, formula: input.variants[0]!.formula },
    ]);
    // built-in metrics stay
    await expect(engine.removeMetric({ id: 'csat_mean' })).rejects.toMatchObject({ key: 'error.metrics.builtIn' });
  });
});

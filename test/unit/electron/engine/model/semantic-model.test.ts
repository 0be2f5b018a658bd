import { describe, expect, it } from 'vitest';
import type { SemanticModel, TableModel } from '../../../../../shared/model/semantic-model';
import { useDemoWorkbench } from '../../../../support/engine-workbench';

const demo = useDemoWorkbench({ rows: 2000, seed: 42 });

const rolesOf = (table: TableModel): Record<string, string | null> => Object.fromEntries(table.roles.map((r) => [r.role, r.field]));
const tableOf = (model: SemanticModel, name: string): TableModel => model.tables.find((t) => t.table === name)!;

describe('the semantic model of the demo workbench', () => {
  it('suggests every role of the tickets table, confidently enough to be applied', async () => {
    const tickets = tableOf(await demo.engine.getModel({}), 'tickets');
    expect(rolesOf(tickets)).toMatchObject({
      ticket_id: 'ticket_id',
      customer_id: 'customer_id',
      created_at: 'created_at',
      first_response_at: 'first_response_at',
      resolved_at: 'resolved_at',
      channel: 'channel',
      category: 'category',
      priority: 'priority',
      csat: 'csat',
      nps: 'nps',
      ces: 'ces',
      reopen_count: 'reopen_count',
      transfer_count: 'transfer_count',
    });
    expect(tickets.roles.every((r) => r.source === 'suggested' && r.applied)).toBe(true);
  });

  it('suggests the relationships of the demo: tickets, surveys, calls and events point at their ticket and customer', async () => {
    const model = await demo.engine.getModel({});
    const edges = model.relationships.map((r) => `${r.from.table}.${r.from.field} → ${r.to.table}.${r.to.field} ${r.cardinality} ${r.matchShare.toFixed(2)}`).sort();
    expect(edges).toEqual(
      [
        'calls.customer_id → customers.customer_id many-to-one 1.00',
        'calls.ticket_id → tickets.ticket_id many-to-one 1.00',
        'surveys.ticket_id → tickets.ticket_id one-to-one 1.00',
        'ticket_events.ticket_id → tickets.ticket_id many-to-one 1.00',
        'tickets.customer_id → customers.customer_id many-to-one 1.00',
      ].sort(),
    );
    expect(model.relationships.every((r) => r.source === 'suggested' && r.id === null)).toBe(true);
  });

  it('keeps what a person confirms: a role moved to another field, a role declined, and the version moves on', async () => {
    const before = (await demo.engine.getModel({})).version;
    const tickets = await demo.engine.setFieldRoles({ table: 'tickets', roles: { closed_at: 'resolved_at', comment: null } });
    const roles = rolesOf(tickets);
    expect(roles.closed_at).toBe('resolved_at');
    // the field left its suggested role, and the declined role stays declined
    expect(roles.resolved_at).toBeUndefined();
    expect(tickets.roles.find((r) => r.role === 'comment')).toEqual({ role: 'comment', field: null, confidence: 1, source: 'confirmed', applied: false });
    expect((await demo.engine.getModel({})).version).toBeGreaterThan(before);
    const reset = await demo.engine.resetFieldRoles({ table: 'tickets' });
    expect(rolesOf(reset)).toMatchObject({ resolved_at: 'resolved_at', comment: 'comment' });
  });

  it('refuses a role for a field of the wrong type or a field that does not exist, in both languages', async () => {
    await expect(demo.engine.setFieldRoles({ table: 'tickets', roles: { created_at: 'channel' } })).rejects.toMatchObject({
      key: 'error.model.roleType',
      message: 'The field channel holds Text, which cannot be Created at.',
    });
    const error = await demo.engine.setFieldRoles({ table: 'tickets', roles: { csat: 'no_such_field' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ key: 'error.field.notFound' });
  });

  it('adds a relationship with an index on its key, reports it, and removes it', async () => {
    const added = await demo.engine.addRelationship({ from: { table: 'surveys', field: 'ticket_id' }, to: { table: 'tickets', field: 'ticket_id' } });
    expect(added).toMatchObject({ source: 'confirmed', cardinality: 'one-to-one', matchShare: 1 });
    const model = await demo.engine.getModel({});
    expect(model.relationships.filter((r) => r.from.table === 'surveys')).toEqual([added]);
    await demo.engine.removeRelationship({ id: added.id! });
    await expect(demo.engine.removeRelationship({ id: added.id! })).rejects.toMatchObject({ key: 'error.model.noRelationship' });
    await expect(demo.engine.addRelationship({ from: { table: 'tickets', field: 'ticket_id' }, to: { table: 'tickets', field: 'ticket_id' } })).rejects.toMatchObject({
      key: 'error.model.selfRelationship',
    });
  });

  it('keeps drill paths coarse to fine, changes and removes them, and refuses one that is not a path', async () => {
    const path = await demo.engine.setDrillPath({ table: 'tickets', label: { en: 'Organisation', 'zh-CN': '组织' }, fields: ['team', 'agent'] });
    expect(tableOf(await demo.engine.getModel({}), 'tickets').drillPaths).toEqual([path]);
    const changed = await demo.engine.setDrillPath({ table: 'tickets', id: path.id, label: { en: 'Place', 'zh-CN': '地点' }, fields: ['region', 'team', 'agent'] });
    expect(tableOf(await demo.engine.getModel({}), 'tickets').drillPaths).toEqual([changed]);
    await expect(demo.engine.setDrillPath({ table: 'tickets', label: { en: 'x', 'zh-CN': 'x' }, fields: ['region', 'region'] })).rejects.toMatchObject({ key: 'error.model.drillPath' });
    await expect(demo.engine.setDrillPath({ table: 'tickets', label: { en: 'x', 'zh-CN': 'x' }, fields: ['region', 'city'] })).rejects.toMatchObject({ key: 'error.field.notFound' });
    await demo.engine.removeDrillPath({ id: path.id });
    expect(tableOf(await demo.engine.getModel({}), 'tickets').drillPaths).toEqual([]);
    await expect(demo.engine.removeDrillPath({ id: path.id })).rejects.toMatchObject({ key: 'error.model.noDrillPath' });
  });
});

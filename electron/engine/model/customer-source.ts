import type Database from 'better-sqlite3';
import type { CustomerSource } from '../../../shared/metrics/compile-metric';
import { listTables } from '../workbench/table-catalog';
import { workbenchVersion } from '../workbench/workbench-version';
import { appliedRoles, getSemanticModel, tableModel } from './semantic-model';

/** Customer sources by workbench version: finding them reads the relationships, which scan keys. */
const cache = new WeakMap<Database.Database, { version: number; byTable: Map<string, CustomerSource | null> }>();

/**
 * The customer table a table's customer_id points at (through a confirmed or suggested
 * relationship) that records when customers churned; undefined when there is none.
 */
export function customerSourceFor(db: Database.Database, table: string): CustomerSource | undefined {
  const version = workbenchVersion(db);
  let cached = cache.get(db);
  if (cached?.version !== version) {
    cached = { version, byTable: new Map() };
    cache.set(db, cached);
  }
  if (cached.byTable.has(table)) return cached.byTable.get(table) ?? undefined;
  const found = findCustomerSource(db, table);
  cached.byTable.set(table, found ?? null);
  return found;
}

function findCustomerSource(db: Database.Database, table: string): CustomerSource | undefined {
  const customer = appliedRoles(tableModel(db, table)).get('customer_id');
  if (customer === undefined) return undefined;
  const others = listTables(db)
    .filter((t) => t.name !== table)
    .map((t) => ({ table: t.name, roles: appliedRoles(tableModel(db, t.name)) }));
  // relationships are worth finding (they count keys) only when some other table records churn
  if (others.some((o) => o.roles.has('churned_at'))) {
    const model = getSemanticModel(db);
    for (const r of model.relationships) {
      if (r.from.table !== table || r.from.field !== customer) continue;
      const churned = others.find((o) => o.table === r.to.table)?.roles.get('churned_at');
      if (churned !== undefined) return { kind: 'churnDate', table: r.to.table, key: r.to.field, churned };
    }
  }
  // else customers' activity (orders, logins) in a table keyed by the same customer role
  const activity = others.find((o) => o.roles.has('customer_id') && o.roles.has('activity_at'));
  return activity === undefined ? undefined : { kind: 'activity', table: activity.table, key: activity.roles.get('customer_id')!, activity: activity.roles.get('activity_at')! };
}

import type Database from 'better-sqlite3';
import type { CellValue, ColumnType } from '../../../shared/api/types';
import { EXPR_TYPE_OF_COLUMN, compileExpression, scopeOfFields } from '../../../shared/model/expression/compile-expression';
import { sqliteExpressionDialect } from '../../../shared/model/expression/expression-dialect';
import type { FieldRole } from '../../../shared/model/field-roles';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import type { MetricRequest, MetricResult } from '../../../shared/metrics/metric-report';
import { metricValue } from '../../../shared/metrics/metric-statistics';
import type { BoundValue } from '../../../shared/query/compile-query';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { AppliedRoles, Relationship, TableModel } from '../../../shared/model/semantic-model';
import { appliedRoles } from '../model/semantic-model';

const q = (identifier: string): string => sqliteDialect.quoteIdent(identifier);

export interface ChurnTables {
  readonly tickets: TableModel;
  readonly ticketTypes: ReadonlyMap<string, ColumnType>;
  readonly models: readonly TableModel[];
  readonly relationships: readonly Relationship[];
}

/** Where a customer-churn metric can be computed: the ticket table, its complaint formula, and the customer table holding the churn date. */
function plan(metric: MetricDefinition, tables: ChurnTables): { roles: AppliedRoles; complaint: string; customers: { table: string; key: string; churned: string } } | undefined {
  const churn = metric.customerChurn;
  if (churn === undefined) return undefined;
  const roles = appliedRoles(tables.tickets);
  const customer = roles.get('customer_id');
  if (customer === undefined || !roles.has('created_at')) return undefined;
  const complaint = churn.complaint.find((c) => c.requires.every((role) => roles.has(role)));
  if (complaint === undefined) return undefined;
  for (const r of tables.relationships) {
    if (r.from.table !== tables.tickets.table || r.from.field !== customer) continue;
    const target = tables.models.find((m) => m.table === r.to.table);
    const churned = target === undefined ? undefined : appliedRoles(target).get('churned_at');
    if (churned !== undefined) return { roles, complaint: complaint.formula, customers: { table: r.to.table, key: r.to.field, churned } };
  }
  return undefined;
}

/** The roles a customer-churn metric lacks on the best ticket table (the churn date's is `churned_at`). */
export function churnMissing(metric: MetricDefinition, tables: ChurnTables): FieldRole[] {
  const roles = appliedRoles(tables.tickets);
  const needs: FieldRole[] = ['customer_id', 'created_at', 'churned_at'];
  return plan(metric, tables) === undefined ? needs.filter((role) => role === 'churned_at' || !roles.has(role)) : [];
}

/**
 * Customer churn after a complaint: each complaining customer counts once, by their first
 * complaint in the period (and that ticket's group when grouped), as churned when their customer
 * record's churn date falls from that day to `withinDays` days later. A share with its Wilson interval.
 */
export function computeCustomerChurn(db: Database.Database, metric: MetricDefinition, tables: ChurnTables, request: MetricRequest, group: string | undefined): MetricResult[] | undefined {
  const found = plan(metric, tables);
  if (found === undefined) return undefined;
  const { roles, complaint, customers } = found;
  const ticketTable = tables.tickets.table;
  const customer = roles.get('customer_id')!;
  const created = roles.get('created_at')!;
  const scope = scopeOfFields([...roles].map(([role, field]) => [role, { sql: q(field), type: EXPR_TYPE_OF_COLUMN[tables.ticketTypes.get(field) ?? 'text'] }] as const));
  const condition = compileExpression(complaint, scope, sqliteExpressionDialect);
  const params: BoundValue[] = [...condition.params];
  const where = [`(${condition.sql})`, `${q(customer)} IS NOT NULL`];
  if (request.from !== undefined) {
    where.push(`${q(created)} >= ?`);
    params.push(request.from);
  }
  if (request.to !== undefined) {
    where.push(`${q(created)} < date(?, '+1 day')`);
    params.push(request.to);
  }
  params.push(metric.customerChurn!.withinDays);
  const sql = `
    SELECT ${group === undefined ? '' : 'f.g AS g, '}COUNT(*) AS customers,
      SUM(CASE WHEN c.churned >= date(f.first) AND c.churned <= date(f.first, '+' || ? || ' days') THEN 1 ELSE 0 END) AS churned
    FROM (
      SELECT k, ${group === undefined ? '' : 'g, '}first FROM (
        SELECT ${q(customer)} AS k, ${group === undefined ? '' : `${group} AS g, `}${q(created)} AS first,
          ROW_NUMBER() OVER (PARTITION BY ${q(customer)} ORDER BY ${q(created)}) AS rn
        FROM ${q(ticketTable)} WHERE ${where.join(' AND ')}
      ) WHERE rn = 1
    ) f
    LEFT JOIN (SELECT ${q(customers.key)} AS k, MIN(${q(customers.churned)}) AS churned FROM ${q(customers.table)} GROUP BY ${q(customers.key)}) c ON c.k = f.k
    ${group === undefined ? '' : 'GROUP BY f.g ORDER BY f.g'}`;
  // the window-days parameter is written in the SELECT, before the subquery's own values
  const ordered = [params.at(-1)!, ...params.slice(0, -1)];
  const rows = db.prepare(sql).raw(true).all(...ordered) as CellValue[][];
  return rows.map((row) => {
    const at = group === undefined ? 0 : 1;
    const value = metricValue({ kind: 'ratio', numerator: Number(row[at + 1] ?? 0), denominator: Number(row[at] ?? 0) });
    return {
      metric: metric.id,
      version: metric.version,
      name: metric.name,
      unit: metric.unit,
      direction: metric.direction,
      table: ticketTable,
      fields: { customer_id: customer, created_at: created, churned_at: `${customers.table}.${customers.churned}` },
      group: group === undefined ? null : (row[0] ?? null),
      ...value,
      lowN: value.n < metric.minSample,
      paused: false,
    };
  });
}

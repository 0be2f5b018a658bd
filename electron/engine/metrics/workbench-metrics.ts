import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { ROLE_INFO, type FieldRole } from '../../../shared/model/field-roles';
import { EXPR_TYPE_OF_COLUMN, compileExpression, scopeOfFields } from '../../../shared/model/expression/compile-expression';
import { sqliteExpressionDialect } from '../../../shared/model/expression/expression-dialect';
import { METRIC_CATALOGUE } from '../../../shared/metrics/metric-catalogue';
import type { MetricDefinition, MetricFormula, MetricInput, MetricVariant } from '../../../shared/metrics/metric-definition';
import type { SlaPolicy } from '../../../shared/metrics/sla-policy';
import { slaPolicyVariants } from '../../../shared/metrics/sla-policy';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { bumpWorkbenchVersion } from '../workbench/workbench-version';


/** The workbench's SLA targets, when it has any. */
export function slaPolicy(db: Database.Database): SlaPolicy | undefined {
  const row = db.prepare("SELECT value FROM rw_model_settings WHERE key = 'sla_policy'").get() as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as SlaPolicy);
}

export function setSlaPolicy(db: Database.Database, policy: SlaPolicy): SlaPolicy {
  db.transaction(() => {
    db.prepare("INSERT INTO rw_model_settings (key, value) VALUES ('sla_policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(policy));
    bumpWorkbenchVersion(db);
  })();
  return policy;
}

interface StoredMetric {
  readonly id: string;
  readonly version: number;
  readonly definition: string;
}

/** The users' metrics at their latest versions, leaving out those taken out of the catalogue. */
function storedMetrics(db: Database.Database): MetricDefinition[] {
  const rows = db.prepare('SELECT id, version, definition FROM rw_metrics m WHERE version = (SELECT MAX(version) FROM rw_metrics WHERE id = m.id) ORDER BY id').all() as StoredMetric[];
  return rows.map((r) => JSON.parse(r.definition) as MetricDefinition).filter((m) => m.retired !== true);
}

/** The built-in catalogue with the workbench's SLA targets as further ways to compute SLA metrics. */
function builtIns(db: Database.Database): MetricDefinition[] {
  const policy = slaPolicy(db);
  if (policy === undefined) return [...METRIC_CATALOGUE];
  return METRIC_CATALOGUE.map((m) => {
    const extra = slaPolicyVariants(m.id, policy);
    return extra.length === 0 ? m : { ...m, variants: [...m.variants, ...extra] };
  });
}

/** Every metric of the workbench: the built-in catalogue, then the users' own (latest versions). */
export function workbenchMetrics(db: Database.Database): MetricDefinition[] {
  return [...builtIns(db), ...storedMetrics(db)];
}

/** One metric, at a given version of its definition (absent: the latest). */
export function workbenchMetric(db: Database.Database, id: string, version?: number): MetricDefinition | undefined {
  const builtIn = builtIns(db).find((m) => m.id === id);
  if (builtIn !== undefined) return version === undefined || version === builtIn.version ? builtIn : undefined;
  const row = (
    version === undefined
      ? db.prepare('SELECT definition FROM rw_metrics WHERE id = ? ORDER BY version DESC LIMIT 1').get(id)
      : db.prepare('SELECT definition FROM rw_metrics WHERE id = ? AND version = ?').get(id, version)
  ) as { definition: string } | undefined;
  if (row === undefined) return undefined;
  const definition = JSON.parse(row.definition) as MetricDefinition;
  return definition.retired === true ? undefined : definition;
}

/** The row expressions of a formula, with the type each must have. */
function formulaParts(formula: MetricFormula): { readonly text: string; readonly want: 'number' | 'boolean' }[] {
  switch (formula.kind) {
    case 'count':
      return formula.where === undefined ? [] : [{ text: formula.where, want: 'boolean' }];
    case 'ratio':
      return [
        { text: formula.numerator, want: 'number' },
        { text: formula.denominator, want: 'number' },
      ];
    case 'mean':
    case 'quantile':
      return [{ text: formula.value, want: 'number' }, ...(formula.where === undefined ? [] : [{ text: formula.where, want: 'boolean' as const }])];
    case 'nps':
      return [{ text: formula.score, want: 'number' }];
  }
}

function checkVariant(variant: MetricVariant): void {
  const roles = new Set<FieldRole>([...variant.requires, variant.timeRole]);
  const scope = scopeOfFields([...roles].map((role) => [role, { sql: sqliteDialect.quoteIdent(role), type: EXPR_TYPE_OF_COLUMN[ROLE_INFO[role].types[0]!] }] as const));
  for (const part of formulaParts(variant.formula)) {
    const compiled = compileExpression(part.text, scope, sqliteExpressionDialect);
    if (compiled.aggregate) throw new RootwiseError('error.model.calculatedAggregate', {});
    const fits = part.want === 'boolean' ? compiled.type === 'boolean' : compiled.type === 'number' || compiled.type === 'boolean';
    if (!fits) throw new RootwiseError('error.metrics.formulaType', { formula: part.text, expected: `expr.type.${part.want}`, actual: `expr.type.${compiled.type}` });
  }
}

/**
 * Saves a user's metric as a new version of its definition: its formulas are checked with its
 * roles as fields first. Built-in metrics cannot be replaced; charts keep the version they used.
 */
export function saveMetric(db: Database.Database, input: MetricInput): MetricDefinition {
  if (METRIC_CATALOGUE.some((m) => m.id === input.id)) throw new RootwiseError('error.metrics.builtIn', { metric: input.id });
  if (input.variants.length === 0) throw new RootwiseError('error.metrics.noVariant', { metric: input.id });
  input.variants.forEach(checkVariant);
  return db.transaction(() => {
    const last = db.prepare('SELECT MAX(version) AS v FROM rw_metrics WHERE id = ?').get(input.id) as { v: number | null };
    const definition: MetricDefinition = { ...input, version: (last.v ?? 0) + 1, builtIn: false };
    db.prepare('INSERT INTO rw_metrics (id, version, definition, created_at) VALUES (?, ?, ?, ?)').run(definition.id, definition.version, JSON.stringify(definition), new Date().toISOString());
    bumpWorkbenchVersion(db);
    return definition;
  })();
}

/**
 * Takes a user's metric out of the catalogue by saving a last version that marks it retired: the
 * charts that recorded an earlier version still compute it, and saving it again brings it back.
 */
export function removeMetric(db: Database.Database, id: string): MetricDefinition {
  if (METRIC_CATALOGUE.some((m) => m.id === id)) throw new RootwiseError('error.metrics.builtIn', { metric: id });
  return db.transaction(() => {
    const latest = workbenchMetric(db, id);
    if (latest === undefined) throw new RootwiseError('error.metrics.unknown', { metric: id });
    const retired: MetricDefinition = { ...latest, version: latest.version + 1, retired: true };
    db.prepare('INSERT INTO rw_metrics (id, version, definition, created_at) VALUES (?, ?, ?, ?)').run(id, retired.version, JSON.stringify(retired), new Date().toISOString());
    bumpWorkbenchVersion(db);
    return latest;
  })();
}

import type { MessageKey, MessageParams } from '../../../shared/i18n/messages';
import type { RecipeStep, RecipeStepKind } from '../../../shared/spec/recipe-spec';

/** A step kind's name in the steps list and the palette. */
export const stepKindKey = (kind: RecipeStepKind): MessageKey => `clean.kind.${kind}`;

const list = (names: readonly string[]): string => names.join(', ');

/** One line saying what a step does, as a key and its parameters. */
export function stepSummary(step: RecipeStep): { readonly key: MessageKey; readonly params: MessageParams } {
  switch (step.kind) {
    case 'rename':
      return { key: 'clean.summary.rename', params: { column: step.column, to: step.to } };
    case 'drop':
      return { key: 'clean.summary.columns', params: { columns: list(step.columns) } };
    case 'retype':
      return { key: 'clean.summary.retype', params: { column: step.column, type: `type.${step.type}` } };
    case 'parseDates':
      return { key: 'clean.summary.parseDates', params: { column: step.column, format: step.format } };
    case 'setRole':
      return { key: 'clean.summary.setRole', params: { column: step.column, role: `role.${step.role}` } };
    case 'trim':
    case 'fillDown':
      return { key: 'clean.summary.columns', params: { columns: list(step.columns) } };
    case 'width':
      return { key: step.to === 'half' ? 'clean.summary.toHalf' : 'clean.summary.toFull', params: { columns: list(step.columns) } };
    case 'chineseScript':
      return { key: step.to === 'simplified' ? 'clean.summary.toSimplified' : 'clean.summary.toTraditional', params: { columns: list(step.columns) } };
    case 'case':
      return { key: `clean.summary.case.${step.to}`, params: { columns: list(step.columns) } };
    case 'split':
      return { key: 'clean.summary.split', params: { column: step.column, into: list(step.into) } };
    case 'merge':
      return { key: 'clean.summary.merge', params: { columns: list(step.columns), into: step.into } };
    case 'extract':
      return { key: 'clean.summary.extract', params: { column: step.column, into: step.into } };
    case 'fillMissing':
      return { key: `clean.summary.fill.${step.with}`, params: { column: step.column, value: String(step.value ?? '') } };
    case 'mapValues':
      return { key: 'clean.summary.mapValues', params: { column: step.column, count: step.mapping.length } };
    case 'cluster':
      return { key: 'clean.summary.cluster', params: { column: step.column, count: step.clusters.length, values: step.clusters.reduce((n, c) => n + c.values.length, 0) } };
    case 'dedupe':
      return step.keys.length === 0 ? { key: 'clean.summary.dedupeAll', params: {} } : { key: `clean.summary.dedupe.${step.keep}`, params: { columns: list(step.keys) } };
    case 'filter':
      return { key: 'clean.summary.formula', params: { expression: step.expression } };
    case 'derive':
      return { key: 'clean.summary.derive', params: { into: step.into, expression: step.expression } };
    case 'mask':
      return { key: `clean.summary.mask.${step.method}`, params: { column: step.column } };
    case 'identity':
      return { key: step.hash ? 'clean.summary.identityHashed' : 'clean.summary.identity', params: { columns: list(step.columns), into: step.into } };
    case 'unpivot':
      return { key: 'clean.summary.unpivot', params: { columns: list(step.columns) } };
    case 'pivot':
      return { key: 'clean.summary.pivot', params: { column: step.nameColumn, count: step.values.length } };
    case 'lookup':
      return { key: 'clean.summary.lookup', params: { table: step.table, columns: list(step.columns.map((c) => c.into)) } };
    case 'union':
      return { key: 'clean.summary.union', params: { tables: list(step.tables.map((t) => t.table)) } };
  }
}

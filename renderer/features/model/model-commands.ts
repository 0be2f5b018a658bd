import type { RootwiseApi } from '../../../shared/api/contract';
import type { LocalizedText } from '../../../shared/api/types';
import type { MetricDefinition, MetricInput } from '../../../shared/metrics/metric-definition';
import type { FieldRole } from '../../../shared/model/field-roles';
import type { DrillPath, FieldRef, Relationship, TableModel } from '../../../shared/model/semantic-model';
import type { ModelCommand } from './model-history';

/** The part of the API the Model view changes the model through. */
export type ModelApi = Pick<
  RootwiseApi,
  'addRelationship' | 'removeRelationship' | 'setFieldRoles' | 'resetFieldRoles' | 'setCalculatedField' | 'removeCalculatedField' | 'setDrillPath' | 'removeDrillPath' | 'saveMetric' | 'removeMetric'
>;

export type RoleChoice = Readonly<Partial<Record<FieldRole, string | null>>>;

/** The roles a person confirmed on a table (null: "no field plays it"), which undo restores. */
export function confirmedRoles(table: TableModel | undefined): RoleChoice {
  return Object.fromEntries((table?.roles ?? []).filter((r) => r.source === 'confirmed').map((r) => [r.role, r.field]));
}

/** Roles go back exactly as they were: the confirmed ones confirmed again, the others suggested. */
async function restoreRoles(api: ModelApi, table: string, roles: RoleChoice): Promise<void> {
  await api.resetFieldRoles({ table });
  if (Object.keys(roles).length > 0) await api.setFieldRoles({ table, roles });
}

export function addRelationshipCommand(api: ModelApi, from: FieldRef, to: FieldRef): ModelCommand {
  let id: number | null = null;
  return {
    label: 'model.command.addRelationship',
    async run() {
      id = (await api.addRelationship({ from, to })).id;
    },
    async revert() {
      if (id !== null) await api.removeRelationship({ id });
    },
  };
}

export function removeRelationshipCommand(api: ModelApi, relationship: Relationship): ModelCommand {
  let id = relationship.id;
  return {
    label: 'model.command.removeRelationship',
    async run() {
      if (id !== null) await api.removeRelationship({ id });
    },
    async revert() {
      // added back, it is a new row with a new id, which the redo then removes
      id = (await api.addRelationship({ from: relationship.from, to: relationship.to })).id;
    },
  };
}

/** Sets roles (role → field, null to clear), or with `roles` undefined forgets every confirmed role. */
export function rolesCommand(api: ModelApi, before: TableModel, roles: RoleChoice | undefined, label: ModelCommand['label']): ModelCommand {
  const previous = confirmedRoles(before);
  const table = before.table;
  return {
    label,
    async run() {
      if (roles === undefined) await api.resetFieldRoles({ table });
      else await api.setFieldRoles({ table, roles });
    },
    revert: () => restoreRoles(api, table, previous),
  };
}

export interface CalculatedFieldDraft {
  readonly name: string;
  readonly label?: string | undefined;
  readonly expression: string;
}

/** Adds, changes (`before` and `after`) or removes (`after` undefined) a calculated field. */
export function calculatedFieldCommand(api: ModelApi, table: string, before: CalculatedFieldDraft | undefined, after: CalculatedFieldDraft | undefined): ModelCommand {
  const apply = async (state: CalculatedFieldDraft | undefined, other: CalculatedFieldDraft | undefined) => {
    if (state !== undefined) await api.setCalculatedField({ table, ...state });
    else if (other !== undefined) await api.removeCalculatedField({ table, name: other.name });
  };
  return {
    label: after === undefined ? 'model.command.removeCalculated' : before === undefined ? 'model.command.addCalculated' : 'model.command.changeCalculated',
    params: { name: (after ?? before)?.name ?? '' },
    run: () => apply(after, before),
    revert: () => apply(before, after),
  };
}

export interface DrillPathDraft {
  readonly label: LocalizedText;
  readonly fields: readonly string[];
}

/** Adds, changes (`before` set) or removes (`after` undefined) a drill path. A path removed and
 * added back by undo gets a new id; the command follows it. */
export function drillPathCommand(api: ModelApi, table: string, before: DrillPath | undefined, after: DrillPathDraft | undefined): ModelCommand {
  let id: number | undefined = before?.id;
  let exists = before !== undefined;
  const apply = async (state: DrillPathDraft | undefined) => {
    if (state !== undefined) {
      id = (await api.setDrillPath({ table, id: exists ? id : undefined, label: state.label, fields: state.fields })).id;
      exists = true;
    } else if (exists && id !== undefined) {
      await api.removeDrillPath({ id });
      exists = false;
    }
  };
  return {
    label: after === undefined ? 'model.command.removeDrillPath' : before === undefined ? 'model.command.addDrillPath' : 'model.command.changeDrillPath',
    run: () => apply(after),
    revert: () => apply(before),
  };
}

/** A saved metric as the editor and the API take it back. */
export function metricInputOf(metric: MetricDefinition): MetricInput {
  const { version: _version, builtIn: _builtIn, retired: _retired, ...input } = metric;
  return input;
}

/** Saves a metric of the user's own as its next version (`after`), or takes it out of the
 * catalogue (`after` undefined). Undo saves the definition before as yet another version, or takes
 * a new metric out again; charts keep the version they used. */
export function metricCommand(api: ModelApi, before: MetricDefinition | undefined, after: MetricInput | undefined): ModelCommand {
  const apply = async (definition: MetricInput | undefined, other: MetricInput | undefined): Promise<void> => {
    if (definition !== undefined) await api.saveMetric({ definition });
    else if (other !== undefined) await api.removeMetric({ id: other.id });
  };
  const beforeInput = before === undefined ? undefined : metricInputOf(before);
  return {
    label: after === undefined ? 'model.command.removeMetric' : before === undefined ? 'model.command.addMetric' : 'model.command.changeMetric',
    params: { name: (after ?? beforeInput)?.name.en ?? '' },
    run: () => apply(after, beforeInput),
    revert: () => apply(beforeInput, after),
  };
}

import type { LocalizedText } from '../api/types';
import type { FieldRole } from './field-roles';

/** One role of one table: the field that plays it, and whether a person said so. */
export interface RoleAssignment {
  readonly role: FieldRole;
  /** null: a person confirmed that no field of the table plays the role. */
  readonly field: string | null;
  /** 1 when confirmed; the suggester's confidence otherwise. */
  readonly confidence: number;
  readonly source: 'confirmed' | 'suggested';
  /** Whether metrics use it: confirmed, or suggested with at least AUTO_APPLY_CONFIDENCE. */
  readonly applied: boolean;
}

/** Fields to drill through in order (region → city). Dates need none: every date field drills
 * year → quarter → month → day by its time units. */
export interface DrillPath {
  readonly id: number;
  readonly label: LocalizedText;
  readonly fields: readonly string[];
}

export interface TableModel {
  readonly table: string;
  readonly label: LocalizedText;
  readonly rowCount: number;
  /** Every role that is confirmed or suggested, in the order of FIELD_ROLES. */
  readonly roles: readonly RoleAssignment[];
  readonly drillPaths: readonly DrillPath[];
}

export interface FieldRef {
  readonly table: string;
  readonly field: string;
}

/** Rows of `from` point at one row of `to` (many-to-one), or one each way (one-to-one). */
export type Cardinality = 'many-to-one' | 'one-to-one' | 'many-to-many';

export interface Relationship {
  /** null for a suggestion not yet confirmed. */
  readonly id: number | null;
  readonly from: FieldRef;
  readonly to: FieldRef;
  readonly cardinality: Cardinality;
  /** Share (0–1) of the distinct non-empty keys of `from` found in `to`. */
  readonly matchShare: number;
  readonly source: 'confirmed' | 'suggested';
}

export interface SemanticModel {
  /** Changes whenever the workbench's data or model changes: caches key on it. */
  readonly version: number;
  readonly tables: readonly TableModel[];
  readonly relationships: readonly Relationship[];
}

/** A table's roles as metrics use them: role → field. */
export type AppliedRoles = ReadonlyMap<FieldRole, string>;

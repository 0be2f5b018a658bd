import type { FieldRole } from '../model/field-roles';
import type { MetricVariant } from './metric-definition';

/** One service-level target; the first target whose priority and channel fit a ticket applies. */
export interface SlaTarget {
  /** The ticket's priority as the data writes it (`P1`, `紧急`); absent = any. */
  readonly priority?: string | undefined;
  readonly channel?: string | undefined;
  readonly firstResponseMinutes?: number | undefined;
  readonly resolutionMinutes?: number | undefined;
}

/** The workbench's SLA targets, per priority and channel, counted in business or calendar minutes. */
export interface SlaPolicy {
  readonly businessHours: boolean;
  readonly targets: readonly SlaTarget[];
}

/** A text literal of the expression language (quotes doubled), for values the policy holds. */
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The target of each ticket as a formula: the first fitting target's minutes, NULL when none fits. */
function targetFormula(policy: SlaPolicy, pick: (t: SlaTarget) => number | undefined): string | undefined {
  const arms = policy.targets.flatMap((t) => {
    const minutes = pick(t);
    if (minutes === undefined || !Number.isFinite(minutes)) return [];
    const conditions = [...(t.priority === undefined ? [] : [`priority = ${literal(t.priority)}`]), ...(t.channel === undefined ? [] : [`channel = ${literal(t.channel)}`])];
    return [`WHEN ${conditions.length === 0 ? 'TRUE' : conditions.join(' AND ')} THEN ${minutes}`];
  });
  return arms.length === 0 ? undefined : `(CASE ${arms.join(' ')} END)`;
}

function rolesOf(policy: SlaPolicy): FieldRole[] {
  return [...(policy.targets.some((t) => t.priority !== undefined) ? (['priority'] as const) : []), ...(policy.targets.some((t) => t.channel !== undefined) ? (['channel'] as const) : [])];
}

/**
 * The ways the workbench's SLA targets add to compute the SLA metrics: a ticket met its target
 * when the minutes from creation to its resolution (or first response) are within the target of
 * its priority and channel. The formulas are written in the expression language, so the policy's
 * values are bound like any literal.
 */
export function slaPolicyVariants(metricId: string, policy: SlaPolicy): MetricVariant[] {
  const minutes = (end: string): string => (policy.businessHours ? `BUSINESS_MINUTES(created_at, ${end})` : `MINUTES_BETWEEN(created_at, ${end})`);
  const roles = rolesOf(policy);
  const resolution = targetFormula(policy, (t) => t.resolutionMinutes);
  const firstResponse = targetFormula(policy, (t) => t.firstResponseMinutes);
  // as for durations, an end recorded before the creation is a data error and is left out
  const met = (end: string, target: string, measure = minutes): { numerator: string; denominator: string } => ({
    numerator: `IF(${end} >= created_at AND ${target} IS NOT NULL AND ${measure(end)} <= ${target}, 1, 0)`,
    denominator: `IF(${end} >= created_at AND ${target} IS NOT NULL, 1, 0)`,
  });
  // where the workbench has a pause rule, the clock stops while the ticket waits for the customer
  const paused: MetricVariant['derived'] = [{ name: 'paused_minutes', kind: 'pausedMinutes', business: policy.businessHours, end: 'resolved_at' }];
  const netMinutes = (end: string): string => `(${minutes(end)} - paused_minutes)`;
  switch (metricId) {
    case 'sla_attainment':
      return resolution === undefined
        ? []
        : [
            { requires: ['created_at', 'resolved_at', ...roles], timeRole: 'created_at', derived: paused, formula: { kind: 'ratio', ...met('resolved_at', resolution, netMinutes) } },
            { requires: ['created_at', 'resolved_at', ...roles], timeRole: 'created_at', formula: { kind: 'ratio', ...met('resolved_at', resolution) } },
          ];
    case 'sla_breach_count':
      return resolution === undefined
        ? []
        : [
            { requires: ['created_at', 'resolved_at', ...roles], timeRole: 'created_at', derived: paused, formula: { kind: 'count', where: `resolved_at >= created_at AND ${netMinutes('resolved_at')} > ${resolution}` } },
            { requires: ['created_at', 'resolved_at', ...roles], timeRole: 'created_at', formula: { kind: 'count', where: `resolved_at >= created_at AND ${minutes('resolved_at')} > ${resolution}` } },
          ];
    case 'frt_sla_attainment':
      return firstResponse === undefined
        ? []
        : [{ requires: ['created_at', 'first_response_at', ...roles], timeRole: 'created_at', formula: { kind: 'ratio', ...met('first_response_at', firstResponse) } }];
    default:
      return [];
  }
}

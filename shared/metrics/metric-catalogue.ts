import type { LocalizedText } from '../api/types';
import type { FieldRole } from '../model/field-roles';
import type { MetricDefinition, MetricDirection, MetricFormula, MetricUnit, MetricVariant } from './metric-definition';

const text = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });

function metric(
  id: string,
  name: LocalizedText,
  description: LocalizedText,
  unit: MetricUnit,
  direction: MetricDirection,
  minSample: number,
  variants: readonly MetricVariant[],
): MetricDefinition {
  return { id, version: 1, name, description, unit, direction, minSample, variants, builtIn: true };
}

const variant = (requires: readonly FieldRole[], timeRole: FieldRole, formula: MetricFormula): MetricVariant => ({ requires, timeRole, formula });

/** The moment a ticket was resolved: its resolution time, or its close time where none is kept. */
const RESOLVED: readonly { readonly role: FieldRole; readonly field: string }[] = [
  { role: 'resolved_at', field: 'resolved_at' },
  { role: 'closed_at', field: 'closed_at' },
];

/** A duration metric in three statistics, once per way the end moment may be recorded. */
function durationMetrics(
  idBase: string,
  name: LocalizedText,
  description: LocalizedText,
  unit: 'minutes' | 'hours',
  ends: readonly { readonly role: FieldRole; readonly field: string }[],
  measure: (end: string) => string,
  /** The measure less the time waited for the customer (read as `paused_minutes`), for workbenches with a pause rule. */
  net?: { readonly business: boolean; readonly measure: (end: string) => string },
): MetricDefinition[] {
  const stats = [
    { suffix: 'mean', name: text('mean', '均值'), make: (value: string, where: string): MetricFormula => ({ kind: 'mean', value, where }) },
    { suffix: 'median', name: text('median', '中位数'), make: (value: string, where: string): MetricFormula => ({ kind: 'quantile', value, p: 50, where }) },
    { suffix: 'p90', name: text('p90', 'P90'), make: (value: string, where: string): MetricFormula => ({ kind: 'quantile', value, p: 90, where }) },
  ];
  return stats.map((stat) =>
    metric(
      `${idBase}_${stat.suffix}`,
      text(`${name.en} (${stat.name.en})`, `${name['zh-CN']}（${stat.name['zh-CN']}）`),
      description,
      unit,
      'lower-is-better',
      stat.suffix === 'p90' ? 50 : 20,
      ends.flatMap((end) => [
        ...(net === undefined
          ? []
          : [{ ...variant(['created_at', end.role], 'created_at', stat.make(net.measure(end.field), `${end.field} >= created_at`)), derived: [{ name: 'paused_minutes', kind: 'pausedMinutes' as const, business: net.business, end: end.role }] }]),
        variant(['created_at', end.role], 'created_at', stat.make(measure(end.field), `${end.field} >= created_at`)),
      ]),
    ),
  );
}

const FIRST_RESPONSE = [{ role: 'first_response_at' as const, field: 'first_response_at' }];
const NOT_BEFORE = text(
  ' Tickets whose end is recorded before their creation are left out (they are data errors, listed by the data-quality checks).',
  '结束时间早于创建时间的工单不计入（属于数据错误，可在数据质量检查中查看）。',
);
const withNote = (t: LocalizedText): LocalizedText => text(t.en + NOT_BEFORE.en, t['zh-CN'] + NOT_BEFORE['zh-CN']);

/**
 * The metric catalogue (指标中心): the service metrics of the field, defined once on roles, in both
 * languages. Formulas are in the model's expression language and shown to users as written.
 */
export const METRIC_CATALOGUE: readonly MetricDefinition[] = [
  metric(
    'ticket_volume',
    text('Ticket volume', '工单量'),
    text('The number of tickets created.', '新建工单的数量。'),
    'count',
    'neutral',
    1,
    [variant(['created_at'], 'created_at', { kind: 'count' })],
  ),
  ...durationMetrics(
    'frt',
    text('First response time', '首次响应时长'),
    withNote(text('Minutes from a ticket’s creation to its first response, in calendar time.', '从工单创建到首次响应的分钟数，按自然时间计算。')),
    'minutes',
    FIRST_RESPONSE,
    (end) => `MINUTES_BETWEEN(created_at, ${end})`,
  ),
  ...durationMetrics(
    'frt_bh',
    text('First response time, business hours', '首次响应时长（工作时间）'),
    withNote(
      text(
        'Working minutes from a ticket’s creation to its first response, counted in the workbench’s business calendar (working hours, holidays and make-up working days).',
        '从工单创建到首次响应的工作分钟数，按工作台的工作日历计算（工作时间、节假日与调休）。',
      ),
    ),
    'minutes',
    FIRST_RESPONSE,
    (end) => `BUSINESS_MINUTES(created_at, ${end})`,
  ),
  ...durationMetrics(
    'resolution',
    text('Resolution time', '解决时长'),
    withNote(text('Hours from a ticket’s creation to its resolution (or its closing, where no resolution time is kept), in calendar time.', '从工单创建到解决（未记录解决时间时取关闭时间）的小时数，按自然时间计算。')),
    'hours',
    RESOLVED,
    (end) => `HOURS_BETWEEN(created_at, ${end})`,
  ),
  ...durationMetrics(
    'resolution_bh',
    text('Resolution time, business hours', '解决时长（工作时间）'),
    withNote(
      text(
        'Working hours from a ticket’s creation to its resolution (or closing), in the workbench’s business calendar. Where the workbench has a pause rule (a status events table), the time the ticket waited for the customer is not counted: the service clock stops.',
        '从工单创建到解决（或关闭）的工作小时数，按工作台的工作日历计算。工作台设有暂停规则（有状态事件表）时，等待客户的时间不计入：服务时钟暂停。',
      ),
    ),
    'hours',
    RESOLVED,
    (end) => `BUSINESS_HOURS(created_at, ${end})`,
    { business: true, measure: (end) => `BUSINESS_HOURS(created_at, ${end}) - paused_minutes / 60` },
  ),
  metric(
    'fcr_rate',
    text('First contact resolution (FCR)', '首次解决率 (FCR)'),
    text(
      'Share of resolved tickets that were never reopened and never transferred: solved by the first person, at the first attempt.',
      '已解决工单中从未重开、从未转派的比例：由第一位处理人一次解决。',
    ),
    'percent',
    'higher-is-better',
    30,
    [
      variant(['resolved_at', 'reopen_count', 'transfer_count'], 'created_at', {
        kind: 'ratio',
        numerator: 'IF(resolved_at IS NOT NULL AND COALESCE(reopen_count, 0) = 0 AND COALESCE(transfer_count, 0) = 0, 1, 0)',
        denominator: 'IF(resolved_at IS NOT NULL, 1, 0)',
      }),
    ],
  ),
  metric(
    'reopen_rate',
    text('Reopen rate', '重开率'),
    text('Share of tickets resolved at least once that were reopened afterwards.', '至少解决过一次的工单中，之后被重开的比例。'),
    'percent',
    'lower-is-better',
    30,
    [
      variant(['resolved_at', 'reopen_count'], 'created_at', {
        kind: 'ratio',
        numerator: 'IF(reopen_count >= 1, 1, 0)',
        denominator: 'IF(resolved_at IS NOT NULL OR reopen_count >= 1, 1, 0)',
      }),
    ],
  ),
  metric(
    'transfer_rate',
    text('Transfer rate', '转派率'),
    text('Share of tickets transferred at least once.', '至少转派过一次的工单比例。'),
    'percent',
    'lower-is-better',
    30,
    [variant(['transfer_count'], 'created_at', { kind: 'ratio', numerator: 'IF(transfer_count >= 1, 1, 0)', denominator: 'IF(transfer_count IS NOT NULL, 1, 0)' })],
  ),
  metric(
    'transfer_2plus_share',
    text('Tickets transferred twice or more', '多次转派工单占比'),
    text('Share of tickets transferred two or more times (bounced between teams).', '转派两次及以上（在团队间来回流转）的工单比例。'),
    'percent',
    'lower-is-better',
    30,
    [variant(['transfer_count'], 'created_at', { kind: 'ratio', numerator: 'IF(transfer_count >= 2, 1, 0)', denominator: 'IF(transfer_count IS NOT NULL, 1, 0)' })],
  ),
  metric(
    'sla_attainment',
    text('SLA attainment', 'SLA 达成率'),
    text(
      'Share of tickets that met their service-level target: as the export flags it, or resolved (or closed) by their due time. Tickets not yet resolved are counted once they are.',
      '达到服务时限的工单比例：以导出数据中的达标标记为准，或按在截止时间前解决（或关闭）计算。尚未解决的工单在解决后计入。',
    ),
    'percent',
    'higher-is-better',
    30,
    [
      variant(['sla_met'], 'created_at', { kind: 'ratio', numerator: 'IF(sla_met = 1, 1, 0)', denominator: 'IF(sla_met IS NOT NULL, 1, 0)' }),
      ...RESOLVED.map((end) =>
        variant([end.role, 'sla_due_at'], 'created_at', {
          kind: 'ratio',
          numerator: `IF(${end.field} IS NOT NULL AND sla_due_at IS NOT NULL AND ${end.field} <= sla_due_at, 1, 0)`,
          denominator: `IF(${end.field} IS NOT NULL AND sla_due_at IS NOT NULL, 1, 0)`,
        }),
      ),
    ],
  ),
  metric(
    'sla_breach_count',
    text('SLA breaches', 'SLA 违约数'),
    text('Tickets that missed their service-level target (flagged so, or resolved after their due time).', '未达到服务时限的工单数（标记为未达标，或在截止时间后才解决）。'),
    'count',
    'lower-is-better',
    1,
    [
      variant(['sla_met'], 'created_at', { kind: 'count', where: 'sla_met = 0' }),
      ...RESOLVED.map((end) => variant([end.role, 'sla_due_at'], 'created_at', { kind: 'count', where: `${end.field} > sla_due_at` })),
    ],
  ),
  metric(
    'frt_sla_attainment',
    text('First-response SLA attainment', '首响达标率'),
    text(
      'Share of answered tickets whose first response came within the first-response target of their priority and channel, as the workbench’s SLA targets set it (in business or calendar minutes).',
      '已响应工单中，首次响应在其优先级与渠道的首响时限内的比例，时限按工作台的 SLA 目标设置（按工作时间或自然时间计算）。',
    ),
    'percent',
    'higher-is-better',
    30,
    // computed only from the workbench's SLA targets (see sla-policy.ts)
    [],
  ),
  metric(
    'backlog',
    text('Backlog (open at period end)', '积压工单（期末未解决）'),
    text(
      'Tickets created before the end of the period and not resolved by then (without a period: at the latest time in the data).',
      '在期末之前创建、且到期末仍未解决的工单数（未指定期间时，以数据中最晚的时间为准）。',
    ),
    'count',
    'lower-is-better',
    1,
    [{ requires: ['created_at', 'resolved_at'], timeRole: 'created_at', stock: true, formula: { kind: 'count', where: 'created_at < AS_OF AND (resolved_at IS NULL OR resolved_at >= AS_OF)' } }],
  ),
  metric(
    'backlog_age',
    text('Backlog age (mean days open)', '积压工单平均账龄（天）'),
    text('The mean number of days the tickets of the backlog have been open at the end of the period.', '期末积压工单已开启天数的平均值。'),
    'days',
    'lower-is-better',
    10,
    [
      {
        requires: ['created_at', 'resolved_at'],
        timeRole: 'created_at',
        stock: true,
        formula: { kind: 'mean', value: 'DAYS_BETWEEN(created_at, AS_OF)', where: 'created_at < AS_OF AND (resolved_at IS NULL OR resolved_at >= AS_OF)' },
      },
    ],
  ),
  metric(
    'csat_mean',
    text('CSAT (mean score)', '满意度（平均分）'),
    text('The mean of the satisfaction scores given, over the surveys answered.', '已回复调查的满意度评分均值。'),
    'score',
    'higher-is-better',
    30,
    [variant(['csat'], 'created_at', { kind: 'mean', value: 'csat' })],
  ),
  metric(
    'csat_satisfied_share',
    text('CSAT (% satisfied, 4–5)', '满意度（4–5 分占比）'),
    text('Share of satisfaction scores of 4 or 5 on a five-point scale, among the scores given.', '五分制下评 4 分或 5 分的比例（在已评分中）。'),
    'percent',
    'higher-is-better',
    30,
    [variant(['csat'], 'created_at', { kind: 'ratio', numerator: 'IF(csat >= 4, 1, 0)', denominator: 'IF(csat IS NOT NULL, 1, 0)' })],
  ),
  metric(
    'nps',
    text('Net Promoter Score (NPS)', '净推荐值 (NPS)'),
    text('Percentage of promoters (9–10) minus percentage of detractors (0–6), among the scores given; from −100 to 100.', '推荐者（9–10 分）占比减去贬损者（0–6 分）占比（在已评分中），取值 −100 到 100。'),
    'nps',
    'higher-is-better',
    30,
    [variant(['nps'], 'created_at', { kind: 'nps', score: 'nps' })],
  ),
  metric(
    'ces_mean',
    text('Customer effort (CES, mean)', '客户费力度（CES 均值）'),
    text('The mean customer effort score over the answers given, as the survey scales it.', '已回答的客户费力度评分均值，按调查本身的量表。'),
    'score',
    'neutral',
    30,
    [variant(['ces'], 'created_at', { kind: 'mean', value: 'ces' })],
  ),
  metric(
    'complaint_rate',
    text('Complaint rate', '投诉率'),
    text('Share of tickets whose category is a complaint (投诉, complaint).', '问题类别为投诉（投诉、complaint）的工单比例。'),
    'percent',
    'lower-is-better',
    30,
    [
      variant(['category'], 'created_at', {
        kind: 'ratio',
        numerator: "IF(CONTAINS(category, '投诉') OR CONTAINS(LOWER(category), 'complaint'), 1, 0)",
        denominator: 'IF(category IS NOT NULL, 1, 0)',
      }),
    ],
  ),
  metric(
    'repeat_contact_rate',
    text('Repeat contact rate (7 days)', '重复来电率（7 天）'),
    text(
      'Share of tickets whose customer had opened another ticket in the 7 days before, in any channel: the problem was not solved the first time. The earlier ticket may fall before the period shown.',
      '客户在此前 7 天内已开过工单（任何渠道）的工单比例：说明问题第一次没有解决。较早的那张工单可以在所选期间之前。',
    ),
    'percent',
    'lower-is-better',
    30,
    [
      {
        requires: ['customer_id'],
        timeRole: 'created_at',
        derived: [{ name: 'days_since_previous_contact', kind: 'daysSincePrevious', partition: 'customer_id', order: 'created_at' }],
        formula: { kind: 'ratio', numerator: 'IF(customer_id IS NOT NULL AND days_since_previous_contact <= 7, 1, 0)', denominator: 'IF(customer_id IS NOT NULL, 1, 0)' },
      },
    ],
  ),
  metric(
    'churn_after_complaint',
    text('Churn after complaint (90 days)', '投诉后流失率（90 天）'),
    text(
      'Of the customers who complained (a ticket in a complaint category, or a satisfaction score of 1–2), the share who churned within 90 days of their first complaint; each customer counts once, in the period of their first complaint. Churn is read from the churn date of the customer table the tickets point at by customer ID or, without one, from a table of customer activity (orders, purchases, logins): no activity in the 90 days after the complaint counts as churn, and complaints closer than 90 days to the end of the activity data are not counted yet.',
      '在投诉过的客户（问题类别为投诉，或满意度评 1–2 分）中，首次投诉后 90 天内流失的客户比例；每位客户只计一次，计入其首次投诉所在的期间。流失取自工单通过客户编号关联的客户表中的流失日期；没有时，取自客户活跃记录表（下单、购买、登录）：投诉后 90 天内无任何活跃即视为流失，距活跃数据末尾不足 90 天的投诉暂不计入。',
    ),
    'percent',
    'lower-is-better',
    30,
    [
      { requires: ['category', 'csat'], formula: "CONTAINS(category, '投诉') OR CONTAINS(LOWER(category), 'complaint') OR csat <= 2" },
      { requires: ['category'], formula: "CONTAINS(category, '投诉') OR CONTAINS(LOWER(category), 'complaint')" },
      { requires: ['csat'], formula: 'csat <= 2' },
    ].map(
      (complaint): MetricVariant => ({
        requires: ['customer_id', 'created_at', ...(complaint.requires as FieldRole[])],
        timeRole: 'created_at',
        derived: [{ name: 'churned_after_first_complaint', kind: 'churnAfterFirstComplaint', complaint: complaint.formula, withinDays: 90 }],
        formula: { kind: 'ratio', numerator: 'IF(churned_after_first_complaint = 1, 1, 0)', denominator: 'IF(churned_after_first_complaint IS NOT NULL, 1, 0)' },
      }),
    ),
  ),
  metric(
    'survey_response_rate',
    text('Survey response rate', '调查回复率'),
    text('Share of the satisfaction surveys sent that were answered.', '已发送的满意度调查中得到回复的比例。'),
    'percent',
    'higher-is-better',
    30,
    [
      variant(['survey_sent_at', 'survey_responded_at'], 'survey_sent_at', {
        kind: 'ratio',
        numerator: 'IF(survey_responded_at IS NOT NULL, 1, 0)',
        denominator: 'IF(survey_sent_at IS NOT NULL, 1, 0)',
      }),
    ],
  ),
];

export function catalogueMetric(id: string): MetricDefinition | undefined {
  return METRIC_CATALOGUE.find((m) => m.id === id);
}

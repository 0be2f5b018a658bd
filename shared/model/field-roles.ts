import type { ColumnType, LocalizedText } from '../api/types';
import { format } from '../i18n/messages';

/**
 * The roles a field can play in service data. Metrics are defined on roles, not on column names,
 * so the same catalogue works on every client's export once its fields are mapped.
 */
export const FIELD_ROLES = [
  'ticket_id',
  'customer_id',
  'created_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'sla_due_at',
  'sla_met',
  'channel',
  'category',
  'product',
  'region',
  'city',
  'agent',
  'team',
  'priority',
  'status',
  'csat',
  'nps',
  'ces',
  'reopen_count',
  'transfer_count',
  'comment',
  'survey_sent_at',
  'survey_responded_at',
  'churned_at',
  'activity_at',
  'event_at',
  'event_type',
] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

/** What kind of value a role needs: a key, a moment, a grouping, a score or count, or free text. */
export type RoleKind = 'key' | 'time' | 'dimension' | 'measure' | 'text';

export interface RoleInfo {
  readonly role: FieldRole;
  readonly kind: RoleKind;
  readonly label: LocalizedText;
  /** Column types a field must have to take the role. */
  readonly types: readonly ColumnType[];
  /** Names that mean the role, in Chinese and English, compared after `normalizeFieldName`. The
   * first ones are the strongest; a name that merely contains one of them scores lower. */
  readonly synonyms: readonly string[];
  /** Inclusive range every value must fall in (scores), checked against the data when suggesting. */
  readonly range?: readonly [number, number] | undefined;
  /** Words in a table's name that make the role likely there (a survey table's `responded_at` is
   * when the survey was answered, a ticket table's when the ticket was); the role is preferred in
   * such a table and its synonyms may repeat another role's. */
  readonly context?: readonly string[] | undefined;
}

const TIME: readonly ColumnType[] = ['datetime', 'date'];
const KEY: readonly ColumnType[] = ['text', 'integer'];
const GROUP: readonly ColumnType[] = ['text', 'integer'];
const COUNT: readonly ColumnType[] = ['integer', 'real'];
const SCORE: readonly ColumnType[] = ['integer', 'real'];

function role(role: FieldRole, kind: RoleKind, types: readonly ColumnType[], synonyms: readonly string[], range?: readonly [number, number], context?: readonly string[]): RoleInfo {
  const key = `role.${role}` as const;
  return { role, kind, label: { en: format('en', key), 'zh-CN': format('zh-CN', key) }, types, synonyms, range, context };
}

const SURVEY_TABLE = ['survey', 'surveys', 'questionnaire', 'feedback', '调查', '问卷', '回访', '评价'];

export const ROLE_INFO: Readonly<Record<FieldRole, RoleInfo>> = {
  ticket_id: role('ticket_id', 'key', KEY, ['ticketid', 'ticketno', 'ticketnumber', 'caseid', 'caseno', 'casenumber', '工单编号', '工单号', '工单id', '服务单号', '案例编号', 'incidentid', 'incidentnumber', 'requestid', 'srnumber', 'uniquekey', 'complaintid', '投诉编号']),
  customer_id: role('customer_id', 'key', KEY, ['customerid', 'customerno', 'customernumber', 'custid', 'custno', 'clientid', 'userid', 'memberid', 'accountid', '客户编号', '客户id', '客户号', '用户id', '用户编号', '会员号', '会员编号', '会员id', '账号']),
  created_at: role('created_at', 'time', TIME, ['createdat', 'createdtime', 'createdate', 'createddate', 'creationdate', 'opendate', 'openedat', 'submittedat', 'datereceived', '创建时间', '创建日期', '提交时间', '受理时间', '开单时间', '建单时间', '进线时间', '来电时间', 'created', 'opened']),
  first_response_at: role('first_response_at', 'time', TIME, ['firstresponseat', 'firstresponsetime', 'firstrespondedat', 'firstreplyat', 'firstreplytime', 'respondedat', '首次响应时间', '首响时间', '首次回复时间', '响应时间', 'firstresponse']),
  resolved_at: role('resolved_at', 'time', TIME, ['resolvedat', 'resolvedtime', 'resolutiondate', 'resolutiontime', 'timetoresolution', 'solvedat', 'completedat', '解决时间', '处理完成时间', '完成时间', '结案时间', '办结时间', 'resolved', 'solved']),
  closed_at: role('closed_at', 'time', TIME, ['closedat', 'closeddate', 'closedtime', 'closedate', '关闭时间', '关单时间', '归档时间', 'closed']),
  sla_due_at: role('sla_due_at', 'time', TIME, ['sladueat', 'sladue', 'duedate', 'dueat', 'duetime', 'deadline', 'slatarget', '截止时间', '到期时间', '承诺时间', '时限']),
  sla_met: role('sla_met', 'measure', ['boolean', 'integer'], ['slamet', 'withinsla', 'slaachieved', 'timelyresponse', 'timely', 'ontime', '是否达标', '是否及时', '及时响应', '按时完成', 'sla达成'], [0, 1]),
  channel: role('channel', 'dimension', GROUP, ['channel', 'contactchannel', 'source', 'submittedvia', 'opendatachannel', 'opendatachanneltype', 'origin', 'medium', '渠道', '来源渠道', '进线渠道', '受理渠道', '来源']),
  category: role('category', 'dimension', GROUP, ['category', 'issuecategory', 'issuetype', 'tickettype', 'complainttype', 'problemtype', 'issue', '问题类别', '问题类型', '问题分类', '工单类型', '投诉类型', '业务类型', '类别', '分类']),
  product: role('product', 'dimension', GROUP, ['product', 'productname', 'productmodel', 'productpurchased', 'model', 'sku', '产品', '产品名称', '产品型号', '型号', '商品']),
  region: role('region', 'dimension', GROUP, ['region', 'province', 'state', 'area', 'borough', 'territory', '地区', '区域', '省份', '省', '大区']),
  city: role('city', 'dimension', GROUP, ['city', 'town', 'municipality', '城市', '市', '地市']),
  agent: role('agent', 'dimension', GROUP, ['agent', 'agentname', 'assignee', 'owner', 'handler', 'representative', 'staff', '处理人', '客服', '坐席', '受理人', '经办人', '负责人', '客服姓名', '坐席工号']),
  team: role('team', 'dimension', GROUP, ['team', 'group', 'assignmentgroup', 'queue', 'department', 'agency', 'agencyname', '团队', '组别', '班组', '部门', '队列', '技能组']),
  priority: role('priority', 'dimension', GROUP, ['priority', 'severity', 'urgency', 'ticketpriority', '优先级', '紧急程度', '严重程度', '级别']),
  status: role('status', 'dimension', GROUP, ['status', 'ticketstatus', 'companyresponsetoconsumer', '状态', '工单状态', '处理状态']),
  csat: role('csat', 'measure', SCORE, ['csat', 'satisfaction', 'customersatisfaction', 'customersatisfactionrating', 'satisfactionscore', 'rating', '满意度', '满意度评分', '客户满意度', '评分', '评价分'], [0, 10]),
  nps: role('nps', 'measure', SCORE, ['nps', 'npsscore', 'recommend', 'likelihoodtorecommend', '推荐度', '推荐意愿', '净推荐值', '推荐分'], [0, 10]),
  ces: role('ces', 'measure', SCORE, ['ces', 'effort', 'customereffortscore', 'effortscore', '费力度', '费力程度', '客户费力度'], [1, 7]),
  reopen_count: role('reopen_count', 'measure', COUNT, ['reopencount', 'reopens', 'reopened', 'timesreopened', '重开次数', '重开', '重启次数'], [0, 1000]),
  transfer_count: role('transfer_count', 'measure', COUNT, ['transfercount', 'transfers', 'transferred', 'escalations', 'timestransferred', '转派次数', '转接次数', '转派', '转单次数'], [0, 1000]),
  comment: role('comment', 'text', ['text'], ['comment', 'comments', 'feedback', 'verbatim', 'narrative', 'consumercomplaintnarrative', 'description', 'ticketdescription', 'remark', '客户评价', '评价', '评论', '反馈内容', '投诉内容', '备注', '问题描述', '描述']),
  survey_sent_at: role('survey_sent_at', 'time', TIME, ['surveysentat', 'sentat', 'surveydate', 'invitedat', '发送时间', '调查发送时间', '邀评时间'], undefined, SURVEY_TABLE),
  survey_responded_at: role('survey_responded_at', 'time', TIME, ['surveyrespondedat', 'surveyansweredat', 'answeredat', 'respondedat', 'responsedate', '回复时间', '调查回复时间', '评价时间'], undefined, SURVEY_TABLE),
  churned_at: role('churned_at', 'time', TIME, ['churnedat', 'churndate', 'churnedon', 'cancelledat', 'canceldate', 'lostat', '流失日期', '流失时间', '注销时间', '解约时间']),
  activity_at: role('activity_at', 'time', TIME, ['orderdate', 'orderedat', 'ordertime', 'orderat', 'purchasedate', 'purchasedat', 'purchasetime', 'transactiondate', 'transactiontime', 'activityat', 'activitydate', 'logintime', 'lastlogin', '下单时间', '下单日期', '订单日期', '订单时间', '购买时间', '购买日期', '交易时间', '交易日期', '活跃时间', '登录时间']),
  event_at: role('event_at', 'time', TIME, ['eventat', 'eventtime', 'timestamp', 'completetimestamp', 'changedatetime', 'at', 'occurredat', '发生时间', '事件时间', '操作时间']),
  event_type: role('event_type', 'dimension', GROUP, ['eventtype', 'event', 'activity', 'action', 'conceptname', '事件', '事件类型', '操作', '动作']),
};

/**
 * A name as the role dictionary compares it: lower case, full-width letters and digits made
 * half-width, and everything that is not a letter or digit dropped (`客户 编号`, `Customer_No.`
 * and full-width `ＣＵＳＴＯＭＥＲ ＮＯ` all compare as `客户编号` / `customerno`).
 */
export function normalizeFieldName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function isFieldRole(value: string): value is FieldRole {
  return (FIELD_ROLES as readonly string[]).includes(value);
}

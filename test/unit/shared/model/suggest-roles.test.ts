import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../../shared/api/types';
import { FIELD_ROLES, ROLE_INFO, normalizeFieldName } from '../../../../shared/model/field-roles';
import { AUTO_APPLY_CONFIDENCE, rangeMatters, suggestRoles, type RoleCandidateField } from '../../../../shared/model/suggest-roles';

const field = (name: string, type: ColumnType, extra: Partial<RoleCandidateField> = {}): RoleCandidateField => ({ name, label: { en: name, 'zh-CN': name }, type, ...extra });
const mapping = (fields: readonly RoleCandidateField[]): Record<string, string> => Object.fromEntries(suggestRoles(fields).map((s) => [s.role, s.field]));

describe('the role dictionary', () => {
  it('holds every synonym in the form names are compared in, and no synonym under two roles unless a table context tells them apart', () => {
    const owners = new Map<string, string>();
    for (const role of FIELD_ROLES) {
      for (const synonym of ROLE_INFO[role].synonyms) {
        expect(normalizeFieldName(synonym), `${role}: ${synonym}`).toBe(synonym);
        if (ROLE_INFO[role].context !== undefined) continue;
        expect(owners.get(synonym), `${synonym} under ${role} and ${owners.get(synonym)}`).toBeUndefined();
        owners.set(synonym, role);
      }
    }
  });

  it('compares names without case, width, spaces or punctuation', () => {
    expect(normalizeFieldName('Customer_No.')).toBe('customerno');
    expect(normalizeFieldName('ＣＵＳＴＯＭＥＲ　ＮＯ')).toBe('customerno');
    expect(normalizeFieldName('客户 编号（主）')).toBe('客户编号主');
  });
});

describe('role suggestions', () => {
  it('map the same key named three ways in Chinese and English', () => {
    for (const name of ['用户ID', '客户编号', 'customer no', 'Cust_ID', '会员号']) {
      expect(suggestRoles([field(name, 'text')]), name).toEqual([expect.objectContaining({ role: 'customer_id', field: name, confidence: 0.95 })]);
    }
  });

  it('map the demo tickets table completely and confidently', () => {
    const fields = [
      field('ticket_id', 'text'),
      field('customer_id', 'text'),
      field('channel', 'text'),
      field('category', 'text'),
      field('product', 'text'),
      field('region', 'text'),
      field('agent', 'text'),
      field('team', 'text'),
      field('priority', 'text'),
      field('created_at', 'datetime'),
      field('first_response_at', 'datetime'),
      field('resolved_at', 'datetime'),
      field('status', 'text'),
      field('reopen_count', 'integer', { min: 0, max: 2 }),
      field('transfer_count', 'integer', { min: 0, max: 3 }),
      field('csat', 'integer', { min: 1, max: 5 }),
      field('nps', 'integer', { min: 0, max: 10 }),
      field('ces', 'integer', { min: 1, max: 7 }),
      field('comment', 'text'),
    ];
    const suggestions = suggestRoles(fields);
    expect(mapping(fields)).toEqual(Object.fromEntries(fields.map((f) => [f.name, f.name])));
    expect(suggestions.every((s) => s.confidence >= AUTO_APPLY_CONFIDENCE)).toBe(true);
  });

  it('read a Chinese ticket export by its headers, and the labels when the names are made SQL-safe', () => {
    expect(
      mapping([
        field('工单号', 'text'),
        field('客户编号', 'text'),
        field('进线渠道', 'text'),
        field('问题分类', 'text'),
        field('创建时间', 'datetime'),
        field('首次响应时间', 'datetime'),
        field('办结时间', 'datetime'),
        field('满意度评分', 'integer', { min: 1, max: 5 }),
        field('客服', 'text'),
      ]),
    ).toEqual({
      ticket_id: '工单号',
      customer_id: '客户编号',
      channel: '进线渠道',
      category: '问题分类',
      created_at: '创建时间',
      first_response_at: '首次响应时间',
      resolved_at: '办结时间',
      csat: '满意度评分',
      agent: '客服',
    });
    expect(mapping([{ name: 'column_3', label: { en: '首次响应时间', 'zh-CN': '首次响应时间' }, type: 'datetime' }])).toEqual({ first_response_at: 'column_3' });
  });

  it('read NYC 311 and CFPB exports as their columns mean', () => {
    const nyc = ['unique_key', 'created_date', 'closed_date', 'agency', 'complaint_type', 'incident_zip', 'city', 'status', 'due_date', 'resolution_action_updated_date', 'borough'];
    const types: Record<string, ColumnType> = { created_date: 'datetime', closed_date: 'datetime', due_date: 'datetime', resolution_action_updated_date: 'datetime' };
    expect(mapping(nyc.map((n) => field(n, types[n] ?? 'text')))).toEqual({
      ticket_id: 'unique_key',
      created_at: 'created_date',
      closed_at: 'closed_date',
      sla_due_at: 'due_date',
      category: 'complaint_type',
      region: 'borough',
      city: 'city',
      team: 'agency',
      status: 'status',
    });
    const cfpb = mapping([
      field('date_received', 'date'),
      field('product', 'text'),
      field('sub_product', 'text'),
      field('issue', 'text'),
      field('consumer_complaint_narrative', 'text'),
      field('state', 'text'),
      field('submitted_via', 'text'),
      field('company_response_to_consumer', 'text'),
      field('timely_response', 'boolean'),
      field('complaint_id', 'integer'),
    ]);
    expect(cfpb).toEqual({
      ticket_id: 'complaint_id',
      created_at: 'date_received',
      sla_met: 'timely_response',
      channel: 'submitted_via',
      category: 'issue',
      product: 'product',
      region: 'state',
      status: 'company_response_to_consumer',
      comment: 'consumer_complaint_narrative',
    });
  });

  it('take a role only for a field of a fitting type and range, and score a name that merely contains a synonym lower', () => {
    expect(mapping([field('created_at', 'text')])).toEqual({});
    expect(mapping([field('csat', 'integer', { min: 0, max: 100 })])).toEqual({});
    const [partial] = suggestRoles([field('首次响应时间_系统', 'datetime')]);
    expect(partial).toMatchObject({ role: 'first_response_at', matched: '首次响应时间' });
    expect(partial!.confidence).toBeLessThan(0.95);
    expect(partial!.confidence).toBeGreaterThan(0.6);
    expect(suggestRoles([field('Customer Name', 'text')])).toEqual([]);
  });

  it('ask for the range only of numbers named like scores and counts, so the data is scanned for those alone', () => {
    expect(rangeMatters(field('满意度', 'integer'))).toBe(true);
    expect(rangeMatters(field('nps_score', 'real'))).toBe(true);
    expect(rangeMatters(field('满意度', 'text'))).toBe(false);
    expect(rangeMatters(field('reopen_count', 'integer'))).toBe(true);
    expect(rangeMatters(field('handle_time', 'integer'))).toBe(false);
    expect(rangeMatters(field('refund', 'real'))).toBe(false);
  });

  it('read a time by the table it is in: a survey table’s responded_at is the survey’s answer, a ticket table’s the first response', () => {
    const fields = [field('sent_at', 'datetime'), field('responded_at', 'datetime')];
    expect(mapping(fields)).toEqual({ first_response_at: 'responded_at', survey_sent_at: 'sent_at' });
    expect(Object.fromEntries(suggestRoles(fields, 'surveys 满意度调查').map((s) => [s.role, s.field]))).toEqual({ survey_sent_at: 'sent_at', survey_responded_at: 'responded_at' });
  });

  it('give each role one field and each field one role, the most confident first', () => {
    const suggestions = suggestRoles([field('created', 'datetime'), field('created_at', 'datetime'), field('closed_at', 'datetime')]);
    expect(suggestions.map((s) => [s.role, s.field])).toEqual([
      ['created_at', 'created'],
      ['closed_at', 'closed_at'],
    ]);
  });
});

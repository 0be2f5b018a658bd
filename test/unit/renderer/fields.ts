import type { FieldRef } from '../../../shared/chart/sheet-state';
import { RECORD_COUNT_FIELD, RECORD_COUNT_LABEL } from '../../../shared/chart/sheet-state';

const tickets = { en: 'Tickets', 'zh-CN': '工单' };

export const region: FieldRef = { table: 'tickets', tableLabel: tickets, field: 'region', label: { en: 'Region', 'zh-CN': '地区' }, kind: 'dimension', type: 'text', defaultAggregate: 'count_distinct' };
export const channel: FieldRef = { ...region, field: 'channel', label: { en: 'Channel', 'zh-CN': '渠道' } };
export const csat: FieldRef = { ...region, field: 'csat', label: { en: 'CSAT', 'zh-CN': '满意度' }, kind: 'measure', type: 'integer', defaultAggregate: 'avg' };
export const createdAt: FieldRef = { ...region, field: 'created_at', label: { en: 'Created at', 'zh-CN': '创建时间' }, kind: 'temporal', type: 'datetime' };
export const records: FieldRef = { ...region, field: RECORD_COUNT_FIELD, label: RECORD_COUNT_LABEL, kind: 'measure', type: 'integer', defaultAggregate: 'count' };
export const customerSegment: FieldRef = { ...region, table: 'customers', tableLabel: { en: 'Customers', 'zh-CN': '客户' }, field: 'segment', label: { en: 'Segment', 'zh-CN': '客户类型' } };

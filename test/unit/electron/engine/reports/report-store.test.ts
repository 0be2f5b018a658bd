import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../../electron/engine/api-dispatcher';
import { deleteBoard, saveBoard } from '../../../../../electron/engine/boards/board-store';
import { saveChart } from '../../../../../electron/engine/documents/saved-charts';
import { saveDashboard } from '../../../../../electron/engine/documents/saved-dashboards';
import { deleteReport, getReport, listReports, saveReport } from '../../../../../electron/engine/reports/report-store';
import { createWorkbenchFile, openWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { format, type MessageKey } from '../../../../../shared/i18n/messages';
import { newBoardSpec } from '../../../../../shared/spec/board-spec';
import { EMPTY_CHART_SPEC } from '../../../../../shared/spec/chart-spec';
import { EMPTY_DASHBOARD_SPEC } from '../../../../../shared/spec/dashboard-spec';
import { EMPTY_REPORT_SPEC, type ReportBlock, type ReportSpec } from '../../../../../shared/spec/report-spec';
import { useEngineWorkbench } from '../../../../support/engine-workbench';
import { tempDir } from '../../../../support/paths';

const MONTH = { from: '2024-12-01', to: '2024-12-31' };

function refusal(work: () => unknown): { readonly key: MessageKey; readonly en: string; readonly zh: string } {
  try {
    work();
  } catch (error) {
    if (!(error instanceof RootwiseError)) throw error;
    return { key: error.key, en: format('en', error.key, error.params), zh: format('zh-CN', error.key, error.params) };
  }
  throw new Error('expected a RootwiseError');
}

describe('the report store', () => {
  let db: Database.Database;
  let file: string;
  let cleanup: () => void;
  let ids: { chart: number; dashboard: number; board: number };
  beforeEach(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    file = path.join(made.dir, 'wb.rootwise');
    db = createWorkbenchFile(file, 'test').db;
    const chart = saveChart(db, { name: '按区域', spec: { ...EMPTY_CHART_SPEC, table: 'tickets', shelves: { ...EMPTY_CHART_SPEC.shelves, columns: [{ field: 'region' }], rows: [{ aggregate: 'count' }] } } });
    const dashboard = saveDashboard(db, { name: '周会', spec: EMPTY_DASHBOARD_SPEC });
    const board = saveBoard(db, { name: '满意度下降', spec: newBoardSpec({ metric: 'csat_mean', filters: [], periodA: MONTH, periodB: MONTH }), summary: 'board created' });
    ids = { chart: chart.id, dashboard: dashboard.id, board: board.id };
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  function everyKind(): ReportSpec {
    const context = { filters: [{ field: 'channel', filter: { op: 'in' as const, values: ['电话'] } }], period: MONTH };
    const blocks: ReportBlock[] = [
      { id: 'b1', kind: 'title', title: '十二月复盘', subtitle: '2024年12月' },
      { id: 'b2', kind: 'heading', text: '概览', level: 1 },
      { id: 'b3', kind: 'text', markdown: '**重点**：电话渠道' },
      { id: 'b4', kind: 'kpis', table: 'tickets', metrics: ['ticket_volume', 'csat_mean'], context },
      { id: 'b5', kind: 'chart', chart: { chartId: ids.chart }, context },
      { id: 'b6', kind: 'dashboard', dashboardId: ids.dashboard, context: { filters: [], period: null } },
      { id: 'b7', kind: 'table', spec: { ...EMPTY_CHART_SPEC, table: 'tickets', kind: 'table' }, title: { en: 'Rows', 'zh-CN': '明细' }, context },
      { id: 'b8', kind: 'board', boardId: ids.board },
      { id: 'b9', kind: 'explainer', boardId: ids.board },
      { id: 'b10', kind: 'actions', boardId: null },
      { id: 'b11', kind: 'pageBreak' },
    ];
    return { ...EMPTY_REPORT_SPEC, period: MONTH, previous: { from: '2024-11-01', to: '2024-11-30' }, blocks };
  }

  it('keeps every kind of block, updates in place, and comes back after the file is opened again', async () => {
    expect(listReports(db)).toEqual([]);
    const spec = everyKind();
    const saved = saveReport(db, { name: '月度复盘', spec, template: 'monthly-review' });
    expect(saved).toMatchObject({ name: '月度复盘', spec, template: 'monthly-review' });
    const edited = saveReport(db, { id: saved.id, name: '十二月复盘', spec: { ...spec, blocks: spec.blocks.slice(0, 3) } });
    expect(edited).toMatchObject({ id: saved.id, name: '十二月复盘', template: 'monthly-review', createdAt: saved.createdAt });
    expect(edited.spec.blocks.map((b) => b.id)).toEqual(['b1', 'b2', 'b3']);
    db.close();

    const reopened = await openWorkbenchFile(file);
    db = reopened.db;
    expect(listReports(db)).toEqual([{ id: saved.id, name: '十二月复盘', template: 'monthly-review', blocks: 3, createdAt: saved.createdAt, updatedAt: edited.updatedAt }]);
    expect(getReport(db, saved.id).spec).toEqual(edited.spec);
  });

  it('lists reports in the order they were made and deletes one without touching the others', () => {
    const first = saveReport(db, { name: 'B 报告', spec: EMPTY_REPORT_SPEC });
    const second = saveReport(db, { name: 'A 报告', spec: everyKind() });
    const third = saveReport(db, { name: 'C 报告', spec: EMPTY_REPORT_SPEC });
    saveReport(db, { id: first.id, name: 'B 报告（改）', spec: EMPTY_REPORT_SPEC });
    expect(listReports(db).map((r) => [r.name, r.blocks, r.template])).toEqual([
      ['B 报告（改）', 0, null],
      ['A 报告', 11, null],
      ['C 报告', 0, null],
    ]);
    deleteReport(db, second.id);
    expect(listReports(db).map((r) => r.id)).toEqual([first.id, third.id]);
    expect(refusal(() => getReport(db, second.id)).key).toBe('error.report.notFound');
    expect(refusal(() => deleteReport(db, second.id)).key).toBe('error.report.notFound');
    expect(refusal(() => saveReport(db, { id: second.id, name: 'x', spec: EMPTY_REPORT_SPEC })).key).toBe('error.report.notFound');
    // a new report goes after the last, even after a delete
    expect(saveReport(db, { name: 'D', spec: EMPTY_REPORT_SPEC }).id).toBe(listReports(db).at(-1)!.id);
  });

  it('refuses twin block ids and blocks whose chart, dashboard or board is gone, naming the block in both languages', () => {
    const spec = everyKind();
    const twins = refusal(() => saveReport(db, { name: 'r', spec: { ...spec, blocks: [...spec.blocks, { id: 'b3', kind: 'pageBreak' }] } }));
    expect(twins).toMatchObject({ key: 'error.report.duplicateBlock' });
    expect(twins.en).toContain('“b3”');
    expect(twins.zh).toContain('“b3”');

    const with_ = (block: ReportBlock): ReportSpec => ({ ...EMPTY_REPORT_SPEC, blocks: [block] });
    const chart = refusal(() => saveReport(db, { name: 'r', spec: with_({ id: 'c', kind: 'chart', chart: { chartId: 999 }, context: { filters: [], period: null } }) }));
    expect(chart).toMatchObject({ key: 'error.report.chartMissing' });
    expect(chart.en).toContain('Block “c”');
    expect(chart.zh).toContain('区块“c”');
    expect(chart.en).toContain('999');
    expect(refusal(() => saveReport(db, { name: 'r', spec: with_({ id: 'd', kind: 'dashboard', dashboardId: 999, context: { filters: [], period: null } }) })).key).toBe('error.report.dashboardMissing');
    expect(refusal(() => saveReport(db, { name: 'r', spec: with_({ id: 'e', kind: 'explainer', boardId: 999 }) })).key).toBe('error.report.boardMissing');
    expect(refusal(() => saveReport(db, { name: 'r', spec: with_({ id: 'a', kind: 'actions', boardId: 999 }) })).key).toBe('error.report.boardMissing');
    expect(listReports(db)).toEqual([]);

    // a report outlives the board it shows; saving it again says which block lost its board
    const saved = saveReport(db, { name: 'r', spec });
    deleteBoard(db, ids.board);
    expect(getReport(db, saved.id).spec).toEqual(spec);
    const gone = refusal(() => saveReport(db, { id: saved.id, name: 'r', spec }));
    expect(gone).toMatchObject({ key: 'error.report.boardMissing' });
    expect(gone.en).toContain('Block “b8”');
    expect(getReport(db, saved.id).name).toBe('r');
  });
});

describe('reports through the dispatcher', () => {
  const bench = useEngineWorkbench();

  it('saves, lists and deletes, and refuses a malformed spec naming the path', async () => {
    const dispatch = createDispatcher(bench.engine);
    const blank = await dispatch('createReportFromTemplate', { template: 'blank', locale: 'zh-CN' });
    expect(blank).toMatchObject({ ok: true, value: { name: '新建报告', template: null, spec: EMPTY_REPORT_SPEC } });
    const id = blank.ok ? (blank.value as { id: number }).id : 0;
    const spec: ReportSpec = { ...EMPTY_REPORT_SPEC, blocks: [{ id: 'b1', kind: 'heading', text: '概览', level: 2 }] };
    expect(await dispatch('saveReport', { id, name: '周报', spec })).toMatchObject({ ok: true, value: { id, name: '周报', spec } });
    expect(await dispatch('listReports', {})).toMatchObject({ ok: true, value: [{ id, name: '周报', blocks: 1 }] });

    const badLevel = await dispatch('saveReport', { id, name: '周报', spec: { ...spec, blocks: [{ id: 'b1', kind: 'heading', text: '概览', level: 3 }] } });
    expect(badLevel).toMatchObject({ ok: false, error: { key: 'error.invalidRequest' } });
    expect(badLevel.ok ? '' : badLevel.error.message.en).toContain('spec.blocks.0.level');
    const badKind = await dispatch('saveReport', { id, name: '周报', spec: { ...spec, blocks: [{ id: 'b1', kind: 'video' }] } });
    expect(badKind.ok ? '' : badKind.error.message.en).toContain('spec.blocks.0.kind');
    const badPeriod = await dispatch('saveReport', { id, name: '周报', spec: { ...spec, period: { from: '12/01/2024', to: '2024-12-31' } } });
    expect(badPeriod.ok ? '' : badPeriod.error.message.en).toContain('spec.period.from');
    const extra = await dispatch('saveReport', { id, name: '周报', spec: { ...spec, theme: 'dark' } });
    expect(extra.ok).toBe(false);
    const badMonth = await dispatch('createReportFromTemplate', { template: 'monthly-review', period: '2024-13', locale: 'en' });
    expect(badMonth.ok ? '' : badMonth.error.message.en).toContain('period');
    const noTickets = await dispatch('createReportFromTemplate', { template: 'monthly-review', locale: 'en' });
    expect(noTickets).toMatchObject({ ok: false, error: { key: 'error.report.noTicketTable' } });
    expect((await dispatch('getReport', { id })).ok).toBe(true);

    expect(await dispatch('deleteReport', { id })).toEqual({ ok: true, value: { removed: true } });
    expect(await dispatch('getReport', { id })).toMatchObject({ ok: false, error: { key: 'error.report.notFound' } });
  });
});

import { create } from 'zustand';
import { format, type Locale } from '../../../shared/i18n/messages';
import type { BoardSummary } from '../../../shared/spec/board-spec';
import type { ChartSummary } from '../../../shared/spec/chart-spec';
import type { DashboardSummary } from '../../../shared/spec/dashboard-spec';
import { EMPTY_REPORT_SPEC, type ReportFormat, type ReportSpec, type ReportSummary, type SavedReport } from '../../../shared/spec/report-spec';
import type { HistoryActionName } from '../../actions/action-types';
import { api } from '../../api/client';
import { documentSwitcher, documentToShow } from '../../state/open-document';
import { asApiCallError } from '../../state/workbench-store';
import { saveFile } from '../../ui/save-file';
import { useToastStore } from '../toasts/toast-store';
import { nextBlockId, recordEdit, redoEdit, undoEdit, type ReportEdit, type ReportHistoryEntry } from './report-edits';

/** Changes are saved this long after the last one, so a burst of typing is one write. */
export const REPORT_AUTOSAVE_MS = 500;

type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed';

/** The export running for the open report: blocks done of all, from the engine's progress events. */
export interface ReportExportJob {
  readonly jobId: string;
  readonly format: ReportFormat;
  readonly done: number;
  readonly total: number;
  readonly cancelling: boolean;
}

/** What blocks can show: the workbench's saved charts, dashboards and boards. */
export interface ReportCatalog {
  readonly charts: readonly ChartSummary[];
  readonly dashboards: readonly DashboardSummary[];
  readonly boards: readonly BoardSummary[];
}

export const FORMAT_MIME: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html;charset=utf-8',
};

interface ReportStore {
  readonly list: readonly ReportSummary[];
  readonly loaded: boolean;
  readonly open: SavedReport | null;
  readonly spec: ReportSpec;
  readonly past: readonly ReportHistoryEntry[];
  readonly future: readonly ReportHistoryEntry[];
  readonly status: SaveStatus;
  /** The block whose editor shows on the right. */
  readonly selected: string | null;
  readonly catalog: ReportCatalog;
  readonly job: ReportExportJob | null;
  readonly load: () => Promise<void>;
  readonly select: (id: number) => Promise<void>;
  readonly create: (template: 'monthly-review' | 'blank', locale: Locale) => Promise<void>;
  readonly rename: (name: string) => Promise<void>;
  readonly remove: (id: number) => Promise<void>;
  readonly edit: (edit: ReportEdit) => void;
  /** Adds a block (an edit whose result has one block more) and selects it. */
  readonly add: (edit: ReportEdit) => void;
  readonly performHistory: (name: HistoryActionName) => void;
  readonly selectBlock: (id: string | null) => void;
  readonly save: () => Promise<void>;
  /** Exports the open report; an Excel export also carries the workbench `tables` named. */
  readonly exportAs: (format: ReportFormat, locale: Locale, tables?: readonly string[]) => Promise<void>;
  readonly cancelExport: () => Promise<void>;
}

let timer: number | undefined;

function reportFailure(error: unknown, title: 'reports.failed' | 'reports.export.failed' = 'reports.failed'): void {
  const failure = asApiCallError(error);
  useToastStore.getState().show({ tone: 'error', title, message: (locale) => failure.messageFor(locale) });
}

const EMPTY_CATALOG: ReportCatalog = { charts: [], dashboards: [], boards: [] };

async function readCatalog(): Promise<ReportCatalog> {
  const [charts, dashboards, boards] = await Promise.all([api().listCharts({}), api().listDashboards({}), api().listBoards({})]);
  return { charts, dashboards, boards };
}

export const useReportStore = create<ReportStore>()((set, get) => {
  const show = async (report: SavedReport): Promise<void> => {
    set({ open: report, spec: report.spec, past: [], future: [], status: 'saved', selected: null, list: await api().listReports({}) });
  };
  const flush = async (): Promise<void> => {
    if (get().status === 'unsaved') await get().save();
  };
  const switchTo = documentSwitcher({ flush, show, fail: (error) => reportFailure(error) });
  const close = (): void => set({ open: null, spec: EMPTY_REPORT_SPEC, past: [], future: [], selected: null });
  return {
    list: [],
    loaded: false,
    open: null,
    spec: EMPTY_REPORT_SPEC,
    past: [],
    future: [],
    status: 'saved',
    selected: null,
    catalog: EMPTY_CATALOG,
    job: null,
    async load() {
      window.clearTimeout(timer);
      try {
        const [list, catalog] = await Promise.all([api().listReports({}), readCatalog()]);
        set({ list, catalog, loaded: true });
        const first = documentToShow(list, get().open);
        if (first === undefined) close();
        else await show(await api().getReport({ id: first.id }));
      } catch (error) {
        set({ loaded: true });
        reportFailure(error);
      }
    },
    async select(id) {
      if (get().open?.id === id) return;
      await switchTo(() => api().getReport({ id }));
    },
    async create(template, locale) {
      await switchTo(() => api().createReportFromTemplate({ template, locale }));
    },
    async rename(name) {
      const open = get().open;
      const trimmed = name.trim();
      if (open === null || trimmed === '' || trimmed === open.name) return;
      await flush();
      try {
        const saved = await api().saveReport({ id: open.id, name: trimmed, spec: get().spec });
        set({ open: saved, list: await api().listReports({}) });
      } catch (error) {
        reportFailure(error);
      }
    },
    async remove(id) {
      window.clearTimeout(timer);
      try {
        await api().deleteReport({ id });
        const list = await api().listReports({});
        set({ list, status: 'saved' });
        if (get().open?.id === id) {
          const next = list[0];
          if (next === undefined) close();
          else await show(await api().getReport({ id: next.id }));
        }
      } catch (error) {
        reportFailure(error);
      }
    },
    edit(edit) {
      const { spec, past, future, open } = get();
      if (open === null) return;
      const history = { spec, past, future };
      const next = recordEdit(history, edit);
      if (next === history) return;
      const selected = get().selected;
      set({ ...next, status: 'unsaved', selected: next.spec.blocks.some((b) => b.id === selected) ? selected : null });
      scheduleSave();
    },
    add(edit) {
      const id = nextBlockId(get().spec);
      get().edit(edit);
      if (get().spec.blocks.some((b) => b.id === id)) set({ selected: id });
    },
    performHistory(name) {
      const { spec, past, future, open, selected } = get();
      if (open === null) return;
      const history = { spec, past, future };
      const next = name === 'undo' ? undoEdit(history) : redoEdit(history);
      if (next === history) return;
      set({ ...next, status: 'unsaved', selected: next.spec.blocks.some((b) => b.id === selected) ? selected : null });
      scheduleSave();
    },
    selectBlock: (selected) => set({ selected }),
    async save() {
      window.clearTimeout(timer);
      const { open, spec } = get();
      if (open === null) return;
      set({ status: 'saving' });
      try {
        const saved = await api().saveReport({ id: open.id, name: open.name, spec });
        set({
          open: saved,
          status: get().status === 'saving' ? 'saved' : get().status,
          list: get().list.map((r) => (r.id === saved.id ? { ...r, blocks: saved.spec.blocks.length, updatedAt: saved.updatedAt } : r)),
        });
      } catch (error) {
        set({ status: 'failed' });
        reportFailure(error);
      }
    },
    async exportAs(reportFormat, locale, tables = []) {
      const open = get().open;
      if (open === null || get().job !== null) return;
      await flush();
      if (get().status === 'failed') return;
      const jobId = `report-${Date.now().toString(36)}`;
      set({ job: { jobId, format: reportFormat, done: 0, total: get().spec.blocks.length, cancelling: false } });
      const off = api().on('onDidReportProgress', (progress) => {
        const job = get().job;
        if (job?.jobId === progress.jobId && progress.total > 0) set({ job: { ...job, done: progress.done, total: progress.total } });
      });
      try {
        const result = await api().exportReport({ report: { id: open.id }, format: reportFormat, locale, jobId, ...(tables.length === 0 ? {} : { tables }) });
        if (result.bytes !== null) saveFile(result.name, result.bytes, FORMAT_MIME[reportFormat]);
        const size = Math.max(1, Math.round(result.size / 1024));
        useToastStore.getState().show({ tone: 'success', title: 'reports.export.doneTitle', message: (l) => format(l, 'reports.export.done', { name: result.name, size }) });
      } catch (error) {
        if (get().job?.cancelling === true) useToastStore.getState().show({ tone: 'info', message: (l) => format(l, 'reports.export.cancelled') });
        else reportFailure(error, 'reports.export.failed');
      } finally {
        off();
        set({ job: null });
      }
    },
    async cancelExport() {
      const job = get().job;
      if (job === null || job.cancelling) return;
      set({ job: { ...job, cancelling: true } });
      try {
        await api().cancelJob({ jobId: job.jobId });
      } catch (error) {
        reportFailure(error);
      }
    },
  };
});

function scheduleSave(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void useReportStore.getState().save(), REPORT_AUTOSAVE_MS);
}

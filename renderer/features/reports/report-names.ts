import { useMemo } from 'react';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { dashboardName } from '../dashboards/dashboard-edits';
import { useReportStore } from './report-store';
import type { ReportNames } from './report-text';

/** The names blocks show, in the reader's language: saved charts, dashboards, boards, metrics and fields. */
export function useReportNames(): ReportNames {
  const { t, label } = useT();
  const catalog = useReportStore((s) => s.catalog);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const metrics = useWorkbenchStore((s) => s.metrics);
  return useMemo<ReportNames>(() => {
    const metricById = new Map<string, MetricDefinition>();
    for (const list of Object.values(metrics)) for (const m of list) if (!metricById.has(m.id)) metricById.set(m.id, m);
    const fieldLabels = new Map<string, string>();
    for (const schema of Object.values(schemas)) for (const f of schema.fields) if (!fieldLabels.has(f.name)) fieldLabels.set(f.name, label(f.label));
    return {
      chart: (id) => catalog.charts.find((c) => c.id === id)?.name,
      dashboard: (id) => {
        const d = catalog.dashboards.find((x) => x.id === id);
        return d === undefined ? undefined : dashboardName(d, t('dashboard.overviewName'));
      },
      board: (id) => catalog.boards.find((b) => b.id === id)?.name,
      metric: (id) => {
        const m = metricById.get(id);
        return m === undefined ? id : label(m.name);
      },
      field: (name) => fieldLabels.get(name) ?? name,
      label,
    };
  }, [catalog, schemas, metrics, t, label]);
}

import { FieldList } from '../features/data-panel/FieldList';
import { ChartView } from '../features/chart/ChartView';
import { useChartQuery } from '../features/chart/use-chart-query';
import { useSheetPlan } from '../features/chart/use-sheet-plan';
import { Inspector } from '../features/inspector/Inspector';
import { ShelfPanel } from '../features/shelves/ShelfPanel';
import { SheetTabs } from '../features/sheets/SheetTabs';
import { WorkspaceLayout } from './WorkspaceLayout';

/** Fields on the left, shelves and the chart in the middle, the inspector on the right. */
export function AnalyzeWorkspace() {
  const planned = useSheetPlan();
  const spec = planned.kind === 'empty' ? undefined : planned.plan.spec;
  const query = useChartQuery(spec);
  // KPI cards' monthly trend, or a pivot table's row totals
  const trend = useChartQuery(planned.kind === 'kpi' ? planned.plan.trend : planned.kind === 'chart' ? planned.plan.extras.pivot?.rowTotals : undefined);
  return (
    <WorkspaceLayout
      left={<FieldList />}
      main={
        <div className="analyze-main">
          <ShelfPanel />
          <ChartView query={query} trend={trend} />
          <SheetTabs />
        </div>
      }
      right={<Inspector spec={spec} query={query} />}
    />
  );
}

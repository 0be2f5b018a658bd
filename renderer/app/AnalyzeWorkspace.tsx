import { useMemo } from 'react';
import { FieldList } from '../features/data-panel/FieldList';
import { ChartView } from '../features/chart/ChartView';
import { sheetQuery } from '../features/chart/sheet-query';
import { useChartQuery } from '../features/chart/use-chart-query';
import { Inspector } from '../features/inspector/Inspector';
import { ShelfPanel } from '../features/shelves/ShelfPanel';
import { SheetTabs } from '../features/sheets/SheetTabs';
import { useEditorStore } from '../state/editor-store';
import { WorkspaceLayout } from './WorkspaceLayout';

/** Fields on the left, shelves and the chart in the middle, the inspector on the right. */
export function AnalyzeWorkspace() {
  const sheet = useEditorStore((s) => s.sheet);
  const planned = useMemo(() => sheetQuery(sheet), [sheet]);
  const spec = planned.kind === 'chart' ? planned.plan.spec : undefined;
  const query = useChartQuery(spec);
  return (
    <WorkspaceLayout
      left={<FieldList />}
      main={
        <div className="analyze-main">
          <ShelfPanel />
          <ChartView query={query} />
          <SheetTabs />
        </div>
      }
      right={<Inspector spec={spec} query={query} />}
    />
  );
}

import { useMemo } from 'react';
import { useEditorStore } from '../../state/editor-store';
import { sheetTable } from '../../../shared/chart/sheet-state';
import { useWorkbenchStore } from '../../state/workbench-store';
import { sheetKinds, type SheetKinds } from '../../../shared/chart/sheet-kind';
import { sheetQuery, type SheetQuery } from '../../../shared/chart/sheet-query';

/** The open sheet's query plan for the kind it draws; KPI cards trend by the table's first date field. */
export function useSheetPlan(): SheetQuery {
  const sheet = useEditorStore((s) => s.sheet);
  const table = sheetTable(sheet)?.table;
  const timeField = useWorkbenchStore((s) => (table === undefined ? undefined : s.schemas[table]?.fields.find((f) => f.kind === 'temporal')?.name));
  const { kind } = useSheetKinds();
  return useMemo(() => sheetQuery(sheet, timeField, kind), [sheet, timeField, kind]);
}

/** The kinds that fit the open sheet and the one to draw ("Show me"). */
export function useSheetKinds(): SheetKinds {
  const sheet = useEditorStore((s) => s.sheet);
  const table = sheetTable(sheet)?.table;
  const schema = useWorkbenchStore((s) => (table === undefined ? undefined : s.schemas[table]));
  return useMemo(() => sheetKinds(sheet, schema), [sheet, schema]);
}

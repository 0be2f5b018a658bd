import { useEffect, useState, type MouseEvent } from 'react';
import type { CellValue, RowsPage } from '../../../shared/api/types';
import type { StageColumn } from '../../../shared/recipe/recipe-dataflow';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { PointMenu, type PointMenuItem } from '../../ui/PointMenu';
import { useCleanStore } from './clean-store';
import { columnsBefore } from './CleanWorkspace';
import { addStep, type COLUMN_STEP_KINDS, stepForColumn } from './recipe-edits';
import { stepKindKey } from './step-text';
import { useClusterDialog } from './cluster-dialog-store';
import { DroppedRowsDialog, useDroppedTotal } from './DroppedRowsDialog';

const cellText = (value: CellValue | undefined): string => (value === null || value === undefined ? '' : String(value));

/**
 * The rows before and after the selected step on the first rows of the source: changed cells
 * highlighted with their old value, dropped rows faint and marked, and what changed counted; a
 * step that can drop rows counts them over the whole source and opens them all.
 * A column's header opens the steps that start from a column.
 */
export function StepPreview() {
  const { t, number } = useT();
  const spec = useCleanStore((s) => s.spec)!;
  const selected = useCleanStore((s) => s.selected);
  const preview = useCleanStore((s) => s.preview);
  const loading = useCleanStore((s) => s.previewLoading);
  const flow = useCleanStore((s) => s.state?.flow ?? null);
  const [menu, setMenu] = useState<{ readonly column: StageColumn; readonly at: { readonly x: number; readonly y: number } } | null>(null);
  const droppedTotal = useDroppedTotal(selected);
  const [droppedOf, setDroppedOf] = useState<string | null>(null);

  const openMenu = (column: StageColumn, event: MouseEvent) => {
    event.preventDefault();
    setMenu({ column, at: { x: event.clientX, y: event.clientY } });
  };

  if (spec.steps.length === 0) return <SourceRows onColumnMenu={openMenu} menu={menu} onCloseMenu={() => setMenu(null)} />;
  if (preview === null || preview.stepId !== selected) {
    return <div className="clean-preview-empty">{loading ? <div className="clean-loading" aria-busy="true" /> : <p className="panel-note">{t('clean.preview.pick')}</p>}</div>;
  }
  const after = preview.after;
  const before = preview.before;
  const changed = Object.entries(preview.changedCells).filter(([, n]) => n > 0);
  const stepIndex = spec.steps.findIndex((s) => s.id === selected);
  const broken = (flow?.steps[stepIndex]?.problems.length ?? 0) > 0;
  const off = spec.steps[stepIndex]?.enabled === false;
  const dropped = preview.aligned ? before.rowCount - after.rowCount : 0;
  const beforeIndex = new Map(before.columns.map((c, i) => [c.name, i]));
  return (
    <section className="clean-preview" aria-busy={loading} data-testid="clean-preview">
      <header className="clean-preview-header">
        <p className="clean-preview-scope">
          {preview.sampleRows < preview.sourceRows ? t('clean.preview.sample', { sample: number(preview.sampleRows, 0), total: number(preview.sourceRows, 0) }) : t('clean.preview.all', { total: number(preview.sourceRows, 0) })}
        </p>
        <ul className="clean-preview-counts" data-testid="clean-preview-counts">
          {changed.map(([column, n]) => (
            <li key={column} className="clean-count is-changed">
              {t('clean.preview.changed', { count: number(n, 0), column })}
            </li>
          ))}
          {droppedTotal !== null && !broken && !off ? (
            <li>
              <button
                type="button"
                className={`clean-count clean-count-btn${droppedTotal === undefined || droppedTotal > 0 ? ' is-dropped' : ''}`}
                onClick={() => setDroppedOf(preview.stepId)}
                aria-haspopup="dialog"
                data-testid="clean-dropped-view"
              >
                {droppedTotal === undefined ? t('clean.dropped.counting') : droppedTotal === 0 ? t('clean.dropped.none') : t('clean.dropped.button', { count: number(droppedTotal, 0) })}
              </button>
            </li>
          ) : (
            dropped > 0 && <li className="clean-count is-dropped">{t('clean.preview.dropped', { count: number(dropped, 0) })}</li>
          )}
          {preview.rejectedValues > 0 && <li className="clean-count is-rejected">{t('clean.preview.rejected', { count: number(preview.rejectedValues, 0) })}</li>}
          {!preview.aligned && <li className="clean-count">{t('clean.preview.reshaped', { before: number(before.rowCount, 0), after: number(after.rowCount, 0) })}</li>}
          {broken && <li className="clean-count is-problem">{t('clean.preview.broken')}</li>}
          {off && <li className="clean-count">{t('clean.preview.off')}</li>}
          {!broken && !off && preview.aligned && changed.length === 0 && dropped === 0 && preview.rejectedValues === 0 && <li className="clean-count">{t('clean.preview.unchanged')}</li>}
        </ul>
      </header>
      <div className="clean-grid-wrap">
        <table className="clean-grid">
          <GridHead columns={after.columns} onMenu={openMenu} isNew={(name) => !beforeIndex.has(name)} />
          <tbody>
            {(preview.aligned ? before.rows : after.rows).map((row, r) => {
              const afterRow = after.rows[r] ?? null;
              const isDropped = preview.aligned && afterRow === null;
              return (
                <tr key={r} className={isDropped ? 'is-dropped' : undefined} data-testid={isDropped ? 'clean-row-dropped' : undefined}>
                  <td className="clean-rownum num">{r + 1}</td>
                  {after.columns.map((c, i) => {
                    const old = preview.aligned ? row?.[beforeIndex.get(c.name) ?? -1] : undefined;
                    const value = isDropped ? old : afterRow?.[i];
                    const isChanged = preview.aligned && !isDropped && beforeIndex.has(c.name) && cellText(old) !== cellText(value);
                    return <GridCell key={c.name} value={value} was={isChanged ? old : undefined} />;
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {menu !== null && <ColumnMenu column={menu.column} at={menu.at} onClose={() => setMenu(null)} />}
      <DroppedRowsDialog stepId={droppedOf} onClose={() => setDroppedOf(null)} />
    </section>
  );
}

/** The grid's header row: the row number, then each column's menu button. */
function GridHead(props: { readonly columns: readonly StageColumn[]; readonly onMenu: (column: StageColumn, event: MouseEvent) => void; readonly isNew?: (name: string) => boolean }) {
  return (
    <thead>
      <tr>
        <th className="clean-rownum" scope="col">
          #
        </th>
        {props.columns.map((c) => (
          <ColumnHeader key={c.name} column={c} onMenu={props.onMenu} isNew={props.isNew?.(c.name)} />
        ))}
      </tr>
    </thead>
  );
}

/** One cell; with `was`, a changed cell showing its old value struck through before the new. */
function GridCell({ value, was }: { readonly value: CellValue | undefined; readonly was?: CellValue | undefined }) {
  const { t } = useT();
  const changed = was !== undefined;
  return (
    <td
      className={`${changed ? 'is-changed' : ''}${value === null || value === undefined ? ' is-null' : ''}${typeof value === 'number' ? ' num' : ''}`}
      title={changed ? t('clean.preview.was', { value: cellText(was) === '' ? t('clean.preview.empty') : cellText(was) }) : undefined}
      data-testid={changed ? 'clean-cell-changed' : undefined}
    >
      {changed && <span className="clean-old">{cellText(was)}</span>}
      {cellText(value)}
    </td>
  );
}

function ColumnHeader(props: { readonly column: StageColumn; readonly onMenu: (column: StageColumn, event: MouseEvent) => void; readonly isNew?: boolean }) {
  const { t, label } = useT();
  const { column } = props;
  const caption = label(column.label);
  return (
    <th scope="col" className={props.isNew === true ? 'is-new' : undefined}>
      <button
        type="button"
        className="clean-col-btn"
        onClick={(e) => props.onMenu(column, e)}
        onContextMenu={(e) => props.onMenu(column, e)}
        aria-haspopup="menu"
        title={t('clean.columnMenuHint')}
        data-testid={`clean-col-${column.name}`}
      >
        <span className="clean-col-name">{column.name}</span>
        {caption !== column.name && <span className="clean-col-label">{caption}</span>}
        <span className="clean-col-type">{t(`type.${column.type}`)}</span>
        <Icon name="caretDown" size={12} />
      </button>
    </th>
  );
}

/** The steps a column can start, added after the selected step. */
function ColumnMenu(props: { readonly column: StageColumn; readonly at: { readonly x: number; readonly y: number }; readonly onClose: () => void }) {
  const { t } = useT();
  const spec = useCleanStore((s) => s.spec)!;
  const selected = useCleanStore((s) => s.selected);
  const apply = useCleanStore((s) => s.apply);
  const openCluster = useClusterDialog((s) => s.open);
  const next = spec.steps.findIndex((s) => s.id === selected) + 1;
  const columns = columnsBefore(spec.steps[next]?.id);
  const text = props.column.type === 'text';
  const item = (kind: (typeof COLUMN_STEP_KINDS)[number]): PointMenuItem => ({
    key: kind,
    text: t(stepKindKey(kind)),
    disabled: !text && ['trim', 'width', 'case', 'chineseScript', 'split', 'parseDates'].includes(kind),
    onSelect: () => {
      if (kind === 'cluster') {
        openCluster({ column: props.column.name, after: selected });
        return;
      }
      void apply(addStep(spec, stepForColumn(kind, props.column, columns), selected));
    },
  });
  return (
    <PointMenu
      at={props.at}
      title={t('clean.columnMenu', { column: props.column.name })}
      groups={[
        (['trim', 'width', 'case', 'chineseScript'] as const).map(item),
        (['mapValues', 'cluster', 'split', 'extract'] as const).map(item),
        (['parseDates', 'retype', 'fillDown', 'fillMissing', 'mask'] as const).map(item),
        (['rename', 'drop'] as const).map(item),
      ]}
      onClose={props.onClose}
      testId="clean-column-menu"
    />
  );
}

/** The source's first rows, before any step, so the first one can be added from a column. */
function SourceRows(props: { readonly onColumnMenu: (column: StageColumn, event: MouseEvent) => void; readonly menu: { readonly column: StageColumn; readonly at: { readonly x: number; readonly y: number } } | null; readonly onCloseMenu: () => void }) {
  const { t } = useT();
  const source = useCleanStore((s) => s.source);
  const [page, setPage] = useState<RowsPage | null>(null);
  const columns = columnsBefore(undefined);
  useEffect(() => {
    if (source === undefined) return;
    let cancelled = false;
    void api()
      .previewRows({ table: source, limit: 100 })
      .then((p) => !cancelled && setPage(p));
    return () => {
      cancelled = true;
    };
  }, [source]);
  const index = new Map((page?.columns ?? []).map((c, i) => [c, i]));
  return (
    <section className="clean-preview" data-testid="clean-preview">
      <header className="clean-preview-header">
        <p className="clean-preview-scope">{t('clean.preview.first')}</p>
      </header>
      <div className="clean-grid-wrap">
        <table className="clean-grid">
          <GridHead columns={columns} onMenu={props.onColumnMenu} />
          <tbody>
            {(page?.rows ?? []).map((row, r) => (
              <tr key={r}>
                <td className="clean-rownum num">{r + 1}</td>
                {columns.map((c) => (
                  <GridCell key={c.name} value={row[index.get(c.name) ?? -1]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.menu !== null && <ColumnMenu column={props.menu.column} at={props.menu.at} onClose={props.onCloseMenu} />}
    </section>
  );
}

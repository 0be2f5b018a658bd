import { memo, type MouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { CellValue } from '../../../shared/api/types';
import { useT } from '../../i18n/locale-context';
import { cellText } from './cell-text';

/** What a cell does with the pointer; one object for the grid's life, so rows can skip re-rendering. */
export interface CellHandlers {
  readonly down: (event: ReactPointerEvent<HTMLDivElement>, row: number, col: number) => void;
  readonly enter: (row: number, col: number) => void;
  readonly menu: (event: MouseEvent<HTMLDivElement>, row: number, col: number) => void;
}

/**
 * One row of the grid. Its props are plain values (the row's own part of the selection
 * included), so scrolling re-renders only the rows that came into view.
 */
export const GridRow = memo(function GridRow(props: {
  readonly index: number;
  readonly row: readonly CellValue[] | undefined;
  readonly height: number;
  readonly widths: readonly number[];
  readonly numeric: readonly boolean[];
  readonly rowNumberWidth: number;
  /** The selected columns of this row (-1 when none) and the focused one. */
  readonly selectedFrom: number;
  readonly selectedTo: number;
  readonly focusCol: number;
  readonly handlers: CellHandlers;
}) {
  const { number } = useT();
  const { index, row, widths, handlers } = props;
  const rowSelected = props.selectedFrom >= 0;
  return (
    <div role="row" aria-rowindex={index + 2} className={`dg-row${row === undefined ? ' is-loading' : ''}`} style={{ height: props.height }} data-row={index}>
      <div role="rowheader" className={`dg-rownum num${rowSelected ? ' is-selected' : ''}`} style={{ width: props.rowNumberWidth }}>
        {number(index + 1, 0)}
      </div>
      {widths.map((width, col) => {
        if (row === undefined) {
          return (
            <div key={col} role="gridcell" className="dg-cell" style={{ width }}>
              <span className="dg-shimmer" />
            </div>
          );
        }
        const value = row[col] ?? null;
        const selected = rowSelected && col >= props.selectedFrom && col <= props.selectedTo;
        const classes = ['dg-cell'];
        if (props.numeric[col] === true || typeof value === 'number') classes.push('is-number');
        if (value === null) classes.push('is-null');
        if (selected) classes.push('is-selected');
        if (props.focusCol === col) classes.push('is-focus');
        const text = value === null ? undefined : cellText(value, number);
        return (
          <div
            key={col}
            role="gridcell"
            aria-selected={selected}
            className={classes.join(' ')}
            style={{ width }}
            onPointerDown={(e) => handlers.down(e, index, col)}
            onPointerEnter={() => handlers.enter(index, col)}
            onContextMenu={(e) => handlers.menu(e, index, col)}
            title={text}
          >
            {text ?? <span className="dg-null">NULL</span>}
          </div>
        );
      })}
    </div>
  );
});

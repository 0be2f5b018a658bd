import type { CellValue } from '../../../shared/api/types';

export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

/** A rectangle of cells: from where it started (anchor) to where it is now (focus). */
export interface GridSelection {
  readonly anchor: CellPosition;
  readonly focus: CellPosition;
}

export interface CellRange {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export function selectionRange(s: GridSelection): CellRange {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

export function inRange(r: CellRange, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export interface MoveKey {
  readonly key: string;
  readonly shift: boolean;
  /** Ctrl (or ⌘ on macOS). */
  readonly primary: boolean;
}

/**
 * The selection after a navigation key, as in a spreadsheet: arrows move by a cell, PageUp/PageDown
 * by a screen, Home/End to the row's ends, Ctrl+Home/End to the first/last cell; with Shift the
 * anchor stays and the range grows. Undefined for a key that does not navigate.
 */
export function moveSelection(s: GridSelection, move: MoveKey, size: { readonly rows: number; readonly cols: number; readonly pageRows: number }): GridSelection | undefined {
  const { row, col } = s.focus;
  const lastRow = Math.max(0, size.rows - 1);
  const lastCol = Math.max(0, size.cols - 1);
  let next: CellPosition;
  switch (move.key) {
    case 'ArrowUp':
      next = { row: move.primary ? 0 : row - 1, col };
      break;
    case 'ArrowDown':
      next = { row: move.primary ? lastRow : row + 1, col };
      break;
    case 'ArrowLeft':
      next = { row, col: move.primary ? 0 : col - 1 };
      break;
    case 'ArrowRight':
      next = { row, col: move.primary ? lastCol : col + 1 };
      break;
    case 'PageUp':
      next = { row: row - size.pageRows, col };
      break;
    case 'PageDown':
      next = { row: row + size.pageRows, col };
      break;
    case 'Home':
      next = move.primary ? { row: 0, col: 0 } : { row, col: 0 };
      break;
    case 'End':
      next = move.primary ? { row: lastRow, col: lastCol } : { row, col: lastCol };
      break;
    default:
      return undefined;
  }
  const focus = { row: Math.min(lastRow, Math.max(0, next.row)), col: Math.min(lastCol, Math.max(0, next.col)) };
  return move.shift ? { anchor: s.anchor, focus } : { anchor: focus, focus };
}

/** A cell as spreadsheets read pasted text: a value with a tab, a line break or a quote is quoted. */
function tsvCell(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as tab-separated text (NULL as an empty cell), with a header line first when given. */
export function toTsv(rows: readonly (readonly CellValue[])[], header?: readonly string[]): string {
  const lines = rows.map((row) => row.map(tsvCell).join('\t'));
  if (header !== undefined) lines.unshift(header.map(tsvCell).join('\t'));
  return lines.join('\n');
}

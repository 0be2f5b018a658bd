import { describe, expect, it } from 'vitest';
import { EMPTY_REPORT_SPEC, type ReportBlock, type ReportSpec } from '../../../../../shared/spec/report-spec';
import {
  addBlock,
  duplicateBlock,
  monthOf,
  monthPeriod,
  moveBlock,
  moveBlockTo,
  nextBlockId,
  recordEdit,
  TYPING_PAUSE_MS,
  redoEdit,
  removeBlock,
  removeBlockFilter,
  setBlockPeriod,
  setComparedWith,
  setPage,
  setReportPeriod,
  undoEdit,
  updateBlock,
  type ReportEdit,
  type ReportHistory,
} from '../../../../../renderer/features/reports/report-edits';

const december = { from: '2024-12-01', to: '2024-12-31' };
const run = (spec: ReportSpec, ...edits: ReportEdit[]): ReportSpec => edits.reduce((s, e) => e.apply(s), spec);
const ids = (spec: ReportSpec): string[] => spec.blocks.map((b) => b.id);
const kinds = (spec: ReportSpec): string[] => spec.blocks.map((b) => b.kind);

const base: ReportSpec = run(
  { ...EMPTY_REPORT_SPEC, period: december, previous: { from: '2024-11-01', to: '2024-11-30' } },
  addBlock({ kind: 'title', title: 'Review', subtitle: '' }, 0),
  addBlock({ kind: 'kpis', table: 'tickets', metrics: ['ticket_volume'], context: { filters: [{ field: 'channel', filter: { op: 'in', values: ['Phone'] } }], period: december } }, 1),
  addBlock({ kind: 'text', markdown: 'Hello' }, 2),
);

describe('report edits', () => {
  it('adds blocks with free ids at the place asked, clamped to the list', () => {
    expect(ids(base)).toEqual(['b1', 'b2', 'b3']);
    const spec = run(base, addBlock({ kind: 'pageBreak' }, 1), addBlock({ kind: 'heading', text: 'End', level: 1 }, 99));
    expect(kinds(spec)).toEqual(['title', 'pageBreak', 'kpis', 'text', 'heading']);
    expect(ids(spec)).toEqual(['b1', 'b4', 'b2', 'b3', 'b5']);
    // ids count on from the number of blocks, skipping those in use
    expect(nextBlockId(removeBlock('b2').apply(base))).toBe('b4');
  });

  it('moves a block up, down and to a place; at the ends nothing changes', () => {
    expect(ids(moveBlock('b3', -1).apply(base))).toEqual(['b1', 'b3', 'b2']);
    expect(ids(moveBlock('b1', 1).apply(base))).toEqual(['b2', 'b1', 'b3']);
    expect(moveBlock('b1', -1).apply(base)).toEqual(base);
    expect(moveBlock('b3', 1).apply(base)).toEqual(base);
    expect(ids(moveBlockTo('b3', 0).apply(base))).toEqual(['b3', 'b1', 'b2']);
    expect(moveBlockTo('nope', 0).apply(base)).toBe(base);
  });

  it('removes and duplicates blocks; a copy sits right below with its own id', () => {
    expect(ids(removeBlock('b2').apply(base))).toEqual(['b1', 'b3']);
    const copied = duplicateBlock('b2').apply(base);
    expect(ids(copied)).toEqual(['b1', 'b2', 'b4', 'b3']);
    expect({ ...copied.blocks[2], id: 'b2' }).toEqual(copied.blocks[1]);
  });

  it('updates what a block shows but never its id or kind', () => {
    const spec = updateBlock('b3', (b) => ({ ...b, id: 'x', kind: 'heading', markdown: '**Bold**' }) as unknown as ReportBlock).apply(base);
    expect(spec.blocks[2]).toEqual({ id: 'b3', kind: 'text', markdown: '**Bold**' });
    expect(spec.blocks.slice(0, 2)).toEqual(base.blocks.slice(0, 2));
  });

  it('sets a block period and removes its filters; text blocks have none to change', () => {
    const all = setBlockPeriod('b2', null).apply(base);
    expect(all.blocks[1]).toMatchObject({ context: { period: null } });
    expect(setBlockPeriod('b3', null).apply(base)).toEqual(base);
    const unfiltered = removeBlockFilter('b2', 0).apply(base);
    expect(unfiltered.blocks[1]).toMatchObject({ context: { filters: [], period: december } });
  });

  it('moves blocks that used the report month along with it, and compares with the month before', () => {
    const own = setBlockPeriod('b2', monthPeriod('2024-06')).apply(base);
    const withTwo = run(base, addBlock({ kind: 'chart', chart: { chartId: 1 }, context: { filters: [], period: monthPeriod('2024-06') } }, 3));
    const moved = setReportPeriod('2025-02').apply(withTwo);
    expect(moved.period).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(moved.previous).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(moved.blocks[1]).toMatchObject({ context: { period: { from: '2025-02-01', to: '2025-02-28' } } });
    expect(moved.blocks[3]).toMatchObject({ context: { period: monthPeriod('2024-06') } });
    expect(setReportPeriod('2025-02').apply(own).blocks[1]).toMatchObject({ context: { period: monthPeriod('2024-06') } });
    expect(setComparedWith('2023-12').apply(base).previous).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(setPage({ orientation: 'portrait' }).apply(base).page).toEqual({ size: 'A4', orientation: 'portrait' });
  });

  it('knows whole months, leap years included', () => {
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthOf(monthPeriod('2024-02'))).toBe('2024-02');
    expect(monthOf({ from: '2024-01-01', to: '2024-12-31' })).toBeNull();
    expect(monthOf({ from: '2024-02-02', to: '2024-02-29' })).toBeNull();
    expect(monthOf(null)).toBeNull();
  });
});

describe('report history', () => {
  const start: ReportHistory = { spec: base, past: [], future: [] };

  it('records edits, undoes and redoes them in order, and forgets the redo list on a new edit', () => {
    const moved = recordEdit(start, moveBlock('b3', -1));
    const removed = recordEdit(moved, removeBlock('b1'));
    expect(ids(removed.spec)).toEqual(['b3', 'b2']);
    expect(removed.past.map((p) => p.label)).toEqual(['reports.action.move', 'reports.action.remove']);
    const back = undoEdit(undoEdit(removed));
    expect(back.spec).toEqual(base);
    expect(back.future.map((f) => f.label)).toEqual(['reports.action.remove', 'reports.action.move']);
    const again = redoEdit(back);
    expect(ids(again.spec)).toEqual(['b1', 'b3', 'b2']);
    const branched = recordEdit(again, addBlock({ kind: 'pageBreak' }, 0));
    expect(branched.future).toEqual([]);
    expect(redoEdit(branched)).toBe(branched);
  });

  it('undoes a burst of typing in one block as one step, and a pause as the start of another', () => {
    const retitle = (markdown: string) => updateBlock('b3', (b) => (b.kind === 'text' ? { ...b, markdown } : b));
    const typed = recordEdit(recordEdit(recordEdit(start, retitle('T'), 1_000), retitle('Tr'), 1_300), retitle('Tre'), 1_600);
    expect(typed.past).toHaveLength(1);
    expect(undoEdit(typed).spec).toEqual(base);
    const later = recordEdit(typed, retitle('Trends'), 1_600 + TYPING_PAUSE_MS + 1);
    expect(later.past).toHaveLength(2);
    expect(undoEdit(later).spec.blocks[2]).toMatchObject({ markdown: 'Tre' });
    // another kind of edit in between starts a new step too
    const moved = recordEdit(typed, moveBlock('b2', -1), 1_700);
    expect(recordEdit(moved, retitle('Tren'), 1_800).past).toHaveLength(3);
  });

  it('keeps the history as it is for an edit that changes nothing, or nothing to undo', () => {
    expect(recordEdit(start, moveBlock('b1', -1))).toBe(start);
    expect(undoEdit(start)).toBe(start);
    expect(redoEdit(start)).toBe(start);
  });
});

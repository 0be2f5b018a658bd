import { describe, expect, it } from 'vitest';
import { confirmationsOf, differsFrom, firstChoices } from '../../../../../renderer/features/clean/refresh-choices';
import type { SourceRefreshReport } from '../../../../../shared/spec/recipe-preview';

/** A dry run's report: 工单编号 sure, 片区 asked with a suggestion, 备注 asked with none; both asked ones appended as new. */
const report: SourceRefreshReport = {
  source: 'tickets',
  file: '11月.csv',
  committed: false,
  mapping: {
    matched: [{ incoming: '工单编号', column: '工单编号', confidence: 0.97 }],
    asked: [
      { incoming: '片区', suggestedColumn: '区域', confidence: 0.63 },
      { incoming: '备注', suggestedColumn: null, confidence: 0 },
    ],
    missing: ['区域'],
    applied: [
      { incoming: '工单编号', column: '工单编号', isNew: false, confirmed: false },
      { incoming: '片区', column: '片区', isNew: true, confirmed: false },
      { incoming: '备注', column: '备注', isNew: true, confirmed: false },
    ],
    columns: ['工单编号', '区域'],
  },
  imported: { rows: 10, rejectedRows: 0, rejectedValues: 0 },
  run: null,
  diff: null,
};

describe('the refresh dialog’s column choices', () => {
  it('start from the sure matches and the suggestions, which then need another trial run', () => {
    const choices = firstChoices(report);
    expect(choices).toEqual({ 工单编号: '工单编号', 片区: '区域', 备注: null });
    expect(differsFrom(report, choices)).toBe(true);
    expect(differsFrom(report, { 工单编号: '工单编号', 片区: null, 备注: null })).toBe(false);
  });

  it('do not suggest a column another column of the file already takes', () => {
    const taken = { ...report, mapping: { ...report.mapping, matched: [{ incoming: '区', column: '区域', confidence: 0.9 }], applied: [{ incoming: '区', column: '区域', isNew: false, confirmed: false }, ...report.mapping.applied.slice(1)] } };
    expect(firstChoices(taken)).toEqual({ 区: '区域', 片区: null, 备注: null });
  });

  it('confirm every asked column and whatever the user changed, and nothing else', () => {
    const proposed = firstChoices(report);
    expect(confirmationsOf(report, proposed, proposed)).toEqual([
      { incoming: '片区', column: '区域' },
      { incoming: '备注', column: null },
    ]);
    expect(confirmationsOf(report, { ...proposed, 工单编号: null }, proposed)).toEqual([
      { incoming: '工单编号', column: null },
      { incoming: '片区', column: '区域' },
      { incoming: '备注', column: null },
    ]);
  });
});

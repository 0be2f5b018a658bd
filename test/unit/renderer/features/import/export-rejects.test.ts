import { describe, expect, it } from 'vitest';
import { rejectsCsv } from '../../../../../renderer/features/import/export-rejects';

describe('rejects export', () => {
  it('writes a CSV Excel opens with Chinese intact, in the user language, formulas neutralised', () => {
    const csv = rejectsCsv(
      [
        { importId: 1, table: 't', file: '工单.csv', line: 7, column: 3, field: '满意度', raw: '五星', reason: { en: 'not an integer', 'zh-CN': '不是整数' } },
        { importId: 1, table: 't', file: '工单.csv', line: 9, column: null, field: null, raw: '=HYPERLINK("x"),1', reason: { en: 'expected 2 fields, found 1', 'zh-CN': '应有 2 个字段，实际 1 个' } },
      ],
      'zh-CN',
    );
    expect(csv.startsWith('\uFEFF文件,行,列,字段,原始内容,原因\n')).toBe(true);
    expect(csv).toContain('工单.csv,7,3,满意度,五星,不是整数\n');
    expect(csv).toContain(`工单.csv,9,,,"'=HYPERLINK(""x""),1",应有 2 个字段，实际 1 个\n`);
  });
});

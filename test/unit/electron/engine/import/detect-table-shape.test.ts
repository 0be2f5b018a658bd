import { describe, expect, it } from 'vitest';
import { detectTableShape } from '../../../../../electron/engine/import/detect-table-shape';
import { parseCsv } from '../../../../../electron/engine/import/parse-csv';

const shape = (text: string) => detectTableShape([...parseCsv(text, ',')]);

describe('table shape', () => {
  it('finds the header under a title block and notes under the table', () => {
    expect(shape('数据库：月度数据,,,\n时间：2021,,,\n月份,M2,M1,M0\n2021年5月,1,2,3\n2021年4月,4,5,6\n注：货币供应量已包含住房公积金中心存款。\n数据来源：国家统计局,,,\n')).toEqual({
      headerIndex: 2,
      notesCount: 2,
    });
  });

  it('leaves a plain table alone', () => {
    expect(shape('a,b,c\n1,2,3\n4,5,6\n')).toEqual({ headerIndex: 0, notesCount: 0 });
  });

  it('keeps short trailing rows as data (to be rejected), not as notes', () => {
    const rows = ['id,csat', 'S1,4', 'S2,5', ...Array.from({ length: 30 }, (_, i) => `S${i + 3}`)];
    expect(shape(rows.join('\n'))).toEqual({ headerIndex: 0, notesCount: 0 });
    expect(shape('id,csat\nS1,4\nS2,5\nT004\n')).toEqual({ headerIndex: 0, notesCount: 0 });
    expect(shape('id,name\nS1,张三\nS2,李四\nS3,\n')).toEqual({ headerIndex: 0, notesCount: 0 });
  });
});

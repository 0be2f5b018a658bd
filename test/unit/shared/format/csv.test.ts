import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../../shared/format/csv';

describe('CSV output', () => {
  it('neutralises cells a spreadsheet would run as formulas (OWASP), but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('quotes delimiters, quotes and line breaks', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"\nthere']])).toBe('a,b\n"x,y","say ""hi""\nthere"\n');
  });
});

import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows, transferOf } from '../../../../../electron/engine/import/row-transport';
import type { CellValue, ColumnType } from '../../../../../shared/api/types';

const types: ColumnType[] = ['text', 'integer', 'real', 'boolean', 'datetime'];

describe('rows between threads', () => {
  it('travel as numbers and one joined string, and come back with their types and NULLs', () => {
    const values: CellValue[] = ['华东', 12, 0.85, 1, '2024-03-05 14:02:00', null, -3, 1e-7, 0, null, '', null, null, null, null];
    const encoded = encodeRows(values, types);
    expect(encoded.texts.kind).toBe('joined');
    expect([...encoded.numbers]).toEqual([12, 0.85, 1, -3, 1e-7, 0, NaN, NaN, NaN]);
    expect(transferOf(encoded)).toEqual([encoded.numbers.buffer]);
    expect(decodeRows(encoded, types)).toEqual(values);
  });

  it('keep large integers, negative zero and infinities exact', () => {
    const values: CellValue[] = ['a', 2 ** 53 - 1, -0, 0, 'b', 'c', -(2 ** 53 - 1), Infinity, 1, 'd'];
    expect(decodeRows(encodeRows(values, types), types)).toEqual(values);
  });

  it('fall back to cloning the texts when one holds a separator character, and an empty batch stays empty', () => {
    const values: CellValue[] = ['a\u001fb', 1, 2, 0, null];
    const encoded = encodeRows(values, types);
    expect(encoded.texts.kind).toBe('values');
    expect(decodeRows(encoded, types)).toEqual(values);
    expect(decodeRows(encodeRows([], types), types)).toEqual([]);
  });

  it('tell one empty text from no rows, and carry tables of only numbers or only texts', () => {
    expect(decodeRows(encodeRows([''], ['text']), ['text'])).toEqual(['']);
    expect(decodeRows(encodeRows([], ['text']), ['text'])).toEqual([]);
    expect(decodeRows(encodeRows([1, null, 3], ['integer']), ['integer'])).toEqual([1, null, 3]);
  });

  it('skip the check when the source text is known to hold no separator', () => {
    expect(encodeRows(['plain', 1, 2, 0, null], types, false).texts.kind).toBe('joined');
  });
});

import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows } from '../../../../../electron/engine/import/row-transport';
import type { CellValue, ColumnType } from '../../../../../shared/api/types';

const types: ColumnType[] = ['text', 'integer', 'real', 'boolean', 'datetime'];

describe('rows between threads', () => {
  it('travel as one string and come back with their types and NULLs', () => {
    const values: CellValue[] = ['华东', 12, 0.85, 1, '2024-03-05 14:02:00', null, -3, 1e-7, 0, null, '', null, null, null, null];
    const encoded = encodeRows([...values], types);
    expect(encoded.kind).toBe('joined');
    expect(decodeRows(encoded, types)).toEqual(values);
  });

  it('fall back to cloning when a text holds a separator character, and an empty batch stays empty', () => {
    const values: CellValue[] = ['a\u001fb', 1, 2, 0, null];
    const encoded = encodeRows([...values], types);
    expect(encoded.kind).toBe('values');
    expect(decodeRows(encoded, types)).toEqual(values);
    expect(decodeRows(encodeRows([], types), types)).toEqual([]);
  });

  it('skip the check when the source text is known to hold no separator', () => {
    expect(encodeRows(['plain', 1, 2, 0, null], types, false).kind).toBe('joined');
  });
});

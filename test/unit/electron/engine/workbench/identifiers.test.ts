import { describe, expect, it } from 'vitest';
import { columnNames, isReservedTableName, toIdentifier, uniqueName } from '../../../../../electron/engine/workbench/identifiers';

describe('identifiers', () => {
  it('makes SQL-friendly names and keeps Chinese letters', () => {
    expect(toIdentifier('Created Date', 'x')).toBe('created_date');
    expect(toIdentifier('用户ID', 'x')).toBe('用户id');
    expect(toIdentifier('  ', 'column_3')).toBe('column_3');
    expect(toIdentifier('2024年', 'x')).toBe('c_2024年');
    expect(toIdentifier('rw_meta', 'x')).toBe('t_rw_meta');
  });

  it('makes duplicate and empty header names unique', () => {
    expect(columnNames(['Variant', 'Variant', '', 'variant_2'])).toEqual(['variant', 'variant_2', 'column_3', 'variant_2_2']);
    expect(uniqueName('Tickets', ['tickets', 'tickets_2'])).toBe('Tickets_3');
    expect(isReservedTableName('SQLITE_master')).toBe(true);
  });
});

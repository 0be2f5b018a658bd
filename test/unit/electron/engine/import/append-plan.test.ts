import { describe, expect, it } from 'vitest';
import { planAppend, type TableColumn } from '../../../../../electron/engine/import/append-plan';

const table: TableColumn[] = [
  { name: 'region', label: 'Region', type: 'text', format: 'text' },
  { name: 'score', label: 'Score', type: 'integer', format: 'integer' },
];
const file = (...names: string[]) => names.map((name) => ({ name, label: name }));

describe('matching a file’s columns to a table’s', () => {
  it('matches by name and header text, and makes the rest new columns', () => {
    expect(planAppend(file('Region', 'note'), table)).toEqual({ targets: ['region', 'note'], matched: [table[0], undefined], missing: ['score'] });
  });

  it('gives the user’s mapping first pick, even over an earlier column of the same name', () => {
    const plan = planAppend(file('region', 'area'), table, { area: 'region' });
    expect(plan.targets).toEqual(['region_2', 'region']);
    expect(plan.matched).toEqual([undefined, table[0]]);
  });

  it('makes a column mapped to null a new column, whatever its name', () => {
    const plan = planAppend(file('region', 'score'), table, { score: null });
    expect(plan.targets).toEqual(['region', 'score_2']);
    expect(plan.missing).toEqual(['score']);
  });
});

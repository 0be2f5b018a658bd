import { describe, expect, it } from 'vitest';
import { CHART_KINDS, chartKindToDraw, showMe, type ShelfContents, type ShelfField } from '../../../../shared/chart/show-me';

const dim = (extra: Partial<ShelfField> = {}): ShelfField => ({ role: 'dimension', ...extra });
const measure: ShelfField = { role: 'measure' };
const month = dim({ temporal: true });
const shelves = (parts: Partial<ShelfContents>): ShelfContents => ({ columns: [], rows: [], color: [], size: [], ...parts });

describe('Show me', () => {
  it('picks what a person would: a KPI for a lone measure, lines along time, bars for categories, scatter for two measures, a histogram for bins', () => {
    expect(showMe(shelves({ rows: [measure] })).best).toBe('kpi');
    expect(showMe(shelves({ columns: [month], rows: [measure] })).best).toBe('line');
    expect(showMe(shelves({ columns: [dim({ cardinality: 23 })], rows: [measure] })).best).toBe('bar');
    expect(showMe(shelves({ columns: [measure], rows: [measure], color: [dim({ cardinality: 200 })] })).best).toBe('scatter');
    // without a dimension there is one point: two numbers side by side
    expect(showMe(shelves({ columns: [measure], rows: [measure] })).best).toBe('kpi');
    expect(showMe(shelves({ columns: [dim({ binned: true })], rows: [measure] })).best).toBe('histogram');
    expect(showMe(shelves({ columns: [dim({ cardinality: 5 })], rows: [measure], color: [dim({ cardinality: 4 })] })).best).toBe('bar_stacked');
    expect(showMe(shelves({ columns: [dim({ cardinality: 40 })], rows: [dim({ cardinality: 24 }), measure] })).best).toBe('heatmap');
    expect(showMe(shelves({ columns: [month], rows: [measure], color: [dim()] })).best).toBe('line');
  });

  it('offers the alternatives that fit, and only those', () => {
    const few = showMe(shelves({ columns: [dim({ cardinality: 5 })], rows: [{ role: 'measure', spreadable: true }] })).fits;
    expect(few).toEqual(expect.arrayContaining(['bar', 'pie', 'donut', 'pareto', 'funnel', 'waterfall', 'box', 'table', 'line']));
    expect(few).not.toContain('scatter');
    expect(few).not.toContain('kpi');
    // too many slices for a pie
    const many = showMe(shelves({ columns: [dim({ cardinality: 40 })], rows: [measure] })).fits;
    expect(many).not.toContain('pie');
    expect(many).not.toContain('donut');
    // along time, a control chart is offered for one measure
    expect(showMe(shelves({ columns: [month], rows: [measure] })).fits).toEqual(expect.arrayContaining(['line', 'area', 'control', 'bar', 'table']));
    expect(showMe(shelves({ columns: [month], rows: [measure, measure] })).fits).not.toContain('control');
  });

  it('has nothing to draw on empty shelves, and a table for a lone dimension', () => {
    expect(showMe(shelves({}))).toEqual({ best: undefined, fits: [] });
    expect(showMe(shelves({ columns: [dim()] })).best).toBe('table');
  });

  it('keeps the user’s choice while it fits and falls back to the best when it no longer does', () => {
    const bars = shelves({ columns: [dim({ cardinality: 5 })], rows: [measure] });
    expect(chartKindToDraw('pie', bars)).toBe('pie');
    expect(chartKindToDraw('auto', bars)).toBe('bar');
    expect(chartKindToDraw('scatter', bars)).toBe('bar');
  });

  it('scores every kind, so each can be reached from some shelves', () => {
    const examples: ShelfContents[] = [
      shelves({ rows: [measure] }),
      shelves({ columns: [month], rows: [measure] }),
      shelves({ columns: [dim({ cardinality: 5 })], rows: [measure] }),
      shelves({ columns: [dim({ cardinality: 5 })], rows: [measure], color: [dim()] }),
      shelves({ columns: [measure], rows: [measure], color: [dim()] }),
      shelves({ columns: [dim({ binned: true })], rows: [measure] }),
      shelves({ columns: [dim()], rows: [{ role: 'measure', spreadable: true }] }),
    ];
    const reachable = new Set(examples.flatMap((e) => showMe(e).fits));
    expect([...CHART_KINDS].filter((k) => !reachable.has(k))).toEqual([]);
  });

  it('offers a box plot for the values of a numeric field by category (and colour), never for a count or a metric', () => {
    const values: ShelfField = { role: 'measure', spreadable: true };
    expect(showMe(shelves({ columns: [dim({ cardinality: 5 })], rows: [values] })).fits).toContain('box');
    expect(showMe(shelves({ columns: [dim({ cardinality: 5 })], rows: [values], color: [dim({ cardinality: 3 })] })).fits).toContain('box');
    expect(showMe(shelves({ columns: [dim({ cardinality: 5 })], rows: [measure] })).fits).not.toContain('box');
    expect(showMe(shelves({ columns: [month], rows: [values] })).fits).not.toContain('box');
    expect(chartKindToDraw('box', shelves({ columns: [dim()], rows: [values] }))).toBe('box');
  });

  it('offers a pivot table for two dimensions or more, and counts a Size measure as a measure', () => {
    expect(showMe(shelves({ columns: [dim()], rows: [measure], color: [dim()] })).fits).toContain('pivot');
    expect(showMe(shelves({ columns: [dim()], rows: [measure] })).fits).not.toContain('pivot');
    expect(showMe(shelves({ columns: [dim()], rows: [measure, measure], size: [measure] })).fits).toContain('scatter');
  });
});

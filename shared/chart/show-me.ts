/**
 * "Show me": which chart kinds fit the fields on a sheet's shelves, best first, so the chart type
 * can be picked for the user when they have not chosen one and the alternatives offered. Rules in
 * the spirit of Tableau's Show Me and Mackinlay's APT: what is on the shelves decides.
 */
export const CHART_KINDS = [
  'bar',
  'bar_stacked',
  'bar_100',
  'line',
  'area',
  'scatter',
  'pie',
  'donut',
  'heatmap',
  'box',
  'histogram',
  'funnel',
  'sankey',
  'waterfall',
  'pareto',
  'control',
  'kpi',
  'table',
  'pivot',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A field on a shelf, as far as choosing a chart needs to know it. */
export interface ShelfField {
  /** A dimension groups rows; a measure (an aggregate or a catalogue metric) is computed per group. */
  readonly role: 'dimension' | 'measure';
  /** A date bucketed in time (month, day…), so its values run in order along a time axis. */
  readonly temporal?: boolean | undefined;
  /** How many values a dimension has, when known (pie charts want few). */
  readonly cardinality?: number | undefined;
  /** A numeric field grouped into bins (a histogram's axis). */
  readonly binned?: boolean | undefined;
  /** A measure of a numeric column (not a count or a metric): its rows can be spread in a box plot. */
  readonly spreadable?: boolean | undefined;
}

/** The fields of the shelves that shape a chart (filters do not). */
export interface ShelfContents {
  readonly columns: readonly ShelfField[];
  readonly rows: readonly ShelfField[];
  readonly color: readonly ShelfField[];
  readonly size: readonly ShelfField[];
}

export interface ShowMeChoice {
  /** The kind to draw when the user has not chosen one; undefined when the shelves hold no measure and no dimension. */
  readonly best: ChartKind | undefined;
  /** Every kind that can draw these fields, best first (`best` included). */
  readonly fits: readonly ChartKind[];
}

/** Pies and donuts read well with a few slices only. */
export const MAX_PIE_SLICES = 8;

interface Counts {
  readonly dimensions: number;
  readonly measures: number;
  readonly temporal: number;
  readonly binned: number;
  /** The largest known cardinality of a non-temporal dimension (0 when none is known). */
  readonly widest: number;
  readonly colorDimensions: number;
  readonly sizeMeasures: number;
  readonly spreadable: number;
  /** Measures on both Columns and Rows: one axis each, as a scatter plots them. */
  readonly crossed: boolean;
  /** Dimensions on both Columns and Rows: a grid of cells, as a heatmap colours them. */
  readonly grid: boolean;
}

function count(contents: ShelfContents): Counts {
  const placed = [...contents.columns, ...contents.rows, ...contents.color, ...contents.size];
  const dimensions = placed.filter((f) => f.role === 'dimension');
  return {
    dimensions: dimensions.length,
    measures: placed.filter((f) => f.role === 'measure').length,
    temporal: dimensions.filter((f) => f.temporal === true).length,
    binned: dimensions.filter((f) => f.binned === true).length,
    widest: Math.max(0, ...dimensions.filter((f) => f.temporal !== true).map((f) => f.cardinality ?? 0)),
    colorDimensions: contents.color.filter((f) => f.role === 'dimension').length,
    sizeMeasures: contents.size.filter((f) => f.role === 'measure').length,
    spreadable: placed.filter((f) => f.role === 'measure' && f.spreadable === true).length,
    crossed: contents.columns.some((f) => f.role === 'measure') && contents.rows.some((f) => f.role === 'measure'),
    grid: contents.columns.some((f) => f.role === 'dimension') && contents.rows.some((f) => f.role === 'dimension'),
  };
}

/**
 * Each kind with the shelves it can draw and how well it suits them (higher first). A kind that
 * does not fit returns 0.
 */
const SUITABILITY: Readonly<Record<ChartKind, (c: Counts) => number>> = {
  // one number per measure: a KPI card
  kpi: (c) => (c.dimensions === 0 && c.measures >= 1 && c.measures <= 4 ? 100 : 0),
  // along time: lines first, then the other time charts
  line: (c) => (c.temporal === 1 && c.dimensions <= 2 && c.measures >= 1 ? 95 : c.dimensions >= 1 && c.dimensions <= 2 && c.measures >= 1 ? 40 : 0),
  area: (c) => (c.temporal === 1 && c.dimensions <= 2 && c.measures >= 1 ? 60 : 0),
  control: (c) => (c.temporal === 1 && c.dimensions === 1 && c.measures === 1 ? 50 : 0),
  // numbers against numbers, one point per value of the dimensions (agents, products)
  scatter: (c) => (c.measures >= 2 && c.measures <= 3 && c.dimensions >= 1 && c.dimensions <= 2 && c.temporal === 0 ? (c.crossed ? 96 : 50) : 0),
  // a binned number counted: a histogram
  histogram: (c) => (c.binned === 1 && c.dimensions === 1 && c.measures === 1 ? 92 : 0),
  // categories
  bar: (c) => (c.dimensions >= 1 && c.dimensions <= 2 && c.measures >= 1 ? (c.temporal === 0 ? 90 : 45) : 0),
  bar_stacked: (c) => (c.dimensions === 2 && c.measures === 1 ? (c.colorDimensions === 1 && c.temporal === 0 ? 92 : 70) : 0),
  bar_100: (c) => (c.dimensions === 2 && c.measures === 1 ? 55 : 0),
  heatmap: (c) => (c.dimensions === 2 && c.measures === 1 ? (c.grid ? 93 : 65) : 0),
  pie: (c) => (c.dimensions === 1 && c.measures === 1 && c.temporal === 0 && c.widest > 0 && c.widest <= MAX_PIE_SLICES ? 58 : 0),
  donut: (c) => (c.dimensions === 1 && c.measures === 1 && c.temporal === 0 && c.widest > 0 && c.widest <= MAX_PIE_SLICES ? 57 : 0),
  pareto: (c) => (c.dimensions === 1 && c.measures === 1 && c.temporal === 0 ? 52 : 0),
  // the spread of a numeric field's values in each category (and colour)
  box: (c) => (c.dimensions >= 1 && c.dimensions <= 2 && c.measures === 1 && c.spreadable === 1 && c.temporal === 0 ? 35 : 0),
  funnel: (c) => (c.dimensions === 1 && c.measures === 1 && c.temporal === 0 ? 30 : 0),
  waterfall: (c) => (c.dimensions === 1 && c.measures === 1 ? 28 : 0),
  sankey: (c) => (c.dimensions >= 2 && c.dimensions <= 4 && c.measures === 1 && c.temporal === 0 ? 25 : 0),
  // anything: tables
  pivot: (c) => (c.dimensions >= 2 && c.measures >= 1 ? 20 : 0),
  table: (c) => (c.dimensions + c.measures >= 1 ? 10 : 0),
};

/** The chart kinds that fit what is on the shelves, best first. */
export function showMe(contents: ShelfContents): ShowMeChoice {
  const counts = count(contents);
  const scored = CHART_KINDS.map((kind, order) => ({ kind, order, score: SUITABILITY[kind](counts) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const fits = scored.map((s) => s.kind);
  return { best: fits[0], fits };
}

/** The kind to draw: the user's choice when it fits the shelves, else the best that does. */
export function chartKindToDraw(chosen: ChartKind | 'auto', contents: ShelfContents): ChartKind | undefined {
  const choice = showMe(contents);
  if (chosen !== 'auto' && choice.fits.includes(chosen)) return chosen;
  return choice.best;
}

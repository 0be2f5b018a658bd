import type { Locale } from '../../../shared/i18n/messages';
import type { ResultRow } from '../../../shared/query/result-rows';
import { axisValue, seriesKey, valueLabel } from '../../../shared/chart/chart-figure';
import type { PlotClick } from './PlotlyChart';
import type { ChartPlan, PlacedPill } from '../../../shared/chart/sheet-query';

type RawValue = string | number | null;

/** A clicked mark: the value of each dimension (axis first, then the series) of the row it draws. */
export interface ChartMark {
  readonly values: readonly { readonly dimension: PlacedPill; readonly value: RawValue }[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** Whether plotly's x of a point is this axis value: equal, or the date plotly made of a bucket ('2024-09' → '2024-09-01'). */
function sameAxisValue(clicked: string | undefined, drawn: string | number): boolean {
  if (clicked === undefined) return false;
  const own = String(drawn);
  return clicked === own || (/^\d{4}(-\d{2}){0,2}/.test(own) && clicked.startsWith(own) && /^[-\s\d:]*$/.test(clicked.slice(own.length)));
}

/**
 * The result row behind a clicked mark, found the way the figure drew it: by the axis value along x
 * (or along y when the axes are swapped, or the slice label of a pie), and by the series a trace or
 * a heatmap row is named after. Undefined when the click was not on a row's mark (a total, a limit line).
 */
export function markAt(input: { readonly plan: ChartPlan; readonly rows: readonly ResultRow[]; readonly locale: Locale; readonly transposed: boolean }, click: PlotClick): ChartMark | undefined {
  const { plan, rows, locale } = input;
  const { axis, series } = plan;
  const along = text(input.transposed ? click.y : click.x);
  const across = text(input.transposed ? click.x : click.y);
  const label = text(click.label);
  const name = click.traceName;
  const row = rows.find((r) => {
    const raw = r[axis.id] ?? null;
    const key = series.length === 0 ? '' : seriesKey(locale, series, r);
    if (label !== undefined) {
      const slice = [valueLabel(locale, axis, raw), ...(series.length === 0 ? [] : [key])].join(' · ');
      if (slice === label) return true;
    }
    if (!sameAxisValue(along, axisValue(locale, axis, raw))) return false;
    if (series.length === 0) return true;
    return name === key || (name !== undefined && name.endsWith(` · ${key}`)) || across === key;
  });
  if (row === undefined) return undefined;
  return { values: [axis, ...series].map((dimension) => ({ dimension, value: row[dimension.id] ?? null })) };
}

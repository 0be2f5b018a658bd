/** Okabe–Ito: eight hues that stay apart for the common colour-vision deficiencies. Black is
 * replaced by a mid grey so that it reads on the dark theme too. */
export const CATEGORICAL_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#8C8C8C'] as const;

export function seriesColor(index: number): string {
  return CATEGORICAL_PALETTE[index % CATEGORICAL_PALETTE.length]!;
}

/** The vermillion: what needs a look, such as a point beyond a control chart's limits. */
export const ALERT_COLOR = CATEGORICAL_PALETTE[3];

/** Waterfall steps: blue up and orange down, the pair no common deficiency confuses; totals grey. */
export const WATERFALL_COLORS = { increasing: CATEGORICAL_PALETTE[0], decreasing: CATEGORICAL_PALETTE[1], total: CATEGORICAL_PALETTE[7] } as const;

/** Sankey flows: the palette's grey, translucent so that crossing flows stay visible. */
export const FLOW_COLOR = 'rgba(140, 140, 140, 0.35)';

/** One hue from the background to the first palette colour: it reads by lightness alone, so it
 * survives colour-vision deficiencies and greyscale printing. */
export function sequentialScale(background: string): [number, string][] {
  return [
    [0, background],
    [1, CATEGORICAL_PALETTE[0]],
  ];
}

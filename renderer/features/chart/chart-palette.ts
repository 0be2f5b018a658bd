/** Okabe–Ito: eight hues that stay apart for the common colour-vision deficiencies. Black is
 * replaced by a mid grey so that it reads on the dark theme too. */
export const CATEGORICAL_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#8C8C8C'] as const;

export function seriesColor(index: number): string {
  return CATEGORICAL_PALETTE[index % CATEGORICAL_PALETTE.length]!;
}

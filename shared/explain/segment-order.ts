/**
 * The one order every explainer list falls back on, so that equal scores never leave the order to
 * the engine: the missing value first, then strings by code unit (not by locale, which differs
 * between machines).
 */
import type { SegmentValue } from './explain-types';

export function compareValue(x: SegmentValue, y: SegmentValue): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}

export function compareValues(x: readonly SegmentValue[], y: readonly SegmentValue[]): number {
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const order = compareValue(x[i]!, y[i]!);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

import { describe, expect, it } from 'vitest';
import { placeDrillStep } from '../../../../../renderer/features/model/model-drag-data';

describe('placing a step of a drill path', () => {
  it('appends a new field, or puts it before the step it was dropped on', () => {
    expect(placeDrillStep(['region', 'city'], 'district', undefined)).toEqual(['region', 'city', 'district']);
    expect(placeDrillStep(['region', 'city'], 'country', 0)).toEqual(['country', 'region', 'city']);
    expect(placeDrillStep(['region', 'city'], 'province', 1)).toEqual(['region', 'province', 'city']);
    expect(placeDrillStep(['region', 'city'], 'district', 2)).toEqual(['region', 'city', 'district']);
    expect(placeDrillStep(['region', 'city'], 'district', 9)).toEqual(['region', 'city', 'district']);
  });

  it('moves a step before or after another, down or up, counting places in the path as it was', () => {
    expect(placeDrillStep(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'a', 'c']);
    expect(placeDrillStep(['a', 'b', 'c'], 'a', 3)).toEqual(['b', 'c', 'a']);
    expect(placeDrillStep(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(placeDrillStep(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'c', 'b']);
    // onto itself, either half, nothing moves
    expect(placeDrillStep(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
    expect(placeDrillStep(['a', 'b', 'c'], 'b', 2)).toEqual(['a', 'b', 'c']);
    expect(placeDrillStep(['a', 'b', 'c'], 'a', undefined)).toEqual(['b', 'c', 'a']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  distanceToSegment,
  polylineSegments,
  rectContains,
  rectsOverlap,
  segmentIntersectsRect,
  type Rect,
} from '../../../../shared/board/fishbone-geometry';

const box: Rect = { x: 10, y: 20, width: 100, height: 40 };

describe('rectsOverlap', () => {
  it('sees shared area, including one box inside another', () => {
    expect(rectsOverlap(box, { x: 100, y: 50, width: 50, height: 50 })).toBe(true);
    expect(rectsOverlap(box, { x: 40, y: 30, width: 5, height: 5 })).toBe(true);
    expect(rectsOverlap({ x: 40, y: 30, width: 5, height: 5 }, box)).toBe(true);
    // a cross: neither has a corner inside the other
    expect(rectsOverlap({ x: 0, y: 30, width: 200, height: 5 }, { x: 50, y: 0, width: 5, height: 200 })).toBe(true);
  });

  it('does not count touching edges or separate boxes', () => {
    expect(rectsOverlap(box, { x: 110, y: 20, width: 10, height: 10 })).toBe(false);
    expect(rectsOverlap(box, { x: 10, y: 60, width: 10, height: 10 })).toBe(false);
    expect(rectsOverlap(box, { x: 200, y: 20, width: 10, height: 10 })).toBe(false);
    expect(rectsOverlap(box, { x: 10, y: -30, width: 10, height: 10 })).toBe(false);
  });
});

describe('segmentIntersectsRect', () => {
  it('finds segments through the box, from outside to outside or ending inside', () => {
    expect(segmentIntersectsRect({ x1: 0, y1: 0, x2: 200, y2: 100 }, box)).toBe(true);
    expect(segmentIntersectsRect({ x1: 60, y1: 0, x2: 60, y2: 100 }, box)).toBe(true);
    expect(segmentIntersectsRect({ x1: 0, y1: 40, x2: 50, y2: 40 }, box)).toBe(true);
    expect(segmentIntersectsRect({ x1: 50, y1: 30, x2: 60, y2: 35 }, box)).toBe(true);
    // reversed direction is the same segment
    expect(segmentIntersectsRect({ x1: 200, y1: 100, x2: 0, y2: 0 }, box)).toBe(true);
  });

  it('misses segments that pass by, stop short, or only run along an edge or touch a corner', () => {
    expect(segmentIntersectsRect({ x1: 0, y1: 0, x2: 200, y2: 0 }, box)).toBe(false);
    expect(segmentIntersectsRect({ x1: 0, y1: 40, x2: 9, y2: 40 }, box)).toBe(false);
    expect(segmentIntersectsRect({ x1: 0, y1: 100, x2: 200, y2: 70 }, box)).toBe(false);
    expect(segmentIntersectsRect({ x1: 0, y1: 20, x2: 200, y2: 20 }, box)).toBe(false);
    expect(segmentIntersectsRect({ x1: 110, y1: 0, x2: 110, y2: 100 }, box)).toBe(false);
    expect(segmentIntersectsRect({ x1: 0, y1: 10, x2: 20, y2: 30 }, { x: 10, y: 20, width: 5, height: 5 })).toBe(true);
    expect(segmentIntersectsRect({ x1: 0, y1: 30, x2: 20, y2: 10 }, { x: 10, y: 20, width: 5, height: 5 })).toBe(false);
    // ends on the edge from outside: a connector meeting a box
    expect(segmentIntersectsRect({ x1: 200, y1: 40, x2: 110, y2: 40 }, box)).toBe(false);
    // a point: inside the box or not
    expect(segmentIntersectsRect({ x1: 50, y1: 40, x2: 50, y2: 40 }, box)).toBe(true);
    expect(segmentIntersectsRect({ x1: 5, y1: 40, x2: 5, y2: 40 }, box)).toBe(false);
  });
});

describe('distanceToSegment and polylineSegments', () => {
  it('measures to the nearest point, clamped to the ends', () => {
    const s = { x1: 0, y1: 0, x2: 10, y2: 0 };
    expect(distanceToSegment({ x: 5, y: 3 }, s)).toBeCloseTo(3);
    expect(distanceToSegment({ x: 13, y: 4 }, s)).toBeCloseTo(5);
    expect(distanceToSegment({ x: -3, y: 0 }, s)).toBeCloseTo(3);
    expect(distanceToSegment({ x: 1, y: 1 }, { x1: 0, y1: 0, x2: 0, y2: 0 })).toBeCloseTo(Math.SQRT2);
  });

  it('splits a polyline into consecutive segments', () => {
    expect(polylineSegments([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 2 }])).toEqual([
      { x1: 0, y1: 0, x2: 1, y2: 0 },
      { x1: 1, y1: 0, x2: 1, y2: 2 },
    ]);
    expect(polylineSegments([{ x: 0, y: 0 }])).toEqual([]);
  });

  it('rectContains accepts boxes on the edge and refuses boxes sticking out', () => {
    expect(rectContains(box, box)).toBe(true);
    expect(rectContains(box, { x: 10, y: 20, width: 100.5, height: 1 })).toBe(false);
    expect(rectContains(box, { x: 9, y: 30, width: 1, height: 1 })).toBe(false);
  });
});

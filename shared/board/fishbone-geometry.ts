/** Plane geometry for the fishbone layout and its tests. Screen coordinates: y grows downwards. */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** True when the interiors of two rectangles share area; rectangles that only touch do not overlap. */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * True when the segment passes through the interior of the rectangle (Liang–Barsky clipping).
 * A segment that only runs along an edge or touches a corner does not cross it, so a connector may
 * end on a box's edge without "crossing" the box.
 */
export function segmentIntersectsRect(segment: Segment, rect: Rect): boolean {
  const dx = segment.x2 - segment.x1;
  const dy = segment.y2 - segment.y1;
  let t0 = 0;
  let t1 = 1;
  const clips: readonly (readonly [number, number])[] = [
    [-dx, segment.x1 - rect.x],
    [dx, rect.x + rect.width - segment.x1],
    [-dy, segment.y1 - rect.y],
    [dy, rect.y + rect.height - segment.y1],
  ];
  for (const [p, q] of clips) {
    if (p === 0) {
      // parallel to this edge: inside only if strictly within the slab
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  if (t1 <= t0) return false;
  // the clipped part must have interior points: its midpoint lies strictly inside
  const tm = (t0 + t1) / 2;
  return strictlyInside({ x: segment.x1 + dx * tm, y: segment.y1 + dy * tm }, rect);
}

function strictlyInside(p: Point, rect: Rect): boolean {
  return p.x > rect.x && p.x < rect.x + rect.width && p.y > rect.y && p.y < rect.y + rect.height;
}

/** Distance from a point to the nearest point of a segment. */
export function distanceToSegment(p: Point, segment: Segment): number {
  const dx = segment.x2 - segment.x1;
  const dy = segment.y2 - segment.y1;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - segment.x1) * dx + (p.y - segment.y1) * dy) / lengthSquared));
  return Math.hypot(p.x - (segment.x1 + t * dx), p.y - (segment.y1 + t * dy));
}

/** The segments of a polyline, in order. */
export function polylineSegments(points: readonly Point[]): Segment[] {
  const segments: Segment[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    segments.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y });
  }
  return segments;
}

/** True when every corner of `inner` lies within `outer` (edges included). */
export function rectContains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

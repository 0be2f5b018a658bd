import type { Rect } from '../../../shared/board/fishbone-geometry';
import { boardFishbone, type FishboneLayout } from '../../../shared/board/fishbone-layout';
import type { MeasureText } from '../../../shared/board/label-text';
import type { BoardCategory, BoardSpec } from '../../../shared/spec/board-spec';

/** The fishbone's layout, plus the area of each bone that a dragged cause can be dropped on. */
export interface BoardLayout extends FishboneLayout {
  readonly areas: ReadonlyMap<string, Rect>;
}

/** The smallest rectangle around the bone, its label and its causes, with some room around. */
function boneArea(layout: FishboneLayout, boneId: string, pad: number): Rect {
  const bone = layout.bones.find((b) => b.id === boneId)!;
  const rects: Rect[] = [bone.label.rect, ...layout.causes.filter((c) => c.boneId === boneId).map((c) => c.rect)];
  let left = Math.min(bone.line.x1, bone.line.x2);
  let right = Math.max(bone.line.x1, bone.line.x2);
  let top = Math.min(bone.line.y1, bone.line.y2);
  let bottom = Math.max(bone.line.y1, bone.line.y2);
  for (const r of rects) {
    left = Math.min(left, r.x);
    right = Math.max(right, r.x + r.width);
    top = Math.min(top, r.y);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return { x: left - pad, y: top - pad, width: right - left + 2 * pad, height: bottom - top + 2 * pad };
}

let canvasMeasure: MeasureText | undefined;

/** Measures text with the window's fonts (the ones the drawing uses), falling back to the estimate in the layout. */
export function windowMeasure(fontFamily: string): MeasureText | undefined {
  if (canvasMeasure !== undefined) return canvasMeasure;
  const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (context === null) return undefined;
  const cache = new Map<string, number>();
  canvasMeasure = (text, fontSize) => {
    const key = `${fontSize}\u0000${text}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    context.font = `${fontSize}px ${fontFamily}`;
    const width = context.measureText(text).width;
    if (cache.size > 20_000) cache.clear();
    cache.set(key, width);
    return width;
  };
  return canvasMeasure;
}

/** Lays out a board's fishbone (`effect` at the head, bones named by `boneName`). */
export function boardLayout(spec: BoardSpec, options: { readonly effect: string; readonly boneName: (category: BoardCategory) => string; readonly measure?: MeasureText | undefined }): BoardLayout {
  const layout = boardFishbone(spec, options);
  return { ...layout, areas: new Map(layout.bones.map((b) => [b.id, boneArea(layout, b.id, 10)])) };
}

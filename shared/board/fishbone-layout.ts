import type { BoardCategory, BoardSpec, CauseStatus } from '../spec/board-spec';
import type { Point, Rect, Segment } from './fishbone-geometry';
import { estimateTextWidth, wrapLabel, type MeasureText } from './label-text';

/**
 * Fishbone (Ishikawa) layout: every coordinate the renderer and the SVG/PNG/PDF exports draw.
 *
 * The spine runs left to right into the effect's box (the head). Bones alternate above and below
 * the spine and slant back from it; a bone's causes are horizontal labels stacked along it, each
 * tied to the bone by a short horizontal connector, sub-causes hanging from their parent's
 * connector. The canvas grows with the content: a bone is as long as its causes need and pushes
 * the next bone on its side away by the width of its causes.
 *
 * Phases: measure (wrap every label into lines) → shape each bone in its own frame (distance `d`
 * from the spine, x relative to where the bone meets the spine) → place the bones along each side
 * → translate into canvas coordinates and round.
 */

/** A cause and its sub-causes, in reading order. */
export interface FishboneCauseInput {
  readonly id: string;
  readonly text: string;
  readonly children: readonly FishboneCauseInput[];
  /** A collapsed cause keeps its box; its descendants are hidden and counted. */
  readonly collapsed?: boolean | undefined;
  readonly status?: CauseStatus | undefined;
}

/** A bone (a board category) with its causes. */
export interface FishboneBoneInput {
  readonly id: string;
  readonly label: string;
  readonly causes: readonly FishboneCauseInput[];
}

/** What a fishbone shows; `fishboneInput` builds it from a board. */
export interface FishboneInput {
  /** The problem at the head of the fish. */
  readonly effect: string;
  /** Bones from the head towards the tail; even positions go above the spine, odd below. */
  readonly bones: readonly FishboneBoneInput[];
}

/** Sizes in px; every option is optional and a non-finite or negative value falls back to the default. */
export interface FishboneLayoutOptions {
  readonly fontSize?: number | undefined;
  readonly boneFontSize?: number | undefined;
  readonly headFontSize?: number | undefined;
  /** Line height as a multiple of the font size. */
  readonly lineHeight?: number | undefined;
  /** Cause labels wrap beyond this width. */
  readonly maxLabelWidth?: number | undefined;
  readonly maxBoneLabelWidth?: number | undefined;
  readonly maxHeadWidth?: number | undefined;
  readonly paddingX?: number | undefined;
  readonly paddingY?: number | undefined;
  /** Vertical space between two cause boxes on a bone. */
  readonly rowGap?: number | undefined;
  /** Length of the horizontal connector from a cause box to its bone. */
  readonly connector?: number | undefined;
  /** Horizontal run of a bone per px of height (0.5 ≈ 63° from the spine). */
  readonly boneSlant?: number | undefined;
  /** Clear space between the causes of neighbouring bones. */
  readonly boneGap?: number | undefined;
  readonly margin?: number | undefined;
  /** Text measurer; the default is `estimateTextWidth`, the renderer may pass a canvas measurer. */
  readonly measure?: MeasureText | undefined;
}

/** One wrapped line: draw with text-anchor start at (x, y), y being the baseline. */
export interface FishboneTextLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** A box and the wrapped lines of text inside it. */
export interface FishboneTextBlock {
  readonly rect: Rect;
  readonly lines: readonly FishboneTextLine[];
}

/** A placed bone: its line and its label beyond the tip. */
export interface FishboneBoneLayout {
  readonly id: string;
  readonly side: 'top' | 'bottom';
  /** From where the bone meets the spine (x1, y1) to its outer tip (x2, y2). */
  readonly line: Segment;
  readonly label: FishboneTextBlock;
}

/** A placed cause box with its text and connector. */
export interface FishboneCauseLayout {
  readonly id: string;
  readonly boneId: string;
  /** 0 for a cause on a bone, 1 for its sub-causes, … */
  readonly depth: number;
  readonly parentId: string | null;
  readonly status: CauseStatus | null;
  readonly rect: Rect;
  readonly lines: readonly FishboneTextLine[];
  /** From the box's edge to a point of the bone (depth 0) or of the parent's connector. */
  readonly connector: readonly Point[];
  /** Descendants not drawn because this cause is collapsed (0 when expanded). */
  readonly hiddenDescendants: number;
  /** Room inside the box, right of the text, for a "+N" marker when descendants are hidden. */
  readonly badge: { readonly rect: Rect; readonly text: string } | null;
}

/** Every coordinate of a fishbone drawing, in px, origin top left, all rounded to 0.1. */
export interface FishboneLayout {
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  readonly boneFontSize: number;
  readonly headFontSize: number;
  readonly head: FishboneTextBlock;
  /** From the tail to the head's left edge. */
  readonly spine: Segment;
  /** In input order. */
  readonly bones: readonly FishboneBoneLayout[];
  /** Bone by bone, each bone's causes in reading order (a parent before its sub-causes). */
  readonly causes: readonly FishboneCauseLayout[];
}

interface ResolvedOptions {
  readonly fontSize: number;
  readonly boneFontSize: number;
  readonly headFontSize: number;
  readonly lineHeight: number;
  readonly maxLabelWidth: number;
  readonly maxBoneLabelWidth: number;
  readonly maxHeadWidth: number;
  readonly paddingX: number;
  readonly paddingY: number;
  readonly rowGap: number;
  readonly connector: number;
  readonly boneSlant: number;
  readonly boneGap: number;
  readonly margin: number;
  readonly measure: MeasureText;
}

const DEFAULTS: Omit<ResolvedOptions, 'measure'> = {
  fontSize: 13,
  boneFontSize: 14,
  headFontSize: 15,
  lineHeight: 1.35,
  maxLabelWidth: 180,
  maxBoneLabelWidth: 160,
  maxHeadWidth: 220,
  paddingX: 6,
  paddingY: 4,
  rowGap: 6,
  connector: 18,
  boneSlant: 0.45,
  boneGap: 16,
  margin: 16,
};

/** A measurer that never returns NaN, infinity or a negative width, whatever it is given. */
function finiteMeasure(measure: MeasureText): MeasureText {
  return (text, fontSize) => {
    const width = measure(text, fontSize);
    return Number.isFinite(width) && width > 0 ? width : 0;
  };
}

function resolveOptions(options: FishboneLayoutOptions): ResolvedOptions {
  const pick = (key: keyof typeof DEFAULTS, min: number): number => {
    const value = options[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : DEFAULTS[key];
  };
  const fontSize = pick('fontSize', 1);
  return {
    fontSize,
    boneFontSize: pick('boneFontSize', 1),
    headFontSize: pick('headFontSize', 1),
    lineHeight: pick('lineHeight', 1),
    // a label narrower than two characters cannot be read
    maxLabelWidth: Math.max(pick('maxLabelWidth', 0), fontSize * 2),
    maxBoneLabelWidth: Math.max(pick('maxBoneLabelWidth', 0), fontSize * 2),
    maxHeadWidth: Math.max(pick('maxHeadWidth', 0), fontSize * 2),
    paddingX: pick('paddingX', 0),
    paddingY: pick('paddingY', 0),
    rowGap: Math.max(pick('rowGap', 0), 2),
    connector: Math.max(pick('connector', 0), 6),
    boneSlant: Math.min(pick('boneSlant', 0), 3),
    boneGap: Math.max(pick('boneGap', 0), 2),
    margin: pick('margin', 0),
    measure: finiteMeasure(options.measure ?? estimateTextWidth),
  };
}

/** Wrapped text before placement: lines with their widths, and the padded box size. */
interface MeasuredText {
  readonly lines: readonly { readonly text: string; readonly width: number }[];
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly width: number;
  readonly height: number;
}

function measureText(text: string, maxWidth: number, fontSize: number, o: ResolvedOptions, extraWidth = 0): MeasuredText {
  const lines = wrapLabel(text, maxWidth, fontSize, o.measure).map((line) => ({ text: line, width: o.measure(line, fontSize) }));
  const lineHeight = fontSize * o.lineHeight;
  const textWidth = Math.max(0, ...lines.map((l) => l.width));
  return {
    lines,
    fontSize,
    lineHeight,
    width: textWidth + extraWidth + 2 * o.paddingX,
    height: lines.length * lineHeight + 2 * o.paddingY,
  };
}

/** Places a measured text in a box at (x, y); `align` is where the lines sit between the paddings. */
function placeText(text: MeasuredText, x: number, y: number, align: 'center' | 'right', o: ResolvedOptions, reserveRight = 0): FishboneTextBlock {
  const innerLeft = x + o.paddingX;
  const innerRight = x + text.width - o.paddingX - reserveRight;
  return {
    rect: { x, y, width: text.width, height: text.height },
    lines: text.lines.map((line, i) => ({
      text: line.text,
      x: align === 'center' ? (innerLeft + innerRight - line.width) / 2 : innerRight - line.width,
      // centre the x-height band of the glyphs in the line box
      y: y + o.paddingY + i * text.lineHeight + text.lineHeight / 2 + text.fontSize * 0.35,
      width: line.width,
    })),
  };
}

/** A visible cause in reading order, with the extent of its visible subtree. */
interface Row {
  readonly cause: FishboneCauseInput;
  readonly depth: number;
  /** Index of the parent row, -1 on the bone. */
  readonly parent: number;
  /** One past the last row of this cause's visible subtree. */
  end: number;
  readonly hidden: number;
  readonly text: MeasuredText;
  readonly badgeWidth: number;
}

function countDescendants(causes: readonly FishboneCauseInput[]): number {
  let n = 0;
  for (const cause of causes) n += 1 + countDescendants(cause.children);
  return n;
}

function flattenCauses(causes: readonly FishboneCauseInput[], depth: number, parent: number, rows: Row[], o: ResolvedOptions): void {
  for (const cause of causes) {
    const collapsed = cause.collapsed === true;
    const hidden = collapsed ? countDescendants(cause.children) : 0;
    const badgeFont = o.fontSize * 0.85;
    const badgeWidth = hidden > 0 ? o.measure(`+${hidden}`, badgeFont) + 8 : 0;
    const index = rows.length;
    const row: Row = {
      cause,
      depth,
      parent,
      end: index + 1,
      hidden,
      text: measureText(cause.text, o.maxLabelWidth, o.fontSize, o, badgeWidth > 0 ? badgeWidth + 4 : 0),
      badgeWidth,
    };
    rows.push(row);
    if (!collapsed) flattenCauses(cause.children, depth + 1, index, rows, o);
    row.end = rows.length;
  }
}

/** A cause box in the bone's frame: d1 < d2 are distances from the spine, x from the bone's root. */
interface LocalBox {
  readonly d1: number;
  readonly d2: number;
  readonly left: number;
  readonly right: number;
  /** Where the cause's connector meets the bone or its parent's connector, and the x of its own children's drop. */
  readonly anchor: number;
  readonly trunk: number;
}

/** A bone shaped in its own frame, before it is placed along the spine. */
interface BoneShape {
  readonly bone: FishboneBoneInput;
  readonly side: 'top' | 'bottom';
  readonly rows: readonly Row[];
  readonly boxes: readonly LocalBox[];
  /** Distance of the bone's tip from the spine. */
  readonly length: number;
  readonly label: MeasuredText;
  readonly labelD1: number;
  readonly labelLeft: number;
  /** How far the causes and label reach left of the bone line, measured at equal height. */
  readonly reach: number;
  /** How far the label sticks out right of the bone line (extended) at equal height. */
  readonly protrusion: number;
}

const SPINE_GAP = 14;
const TIP_GAP = 10;
const LABEL_GAP = 6;
const MIN_BONE_LENGTH = 70;
const HEAD_GAP = 24;
const TAIL = 28;

function shapeBone(bone: FishboneBoneInput, side: 'top' | 'bottom', headHalf: number, o: ResolvedOptions): BoneShape {
  const rows: Row[] = [];
  flattenCauses(bone.causes, 0, -1, rows, o);
  const k = o.boneSlant;
  const boneX = (d: number): number => -k * d;
  const stub = o.connector;

  const total = rows.reduce((sum, row) => sum + row.text.height, 0) + Math.max(0, rows.length - 1) * o.rowGap;
  // reading order runs top to bottom on both sides: above the spine the first cause is the farthest
  const spans: { d1: number; d2: number }[] = [];
  let offset = 0;
  for (const row of rows) {
    const h = row.text.height;
    spans.push(side === 'top' ? { d1: SPINE_GAP + total - offset - h, d2: SPINE_GAP + total - offset } : { d1: SPINE_GAP + offset, d2: SPINE_GAP + offset + h });
    offset += h + o.rowGap;
  }

  const boxes: LocalBox[] = [];
  rows.forEach((row, i) => {
    const span = spans[i]!;
    const parentBox = row.parent >= 0 ? boxes[row.parent] : undefined;
    const anchor = parentBox === undefined ? boneX((span.d1 + span.d2) / 2) : parentBox.trunk;
    let right = Math.min(anchor, boneX(span.d2)) - stub;
    let trunk = right + stub / 2;
    if (row.end > i + 1) {
      // the drop to the sub-causes stays left of the bone over every row it passes
      let clear = Infinity;
      for (let j = i; j < row.end; j++) clear = Math.min(clear, boneX(spans[j]!.d2) - stub / 2);
      trunk = Math.min(trunk, clear);
      right = trunk - stub / 2;
    }
    boxes.push({ d1: span.d1, d2: span.d2, left: right - row.text.width, right, anchor, trunk });
  });

  const length = Math.max(MIN_BONE_LENGTH, headHalf + o.margin, rows.length > 0 ? SPINE_GAP + total + TIP_GAP : 0);
  const label = measureText(bone.label, o.maxBoneLabelWidth, o.boneFontSize, o);
  const labelD1 = length + LABEL_GAP;
  const labelLeft = boneX(length) - label.width / 2;
  const reach = Math.max(
    label.width / 2 - k * LABEL_GAP,
    ...boxes.map((box) => boneX(box.d1) - box.left),
  );
  const protrusion = label.width / 2 + k * (LABEL_GAP + label.height);
  return { bone, side, rows, boxes, length, label, labelD1, labelLeft, reach, protrusion };
}

const round = (value: number): number => Math.round(value * 10) / 10 + 0;

/** Rounds the edges (not the size), so a box ends exactly where its connector starts. */
function roundRect(rect: Rect): Rect {
  const x = round(rect.x);
  const y = round(rect.y);
  return { x, y, width: round(round(rect.x + rect.width) - x), height: round(round(rect.y + rect.height) - y) };
}

function roundBlock(block: FishboneTextBlock): FishboneTextBlock {
  return {
    rect: roundRect(block.rect),
    lines: block.lines.map((line) => ({ text: line.text, x: round(line.x), y: round(line.y), width: round(line.width) })),
  };
}

/**
 * Lays out a fishbone diagram. Pure and deterministic: the same input gives the same layout, and
 * adding causes never shrinks the canvas.
 */
export function layoutFishbone(input: FishboneInput, options: FishboneLayoutOptions = {}): FishboneLayout {
  const o = resolveOptions(options);
  const k = o.boneSlant;
  const head = measureText(input.effect, o.maxHeadWidth, o.headFontSize, o);
  const headHalf = head.height / 2;
  const shapes = input.bones.map((bone, i) => shapeBone(bone, i % 2 === 0 ? 'top' : 'bottom', headHalf, o));

  // place each side from the head towards the tail; x = 0 is the head's left edge
  const roots = new Array<number>(shapes.length).fill(0);
  const minPitch = o.fontSize * 3;
  for (const side of ['top', 'bottom'] as const) {
    let previous: BoneShape | undefined;
    let x = -HEAD_GAP;
    shapes.forEach((shape, i) => {
      if (shape.side !== side) return;
      if (previous !== undefined) x -= Math.max(minPitch, previous.reach + shape.protrusion + o.boneGap);
      roots[i] = x;
      previous = shape;
    });
  }

  // extents in the pre-translation frame: x as is, d away from the spine on each side
  const tailX = Math.min(-HEAD_GAP, ...roots) - TAIL;
  let minX = tailX;
  let maxX = head.width;
  let topExtent = headHalf;
  let bottomExtent = headHalf;
  shapes.forEach((shape, i) => {
    const root = roots[i]!;
    const labelTop = shape.labelD1 + shape.label.height;
    if (shape.side === 'top') topExtent = Math.max(topExtent, labelTop);
    else bottomExtent = Math.max(bottomExtent, labelTop);
    minX = Math.min(minX, root + shape.labelLeft, ...shape.boxes.map((box) => root + box.left));
    maxX = Math.max(maxX, root + shape.labelLeft + shape.label.width);
  });

  const dx = o.margin - minX;
  const spineY = o.margin + topExtent;
  const toY = (side: 'top' | 'bottom', d: number): number => (side === 'top' ? spineY - d : spineY + d);
  const spanY = (side: 'top' | 'bottom', d1: number, d2: number): number => (side === 'top' ? spineY - d2 : spineY + d1);

  const bones: FishboneBoneLayout[] = [];
  const causes: FishboneCauseLayout[] = [];
  shapes.forEach((shape, i) => {
    const root = roots[i]! + dx;
    const { side } = shape;
    bones.push({
      id: shape.bone.id,
      side,
      line: { x1: round(root), y1: round(spineY), x2: round(root - k * shape.length), y2: round(toY(side, shape.length)) },
      label: roundBlock(placeText(shape.label, root + shape.labelLeft, spanY(side, shape.labelD1, shape.labelD1 + shape.label.height), 'center', o)),
    });
    shape.rows.forEach((row, r) => {
      const box = shape.boxes[r]!;
      const y = spanY(side, box.d1, box.d2);
      const centerY = toY(side, (box.d1 + box.d2) / 2);
      const block = placeText(row.text, root + box.left, y, 'right', o, row.badgeWidth > 0 ? row.badgeWidth + 4 : 0);
      const parent = row.parent >= 0 ? shape.rows[row.parent] : undefined;
      const parentBox = row.parent >= 0 ? shape.boxes[row.parent] : undefined;
      const rounded = roundBlock(block);
      const connector: Point[] = [
        // from the rounded box edge, so the connector starts exactly on it
        { x: rounded.rect.x + rounded.rect.width, y: centerY },
        { x: root + box.anchor, y: centerY },
      ];
      if (parentBox !== undefined) connector.push({ x: root + box.anchor, y: toY(side, (parentBox.d1 + parentBox.d2) / 2) });
      const badgeHeight = Math.min(row.text.height - 2 * o.paddingY, row.text.lineHeight);
      causes.push({
        id: row.cause.id,
        boneId: shape.bone.id,
        depth: row.depth,
        parentId: parent === undefined ? null : parent.cause.id,
        status: row.cause.status ?? null,
        rect: rounded.rect,
        lines: rounded.lines,
        connector: connector.map((p) => ({ x: round(p.x), y: round(p.y) })),
        hiddenDescendants: row.hidden,
        badge:
          row.hidden > 0
            ? {
                text: `+${row.hidden}`,
                rect: roundRect({
                  x: root + box.right - o.paddingX - row.badgeWidth,
                  y: centerY - badgeHeight / 2,
                  width: row.badgeWidth,
                  height: badgeHeight,
                }),
              }
            : null,
      });
    });
  });

  return {
    width: round(maxX + dx + o.margin),
    height: round(spineY + bottomExtent + o.margin),
    fontSize: o.fontSize,
    boneFontSize: o.boneFontSize,
    headFontSize: o.headFontSize,
    head: roundBlock(placeText(head, dx, spineY - headHalf, 'center', o)),
    spine: { x1: round(tailX + dx), y1: round(spineY), x2: round(dx), y2: round(spineY) },
    bones,
    causes,
  };
}

/**
 * The layout input for a board: its bones in order with their causes as trees, in the order of
 * `spec.causes`. A sub-cause hangs on its parent's bone; a cause whose parent is missing or that
 * sits on a parent cycle stays on its own bone; a cause on an unknown bone is left out.
 * `categoryLabel` names a bone in the reader's language; `effect` is the problem as the head shows it
 * (the spec stores the problem as a metric and scope, which the caller words).
 */
export function fishboneInput(spec: BoardSpec, categoryLabel: (category: BoardCategory) => string, effect: string): FishboneInput {
  const byId = new Map(spec.causes.map((cause) => [cause.id, cause]));
  const parentOf = (id: string): string | null => {
    const cause = byId.get(id);
    if (cause === undefined || cause.parentId === null || !byId.has(cause.parentId)) return null;
    // a cause on a cycle of parents is treated as a top-level cause
    const seen = new Set<string>([id]);
    for (let at: string | null = cause.parentId; at !== null; at = byId.get(at)?.parentId ?? null) {
      if (at === id) return null;
      if (seen.has(at)) break;
      seen.add(at);
    }
    return cause.parentId;
  };
  const children = new Map<string, string[]>();
  const roots = new Map<string, string[]>();
  for (const cause of spec.causes) {
    const parent = parentOf(cause.id);
    const list = parent === null ? roots : children;
    const key = parent ?? cause.categoryId;
    const siblings = list.get(key) ?? [];
    siblings.push(cause.id);
    list.set(key, siblings);
  }
  const build = (id: string, path: Set<string>): FishboneCauseInput => {
    const cause = byId.get(id)!;
    const nextPath = new Set(path).add(id);
    return {
      id,
      text: cause.text,
      status: cause.status,
      collapsed: cause.collapsed === true,
      children: (children.get(id) ?? []).filter((child) => !nextPath.has(child)).map((child) => build(child, nextPath)),
    };
  };
  return {
    effect,
    bones: spec.categories.map((category) => ({
      id: category.id,
      label: categoryLabel(category),
      causes: (roots.get(category.id) ?? []).map((id) => build(id, new Set())),
    })),
  };
}

/** A board's fishbone laid out: `effect` at the head, bones named by `boneName`, and each cause's
 * votes written after its text (so the window, the exports and reports draw the same labels). */
export function boardFishbone(spec: BoardSpec, options: { readonly effect: string; readonly boneName: (category: BoardCategory) => string; readonly measure?: MeasureText | undefined }): FishboneLayout {
  const labelled: BoardSpec = { ...spec, causes: spec.causes.map((c) => (c.votes > 0 ? { ...c, text: `${c.text}  ▲${c.votes}` } : c)) };
  return layoutFishbone(fishboneInput(labelled, options.boneName, options.effect), { measure: options.measure });
}

import { describe, expect, it } from 'vitest';
import {
  distanceToSegment,
  polylineSegments,
  rectContains,
  rectsOverlap,
  segmentIntersectsRect,
  type Rect,
  type Segment,
} from '../../../../shared/board/fishbone-geometry';
import {
  fishboneInput,
  layoutFishbone,
  type FishboneCauseInput,
  type FishboneInput,
  type FishboneLayout,
  type FishboneLayoutOptions,
} from '../../../../shared/board/fishbone-layout';
import { estimateTextWidth } from '../../../../shared/board/label-text';
import { newBoardSpec, type BoardCause, type BoardSpec, type CauseStatus } from '../../../../shared/spec/board-spec';

/** mulberry32: a tiny seeded PRNG so "random" boards are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_WORDS = ['agents', 'queue', 'training', 'shift', 'CRM', 'latency', 'backlog', 'escalation', 'script', 'outdated', 'knowledge', 'base', 'weekend', 'staffing', 'hand-off', 'SLA', 'clock', 'survey', 'tooling', 'routing', 'misconfigured', 'internationalization', 'v2.3', '40%'];
const ZH_CHARS = '客服人员培训不足周末排班系统掉线知识库过期流程交接缺失测量口径变化电话渠道四川高峰时段重复来电，。、';
const STATUSES: readonly CauseStatus[] = ['hypothesis', 'supported', 'rejected', 'root-cause'];

type Lang = 'en' | 'zh' | 'mixed';

function randomText(rng: () => number, lang: Lang, long: boolean): string {
  const pickLang = lang === 'mixed' ? (rng() < 0.5 ? 'en' : 'zh') : lang;
  if (pickLang === 'zh') {
    const n = long ? 30 + Math.floor(rng() * 50) : 2 + Math.floor(rng() * 12);
    return Array.from({ length: n }, () => ZH_CHARS[Math.floor(rng() * ZH_CHARS.length)]).join('');
  }
  const n = long ? 12 + Math.floor(rng() * 20) : 1 + Math.floor(rng() * 5);
  return Array.from({ length: n }, () => EN_WORDS[Math.floor(rng() * EN_WORDS.length)]).join(' ');
}

interface BoardShape {
  readonly causes: number;
  readonly bones?: number;
  readonly lang?: Lang;
  /** Chance that a cause is a sub-cause of an earlier cause on the same bone. */
  readonly sub?: number;
  readonly long?: number;
  readonly collapse?: number;
  /** Every cause on the first bone. */
  readonly oneBone?: boolean;
}

interface MutableCause {
  id: string;
  text: string;
  status: CauseStatus;
  collapsed: boolean;
  children: MutableCause[];
}

function randomBoard(seed: number, shape: BoardShape): FishboneInput {
  const rng = prng(seed);
  const lang = shape.lang ?? 'en';
  const boneCount = shape.bones ?? 6;
  const bones = Array.from({ length: boneCount }, (_, i) => ({ id: `bone${i}`, label: randomText(rng, lang, rng() < 0.1), causes: [] as MutableCause[], all: [] as MutableCause[] }));
  for (let i = 0; i < shape.causes; i++) {
    const bone = bones[shape.oneBone === true ? 0 : Math.floor(rng() * boneCount)]!;
    const cause: MutableCause = {
      id: `c${i}`,
      text: randomText(rng, lang, rng() < (shape.long ?? 0.1)),
      status: STATUSES[Math.floor(rng() * STATUSES.length)]!,
      collapsed: rng() < (shape.collapse ?? 0),
      children: [],
    };
    const parent = bone.all.length > 0 && rng() < (shape.sub ?? 0.3) ? bone.all[Math.floor(rng() * bone.all.length)]! : undefined;
    (parent === undefined ? bone.causes : parent.children).push(cause);
    bone.all.push(cause);
  }
  return { effect: randomText(rng, lang, rng() < 0.5), bones: bones.map(({ id, label, causes }) => ({ id, label, causes })) };
}

/** The causes a reader should see, in reading order, with the count each collapsed one hides. */
function visibleCauses(input: FishboneInput): { id: string; hidden: number; depth: number }[] {
  const count = (causes: readonly FishboneCauseInput[]): number => causes.reduce((n, c) => n + 1 + count(c.children), 0);
  const out: { id: string; hidden: number; depth: number }[] = [];
  const walk = (causes: readonly FishboneCauseInput[], depth: number): void => {
    for (const cause of causes) {
      out.push({ id: cause.id, hidden: cause.collapsed === true ? count(cause.children) : 0, depth });
      if (cause.collapsed !== true) walk(cause.children, depth + 1);
    }
  };
  for (const bone of input.bones) walk(bone.causes, 0);
  return out;
}

function allNumbers(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} is ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => allNumbers(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) allNumbers(v, `${path}.${k}`, out);
  }
}

const ON_LINE = 0.25;

const shrink = (rect: Rect, by: number): Rect => ({ x: rect.x + by, y: rect.y + by, width: rect.width - 2 * by, height: rect.height - 2 * by });

/** Everything the layout promises, as a list of broken promises (empty when all hold). */
function problems(layout: FishboneLayout, input: FishboneInput): string[] {
  const out: string[] = [];
  allNumbers(layout, 'layout', out);
  const canvas: Rect = { x: 0, y: 0, width: layout.width, height: layout.height };
  const labels: { name: string; rect: Rect }[] = [
    { name: 'head', rect: layout.head.rect },
    ...layout.bones.map((b) => ({ name: `bone label ${b.id}`, rect: b.label.rect })),
    ...layout.causes.map((c) => ({ name: `cause ${c.id}`, rect: c.rect })),
  ];
  for (const { name, rect } of labels) {
    if (!rectContains(canvas, rect)) out.push(`${name} outside the canvas`);
    if (rect.width <= 0 || rect.height <= 0) out.push(`${name} is empty`);
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (rectsOverlap(labels[i]!.rect, labels[j]!.rect)) out.push(`${labels[i]!.name} overlaps ${labels[j]!.name}`);
    }
  }
  const lines: { name: string; segment: Segment }[] = [{ name: 'spine', segment: layout.spine }, ...layout.bones.map((b) => ({ name: `bone ${b.id}`, segment: b.line }))];
  for (const { name, segment } of lines) {
    for (const point of [{ x: segment.x1, y: segment.y1 }, { x: segment.x2, y: segment.y2 }]) {
      if (!rectContains(canvas, { ...point, width: 0, height: 0 })) out.push(`${name} leaves the canvas`);
    }
    for (const label of labels) if (segmentIntersectsRect(segment, label.rect)) out.push(`${name} crosses ${label.name}`);
  }
  const expected = visibleCauses(input);
  const causeIds = layout.causes.map((c) => c.id);
  if (JSON.stringify(causeIds) !== JSON.stringify(expected.map((c) => c.id))) out.push('the visible causes are not the expected ones, in reading order');
  const byId = new Map(layout.causes.map((c) => [c.id, c]));
  const boneById = new Map(layout.bones.map((b) => [b.id, b]));
  for (const want of expected) {
    const cause = byId.get(want.id);
    if (cause === undefined) continue;
    if (cause.hiddenDescendants !== want.hidden) out.push(`cause ${cause.id} hides ${cause.hiddenDescendants}, expected ${want.hidden}`);
    if ((cause.badge !== null) !== want.hidden > 0) out.push(`cause ${cause.id} badge`);
    if (cause.badge !== null && !rectContains(cause.rect, cause.badge.rect)) out.push(`cause ${cause.id} badge outside its box`);
    if (cause.depth !== want.depth) out.push(`cause ${cause.id} depth`);
    for (const line of cause.lines) if (line.x < cause.rect.x - 0.2 || line.x + line.width > cause.rect.x + cause.rect.width + 0.2) out.push(`cause ${cause.id} text outside its box`);
    const first = cause.connector[0];
    const last = cause.connector[cause.connector.length - 1];
    if (first === undefined || last === undefined || cause.connector.length < 2) {
      out.push(`cause ${cause.id} has no connector`);
      continue;
    }
    if (Math.abs(first.x - (cause.rect.x + cause.rect.width)) > ON_LINE || first.y <= cause.rect.y || first.y >= cause.rect.y + cause.rect.height) out.push(`connector of ${cause.id} does not start on its box`);
    for (const point of cause.connector) if (!rectContains(canvas, { ...point, width: 0, height: 0 })) out.push(`connector of ${cause.id} leaves the canvas`);
    const targets =
      cause.parentId === null ? [boneById.get(cause.boneId)!.line] : polylineSegments(byId.get(cause.parentId)?.connector ?? []);
    if (!targets.some((segment) => distanceToSegment(last, segment) <= ON_LINE)) out.push(`connector of ${cause.id} does not end on its ${cause.parentId === null ? 'bone' : "parent's connector"}`);
    for (const segment of polylineSegments(cause.connector)) {
      // a connector starts on its box's edge; rounding may put that a hair inside
      for (const label of labels) if (segmentIntersectsRect(segment, shrink(label.rect, 0.05))) out.push(`connector of ${cause.id} crosses ${label.name}`);
    }
  }
  return out;
}

function checked(input: FishboneInput, options?: FishboneLayoutOptions): FishboneLayout {
  const layout = layoutFishbone(input, options);
  expect(problems(layout, input)).toEqual([]);
  return layout;
}

/** The same data with every object's keys in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => reverseKeys(v)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  }
  return value;
}

describe('layoutFishbone: no overlaps, nothing crossed, connectors attached', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const causes of [1, 6, 20, 60, 80]) {
      it(`${causes} cause${causes === 1 ? '' : 's'} in ${lang === 'en' ? 'English' : 'Chinese'}, with sub-causes`, () => {
        const input = randomBoard(causes * 7 + (lang === 'en' ? 1 : 2), { causes, lang, sub: 0.35 });
        const layout = checked(input);
        expect(layout.causes).toHaveLength(causes);
      });
    }
  }

  it('long labels wrap into several lines and stay apart', () => {
    const input = randomBoard(11, { causes: 30, lang: 'mixed', long: 0.8, sub: 0.3 });
    const layout = checked(input);
    expect(layout.causes.some((c) => c.lines.length >= 3)).toBe(true);
    expect(layout.head.lines.length).toBeGreaterThanOrEqual(1);
  });

  it('every cause on one bone, deep sub-causes: the bone grows and nothing collides', () => {
    for (const lang of ['en', 'zh'] as const) {
      const input = randomBoard(13, { causes: 80, lang, oneBone: true, sub: 0.5 });
      const layout = checked(input);
      const bone = layout.bones[0]!;
      expect(Math.abs(bone.line.y2 - bone.line.y1)).toBeGreaterThan(80 * 20);
    }
  });

  it('twelve bones, some empty, alternate above and below the spine', () => {
    const input = randomBoard(17, { causes: 40, bones: 12, lang: 'mixed', sub: 0.2 });
    const layout = checked(input);
    expect(layout.bones.map((b) => b.side)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'top' : 'bottom')));
    for (const bone of layout.bones) {
      expect(bone.line.y1).toBe(layout.spine.y1);
      // slants back from the spine towards the tail
      expect(bone.line.x2).toBeLessThan(bone.line.x1);
      expect(bone.side === 'top' ? bone.line.y2 < bone.line.y1 : bone.line.y2 > bone.line.y1).toBe(true);
      expect(bone.line.x1).toBeGreaterThanOrEqual(layout.spine.x1);
      expect(bone.line.x1).toBeLessThan(layout.spine.x2);
    }
    // the head sits at the right end of the spine
    expect(layout.head.rect.x).toBe(layout.spine.x2);
    expect(layout.head.rect.y).toBeLessThan(layout.spine.y1);
    expect(layout.head.rect.y + layout.head.rect.height).toBeGreaterThan(layout.spine.y1);
  });

  it('an empty board and a board without bones still lay out', () => {
    checked({ effect: '', bones: [] });
    checked({ effect: 'Repeat calls up', bones: [{ id: 'a', label: '', causes: [] }] });
  });

  it('property: ~200 seeded random boards keep every promise', () => {
    const rng = prng(2026);
    for (let seed = 0; seed < 200; seed++) {
      const input = randomBoard(seed + 1000, {
        causes: Math.floor(rng() * 70),
        bones: 1 + Math.floor(rng() * 12),
        lang: (['en', 'zh', 'mixed'] as const)[seed % 3],
        sub: rng() * 0.6,
        long: rng() * 0.4,
        collapse: rng() * 0.2,
        oneBone: rng() < 0.1,
      });
      const found = problems(layoutFishbone(input), input);
      expect(found, `seed ${seed}`).toEqual([]);
    }
  });

  it('holds with other sizes, a steep or flat slant, and a measurer of its own', () => {
    const input = randomBoard(23, { causes: 40, lang: 'mixed', sub: 0.4, long: 0.3, collapse: 0.1 });
    checked(input, { fontSize: 20, boneFontSize: 22, headFontSize: 28, maxLabelWidth: 120 });
    checked(input, { boneSlant: 0, rowGap: 0, boneGap: 0, margin: 0, paddingX: 0, paddingY: 0 });
    checked(input, { boneSlant: 2 });
    const wide = checked(input, { measure: (text, size) => 2 * estimateTextWidth(text, size) });
    expect(wide.width).toBeGreaterThan(layoutFishbone(input).width);
  });

  it('survives a broken measurer and nonsense options', () => {
    const input = randomBoard(29, { causes: 20, lang: 'en' });
    checked(input, { measure: () => Number.NaN });
    checked(input, { measure: () => -5 });
    checked(input, { fontSize: Number.NaN, maxLabelWidth: -1, boneSlant: Infinity, lineHeight: 0, margin: -3 });
  });
});

describe('layoutFishbone: deterministic', () => {
  it('gives the same layout for the same input, whatever the key order', () => {
    const input = randomBoard(31, { causes: 60, lang: 'mixed', sub: 0.4, collapse: 0.1 });
    const first = layoutFishbone(input);
    expect(layoutFishbone(input)).toStrictEqual(first);
    expect(layoutFishbone(structuredClone(input))).toStrictEqual(first);
    const reordered = reverseKeys(input);
    expect(Object.keys(reordered)).toEqual(['bones', 'effect']);
    expect(layoutFishbone(reordered)).toStrictEqual(first);
    expect(JSON.stringify(layoutFishbone(reordered))).toBe(JSON.stringify(first));
  });

  it('rounds coordinates to a tenth of a pixel', () => {
    const layout = layoutFishbone(randomBoard(37, { causes: 30, lang: 'mixed', sub: 0.3 }));
    const numbers: number[] = [];
    const collect = (v: unknown): void => {
      if (typeof v === 'number') numbers.push(v);
      else if (typeof v === 'object' && v !== null) Object.values(v).forEach(collect);
    };
    collect(layout);
    for (const n of numbers) expect(Math.abs(n * 10 - Math.round(n * 10))).toBeLessThan(1e-6);
  });
});

describe('layoutFishbone: grows with its content', () => {
  it('adding causes one by one never shrinks the canvas', () => {
    for (let seed = 0; seed < 25; seed++) {
      const rng = prng(seed + 500);
      const lang = (['en', 'zh', 'mixed'] as const)[seed % 3] ?? 'en';
      const bones: { id: string; label: string; causes: MutableCause[]; all: MutableCause[] }[] = Array.from({ length: 1 + (seed % 8) }, (_, i) => ({ id: `b${i}`, label: randomText(rng, lang, false), causes: [], all: [] }));
      const effect = randomText(rng, lang, true);
      let previous = { width: 0, height: 0 };
      for (let i = 0; i < 40; i++) {
        const bone = bones[Math.floor(rng() * bones.length)]!;
        const cause: MutableCause = { id: `c${i}`, text: randomText(rng, lang, rng() < 0.2), status: 'hypothesis', collapsed: false, children: [] };
        const parent = bone.all.length > 0 && rng() < 0.4 ? bone.all[Math.floor(rng() * bone.all.length)] : undefined;
        const siblings = parent === undefined ? bone.causes : parent.children;
        // anywhere among its siblings, not only at the end
        siblings.splice(Math.floor(rng() * (siblings.length + 1)), 0, cause);
        bone.all.push(cause);
        const input: FishboneInput = structuredClone({ effect, bones: bones.map(({ id, label, causes }) => ({ id, label, causes })) });
        const layout = layoutFishbone(input);
        expect(layout.width, `seed ${seed} step ${i}`).toBeGreaterThanOrEqual(previous.width);
        expect(layout.height, `seed ${seed} step ${i}`).toBeGreaterThanOrEqual(previous.height);
        previous = layout;
      }
      expect(previous.width).toBeGreaterThan(0);
    }
  });

  it('a bone with many causes gets longer and pushes its neighbour on the same side away', () => {
    const bone = (id: string, n: number): FishboneInput['bones'][number] => ({
      id,
      label: id,
      causes: Array.from({ length: n }, (_, i) => ({ id: `${id}${i}`, text: `Cause ${i} of ${id}`, children: [] })),
    });
    const small = layoutFishbone({ effect: 'Effect', bones: [bone('a', 2), bone('b', 2), bone('c', 2)] });
    const big = layoutFishbone({ effect: 'Effect', bones: [bone('a', 20), bone('b', 2), bone('c', 2)] });
    const length = (l: FishboneLayout, i: number): number => Math.hypot(l.bones[i]!.line.x2 - l.bones[i]!.line.x1, l.bones[i]!.line.y2 - l.bones[i]!.line.y1);
    expect(length(big, 0)).toBeGreaterThan(length(small, 0) * 3);
    // bone c is the next one above the spine: further from a than before
    const gap = (l: FishboneLayout): number => l.bones[0]!.line.x1 - l.bones[2]!.line.x1;
    expect(gap(big)).toBeGreaterThan(gap(small));
    expect(big.width).toBeGreaterThan(small.width);
    expect(big.height).toBeGreaterThan(small.height);
  });

  it('lays out 80 causes quickly', () => {
    const input = randomBoard(41, { causes: 80, lang: 'mixed', sub: 0.3, long: 0.2 });
    layoutFishbone(input);
    const start = performance.now();
    layoutFishbone(input);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('layoutFishbone: sub-causes and collapsing', () => {
  const input: FishboneInput = {
    effect: 'Repeat calls up 30%',
    bones: [
      {
        id: 'people',
        label: 'People',
        causes: [
          {
            id: 'p1',
            text: 'Weekend shift understaffed',
            children: [
              { id: 'p1a', text: 'Two agents quit', children: [{ id: 'p1a1', text: 'Pay below market', children: [] }] },
              { id: 'p1b', text: 'Hiring freeze', children: [] },
            ],
          },
          { id: 'p2', text: 'New hires untrained', collapsed: true, status: 'supported', children: [{ id: 'p2a', text: 'No trainer', children: [{ id: 'p2b', text: 'Budget', children: [] }] }] },
        ],
      },
      { id: 'method', label: '方法', causes: [{ id: 'm1', text: '交接流程缺失', children: [] }] },
    ],
  };

  it('hangs sub-causes under their parent, indented away from the bone', () => {
    const layout = checked(input);
    const at = (id: string) => layout.causes.find((c) => c.id === id)!;
    expect(layout.causes.map((c) => [c.id, c.depth, c.parentId])).toEqual([
      ['p1', 0, null],
      ['p1a', 1, 'p1'],
      ['p1a1', 2, 'p1a'],
      ['p1b', 1, 'p1'],
      ['p2', 0, null],
      ['m1', 0, null],
    ]);
    // reading order top to bottom, and each child's box ends left of its parent's
    expect(at('p1').rect.y).toBeLessThan(at('p1a').rect.y);
    expect(at('p1a').rect.y).toBeLessThan(at('p1a1').rect.y);
    expect(at('p1a1').rect.y).toBeLessThan(at('p1b').rect.y);
    const right = (id: string): number => at(id).rect.x + at(id).rect.width;
    expect(right('p1a')).toBeLessThan(right('p1'));
    expect(right('p1a1')).toBeLessThan(right('p1a'));
    // a sub-cause's connector turns to meet its parent's connector
    expect(at('p1a').connector).toHaveLength(3);
    expect(at('p1').connector).toHaveLength(2);
  });

  it('a collapsed cause keeps its box, hides its descendants and counts them', () => {
    const layout = checked(input);
    const p2 = layout.causes.find((c) => c.id === 'p2')!;
    expect(p2.hiddenDescendants).toBe(2);
    expect(p2.status).toBe('supported');
    expect(p2.badge?.text).toBe('+2');
    expect(layout.causes.some((c) => c.id === 'p2a' || c.id === 'p2b')).toBe(false);
    // the badge does not cover the label
    for (const line of p2.lines) expect(line.x + line.width).toBeLessThanOrEqual(p2.badge!.rect.x);
    const expanded = layoutFishbone({ ...input, bones: [{ ...input.bones[0]!, causes: input.bones[0]!.causes.map((c) => ({ ...c, collapsed: false })) }, input.bones[1]!] });
    expect(expanded.causes.map((c) => c.id)).toContain('p2b');
    expect(expanded.causes.find((c) => c.id === 'p2')!.hiddenDescendants).toBe(0);
    expect(expanded.causes.find((c) => c.id === 'p2')!.badge).toBeNull();
  });

  it('wraps the effect text in the head and centres its lines', () => {
    const layout = checked({ ...input, effect: 'First response time rose 40% in the Sichuan phone channel after the October release of the ticket tool' });
    expect(layout.head.lines.length).toBeGreaterThan(1);
    const { rect } = layout.head;
    for (const line of layout.head.lines) {
      expect(Math.abs(line.x + line.width / 2 - (rect.x + rect.width / 2))).toBeLessThanOrEqual(0.2);
      expect(line.y).toBeGreaterThan(rect.y);
      expect(line.y).toBeLessThan(rect.y + rect.height);
    }
  });
});

describe('fishboneInput', () => {
  const cause = (id: string, categoryId: string, parentId: string | null, extra: Partial<BoardCause> = {}): BoardCause => ({
    id,
    categoryId,
    parentId,
    text: `text ${id}`,
    status: 'hypothesis',
    votes: 0,
    evidence: [],
    ...extra,
  });
  const base = newBoardSpec({ metric: 'frt', filters: [], periodA: { from: '2026-01-01', to: '2026-01-31' }, periodB: { from: '2026-02-01', to: '2026-02-28' } });

  it('turns a board into bones with cause trees in the order of spec.causes', () => {
    const spec: BoardSpec = {
      ...base,
      categories: [...base.categories.slice(0, 2), { id: 'custom', label: 'Vendors' }],
      causes: [
        cause('c3', 'machine', null),
        cause('c1', 'people', null, { status: 'root-cause' }),
        cause('c2', 'people', 'c1'),
        cause('c0', 'people', 'c1', { collapsed: true }),
        cause('c4', 'custom', null),
        // a sub-cause filed under another bone still hangs on its parent
        cause('c5', 'machine', 'c1'),
      ],
    };
    const input = fishboneInput(spec, (c) => c.label ?? `#${c.key ?? c.id}`, 'FRT up');
    expect(input.effect).toBe('FRT up');
    expect(input.bones.map((b) => [b.id, b.label])).toEqual([
      ['people', '#people'],
      ['machine', '#machine'],
      ['custom', 'Vendors'],
    ]);
    const people = input.bones[0]!.causes;
    expect(people.map((c) => c.id)).toEqual(['c1']);
    expect(people[0]!.status).toBe('root-cause');
    expect(people[0]!.children.map((c) => c.id)).toEqual(['c2', 'c0', 'c5']);
    expect(people[0]!.children[1]!.collapsed).toBe(true);
    expect(input.bones[1]!.causes.map((c) => c.id)).toEqual(['c3']);
    expect(input.bones[2]!.causes[0]!.text).toBe('text c4');
    checked(input);
  });

  it('keeps causes with a missing parent or a parent cycle, drops causes on unknown bones', () => {
    const spec: BoardSpec = {
      ...base,
      causes: [
        cause('orphan', 'method', 'gone'),
        cause('x', 'people', 'y'),
        cause('y', 'people', 'x'),
        cause('z', 'people', 'x'),
        cause('self', 'people', 'self'),
        cause('lost', 'nowhere', null),
      ],
    };
    const input = fishboneInput(spec, (c) => c.id, 'E');
    const ids = (causes: readonly FishboneCauseInput[]): string[] => causes.flatMap((c) => [c.id, ...ids(c.children)]);
    expect(input.bones.find((b) => b.id === 'method')!.causes.map((c) => c.id)).toEqual(['orphan']);
    const people = input.bones.find((b) => b.id === 'people')!;
    expect(people.causes.map((c) => c.id)).toEqual(['x', 'y', 'self']);
    expect(people.causes[0]!.children.map((c) => c.id)).toEqual(['z']);
    expect(input.bones.flatMap((b) => ids(b.causes)).sort()).toEqual(['orphan', 'self', 'x', 'y', 'z']);
    checked(input);
  });
});

import { randomStream } from '../../electron/engine/demo/seeded-random';
import { type ValueCount } from '../../shared/cleaning/cluster-values';
import { toFullWidth } from '../../shared/cleaning/text-normalize';

/** How a planted value was derived from its group's base value. */
export type VariantKind = 'base' | 'width' | 'spacing' | 'suffix' | 'case' | 'typo' | 'unrelated';

/** A generated value with its ground truth: values of one group should cluster, no others. */
export interface PlantedValue extends ValueCount {
  readonly group: number;
  readonly kind: VariantKind;
}

// common Han characters, without those of the generic suffixes (区省市地分公司大有限) so a base never
// ends in one by chance
const HAN_POOL = Array.from(
  '的一是在不了人我他这中上们来到时和要就出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感见明问力理尔点文几定本公特做外孩相西果走将月十实向声车全信重三机工物气每并别真打太新比才便夫再书部水像眼等体却加电主界门利海受听表德少克代员许先口由死安写性马光白或住难望教命花结乐色更拉东神记处让母父应直字场平报友关放至张认接告入笑内英军候民岁往何度山觉路带万男边风解叫任金快原吃妈变通师立象数四失满战远格士音轻目条呢病始达深完今提求清王化空业思切怎非找片罗钱吗语元喜曾离飞科言干流欢约各即指合反题必该论交终林请医晚制球决传画保读运及则房早院量苦火布品近坐产答星精视五连司巴奇管类未朋且婚台夜青北队久乎越观落尽形影红爸百令周吧识步希亚术留单持持华南京',
).filter((char, index, all) => !'区省市地分公司大有限'.includes(char) && all.indexOf(char) === index);
const CONSONANTS = 'bcdfghjklmnprstvwz';
const VOWELS = 'aeiou';
const SUFFIXES = ['区', '大区', '地区', '分公司', '公司', '有限公司', '市'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function hanWord(random: () => number, min: number, max: number): string {
  const length = min + Math.floor(random() * (max - min + 1));
  let word = '';
  for (let i = 0; i < length; i++) word += pick(random, HAN_POOL);
  return word;
}

function latinWord(random: () => number): string {
  const syllables = 3 + Math.floor(random() * 2);
  let word = '';
  for (let i = 0; i < syllables; i++) word += pick(random, Array.from(CONSONANTS)) + pick(random, Array.from(VOWELS));
  return word[0]!.toUpperCase() + word.slice(1);
}

function latinPhrase(random: () => number): string {
  const words = 1 + Math.floor(random() * 2);
  return Array.from({ length: words }, () => latinWord(random)).join(' ');
}

/** One Levenshtein edit (substitute, insert or delete a character) away from a Latin or Han base. */
function typo(random: () => number, base: string, han: boolean): string {
  const chars = Array.from(base);
  const at = 1 + Math.floor(random() * (chars.length - 1));
  const letter = (): string => (han ? pick(random, HAN_POOL) : pick(random, Array.from('abcdefghijklmnopqrstuvwxyz')));
  // a 3-character Han value must match exactly, so a 4-character base loses no character
  const operation = han && chars.length <= 4 ? random() * 0.7 : random();
  if (operation < 0.4) chars[at] = letter();
  else if (operation < 0.7) chars.splice(at, 0, letter());
  else if (chars[at] !== ' ') chars.splice(at, 1);
  else chars[at] = letter();
  return chars.join('');
}

function spaced(random: () => number, base: string, han: boolean): string {
  if (han) return Array.from(base).join(random() < 0.5 ? ' ' : '\u3000');
  return `  ${base.replace(/ /g, '   ')}\u00A0`;
}

/** Options of {@link generateValueVariants}. */
export interface VariantOptions {
  readonly seed: number;
  /** Base values, each with planted variants. */
  readonly groups: number;
  /** Further values unrelated to any other, each a group of its own. */
  readonly unrelated: number;
}

/**
 * Category values with planted variants of each base value: full-width, extra spaces, Chinese
 * suffix variants (华东/华东区/华东大区), case variants (Phone/phone/PHONE) and one-edit typos
 * (only where the default edit-distance threshold allows one edit: Latin bases, Han bases of 4+
 * characters). Bases are more frequent than their variants. Deterministic for a seed.
 */
export function generateValueVariants({ seed, groups, unrelated }: VariantOptions): PlantedValue[] {
  const random = randomStream(seed);
  const out: PlantedValue[] = [];
  const used = new Set<string>();
  const add = (value: string, group: number, kind: VariantKind, count: number): void => {
    if (used.has(value)) return;
    used.add(value);
    out.push({ value, count, group, kind });
  };
  const freshBase = (han: boolean, min: number, max: number): string => {
    for (;;) {
      const base = han ? hanWord(random, min, max) : latinPhrase(random);
      if (!used.has(base)) return base;
    }
  };
  for (let group = 0; group < groups; group++) {
    const han = random() < 0.5;
    const base = freshBase(han, 2, 6);
    add(base, group, 'base', 200 + Math.floor(random() * 800));
    const variantCount = () => 1 + Math.floor(random() * 40);
    if (han) {
      add(spaced(random, base, true), group, 'spacing', variantCount());
      add(base + pick(random, SUFFIXES), group, 'suffix', variantCount());
      if (random() < 0.5) add(`${spaced(random, base, true)} ${pick(random, SUFFIXES)}`, group, 'suffix', variantCount());
      if (Array.from(base).length >= 4) add(typo(random, base, true), group, 'typo', variantCount());
    } else {
      add(toFullWidth(base), group, 'width', variantCount());
      add(spaced(random, base, false), group, 'spacing', variantCount());
      add(base.toUpperCase(), group, 'case', variantCount());
      add(base.toLowerCase(), group, 'case', variantCount());
      add(typo(random, base, false), group, 'typo', variantCount());
    }
  }
  for (let i = 0; i < unrelated; i++) {
    const han = random() < 0.5;
    add(freshBase(han, 2, 8), groups + i, 'unrelated', 1 + Math.floor(random() * 300));
  }
  return out;
}

/**
 * `n` distinct values for a timing check: Han words of 2–8 characters, Latin phrases and ticket
 * codes with digits, in a seeded random mix with random counts.
 */
export function generateDistinctValues(seed: number, n: number): ValueCount[] {
  const random = randomStream(seed);
  const seen = new Set<string>();
  const out: ValueCount[] = [];
  while (out.length < n) {
    const roll = random();
    const value =
      roll < 0.5
        ? hanWord(random, 2, 8)
        : roll < 0.9
          ? `${latinPhrase(random)} ${latinWord(random)}`
          : `TK-${Math.floor(random() * 1e6).toString().padStart(6, '0')}`;
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ value, count: 1 + Math.floor(random() * 50) });
  }
  return out;
}

import { randomStream } from '../../../../electron/engine/demo/seeded-random';
import { describe, expect, it } from 'vitest';
import { clusterValues, defaultMaxDistance, type ClusterMethod, type ValueCluster, type ValueCount } from '../../../../shared/cleaning/cluster-values';
import { levenshtein } from '../../../../shared/cleaning/levenshtein';
import { comparisonForm, fingerprint, hasCjk } from '../../../../shared/cleaning/value-fingerprint';
import { generateDistinctValues, generateValueVariants, type PlantedValue, type VariantKind } from '../../../support/value-variants';

const counted = (...values: string[]): ValueCount[] => values.map((value, i) => ({ value, count: values.length - i }));
const sets = (clusters: readonly ValueCluster[]): string[][] => clusters.map((cluster) => cluster.values.map(({ value }) => value).sort());

/** Pairwise precision and recall of clusters against planted groups, over the values `scored` keeps. */
function pairScores(clusters: readonly ValueCluster[], planted: readonly PlantedValue[], scored: (value: PlantedValue) => boolean) {
  const byValue = new Map(planted.map((value) => [value.value, value]));
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  let predicted = 0;
  let correct = 0;
  for (const cluster of clusters) {
    const kept = cluster.values.map(({ value }) => byValue.get(value)).filter((value) => value !== undefined && scored(value));
    predicted += pairs(kept.length);
    const perGroup = new Map<number, number>();
    for (const value of kept) perGroup.set(value!.group, (perGroup.get(value!.group) ?? 0) + 1);
    for (const size of perGroup.values()) correct += pairs(size);
  }
  const groupSizes = new Map<number, number>();
  for (const value of planted) if (scored(value)) groupSizes.set(value.group, (groupSizes.get(value.group) ?? 0) + 1);
  const truth = [...groupSizes.values()].reduce((sum, size) => sum + pairs(size), 0);
  return { precision: predicted === 0 ? 1 : correct / predicted, recall: truth === 0 ? 1 : correct / truth };
}

describe('levenshtein', () => {
  it('counts edits by code point', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('北京', '南京')).toBe(1);
    expect(levenshtein('𠀋a', 'a')).toBe(1);
    expect(levenshtein('', 'abc')).toBe(3);
  });
});

describe('clusterValues by fingerprint', () => {
  it('clusters Chinese suffix, space and width variants and suggests the most frequent value', () => {
    const clusters = clusterValues(
      [
        { value: '华东区', count: 5 },
        { value: '华东', count: 40 },
        { value: '华东 区', count: 2 },
        { value: '华东大区', count: 40 },
        { value: 'ＨＵＡＤＯＮＧ', count: 3 },
        { value: 'Huadong', count: 1 },
        { value: '华南', count: 9 },
      ],
      { kind: 'fingerprint' },
    );
    expect(clusters).toEqual([
      {
        values: [
          { value: '华东', count: 40 },
          { value: '华东大区', count: 40 },
          { value: '华东区', count: 5 },
          { value: '华东 区', count: 2 },
        ],
        canonical: '华东',
        totalRows: 87,
      },
      { values: [{ value: 'ＨＵＡＤＯＮＧ', count: 3 }, { value: 'Huadong', count: 1 }], canonical: 'ＨＵＡＤＯＮＧ', totalRows: 4 },
    ]);
  });

  it('clusters case and trailing-space variants, and adds duplicate inputs together', () => {
    const clusters = clusterValues(
      [
        { value: 'Phone', count: 3 },
        { value: 'phone ', count: 7 },
        { value: 'PHONE', count: 1 },
        { value: 'Phone', count: 6 },
        { value: 'Email', count: 4 },
      ],
      { kind: 'fingerprint' },
    );
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.canonical).toBe('Phone');
    expect(clusters[0]!.totalRows).toBe(17);
  });

  it('keeps Shang hai apart from Shanghai, which the n-gram key joins', () => {
    const values = counted('Shang hai', 'Shanghai', 'Beijing');
    expect(clusterValues(values, { kind: 'fingerprint' })).toEqual([]);
    expect(sets(clusterValues(values, { kind: 'ngramFingerprint' }))).toEqual([['Shang hai', 'Shanghai']]);
  });

  it('does not merge different places or reversed Chinese words', () => {
    expect(clusterValues(counted('北京', '南京', '东华', '华东', '东区', '东'), { kind: 'fingerprint' })).toEqual([]);
    expect(clusterValues(counted('北京', '南京', '东华', '华东'), { kind: 'ngramFingerprint' })).toEqual([]);
  });

  it('uses the given suffix list', () => {
    expect(clusterValues(counted('华东', '华东区'), { kind: 'fingerprint', suffixes: [] })).toEqual([]);
    expect(sets(clusterValues(counted('华东', '华东片区'), { kind: 'fingerprint', suffixes: ['片区'] }))).toEqual([['华东', '华东片区']]);
  });
});

describe('clusterValues by edit distance', () => {
  const method: ClusterMethod = { kind: 'editDistance' };

  it('joins typos, split words and fingerprint variants', () => {
    const clusters = clusterValues(
      counted('Refund request', 'refund requset', 'Shanghai', 'Shang hai', '物流延迟问题', '物流延误问题', 'Phone', 'PHONE', '华东', '华东大区'),
      method,
    );
    expect(sets(clusters)).toEqual([
      ['Refund request', 'refund requset'],
      ['Shang hai', 'Shanghai'],
      ['物流延误问题', '物流延迟问题'],
      ['PHONE', 'Phone'],
      ['华东', '华东大区'],
    ]);
  });

  it('requires short Chinese values to match exactly after fingerprinting: 北京 is not 南京', () => {
    expect(clusterValues(counted('北京', '南京', '华东', '华南', '东北区', '西北区'), method)).toEqual([]);
    expect(defaultMaxDistance(3, true)).toBe(0);
    expect(clusterValues(counted('北京', '南京'), { kind: 'editDistance', maxDistance: 1 })).toEqual([]);
  });

  it('counts only the CJK characters of mixed text towards the threshold: iPhone售后 is not iPhone售前', () => {
    expect(clusterValues(counted('iPhone售后', 'iPhone售前', 'iPhone退款'), method)).toEqual([]);
    expect(sets(clusterValues(counted('iPhone物流延迟问题', 'iPhone物流延误问题'), method))).toEqual([['iPhone物流延误问题', 'iPhone物流延迟问题']]);
  });

  it('does not merge values that differ in their digits or are too short for a typo', () => {
    expect(clusterValues(counted('iPhone 13', 'iPhone 14', 'Level 1', 'Level 2', 'A1', 'B1', 'ab', 'ac'), method)).toEqual([]);
  });

  it('does not merge words two edits apart below ten letters', () => {
    expect(clusterValues(counted('phone', 'shore'), method)).toEqual([]);
  });

  it('does not chain: every value is within the distance of its cluster’s most frequent value', () => {
    const clusters = clusterValues(
      [
        { value: 'abcdefgh', count: 10 },
        { value: 'abcdefgX', count: 5 },
        { value: 'abcdefYX', count: 4 },
        { value: 'abcdeZYX', count: 3 },
      ],
      method,
    );
    expect(sets(clusters)).toEqual([['abcdefgX', 'abcdefgh'], ['abcdeZYX', 'abcdefYX']]);
    for (const cluster of clusters) {
      for (const { value } of cluster.values) expect(levenshtein(value.toLowerCase(), cluster.canonical.toLowerCase())).toBeLessThanOrEqual(1);
    }
  });

  it('follows a custom threshold', () => {
    expect(sets(clusterValues(counted('phone', 'shore'), { kind: 'editDistance', maxDistance: 2 }))).toEqual([['phone', 'shore']]);
    expect(clusterValues(counted('Refund request', 'refund requset'), { kind: 'editDistance', maxDistance: () => 0 })).toEqual([]);
  });
});

/** The edit-distance clustering without blocking: every pair of forms compared. */
function bruteForceEditDistance(values: readonly ValueCount[]): string[][] {
  const forms = values.map(({ value }) => {
    const form = comparisonForm(value);
    const chars = Array.from(form);
    const cjkLength = chars.filter((char) => hasCjk(char)).length;
    const k = Math.max(0, Math.min(defaultMaxDistance(cjkLength > 0 ? cjkLength : chars.length, cjkLength > 0), chars.length - 1));
    return { form, cjk: cjkLength > 0, length: chars.length, k, digits: (form.match(/\d+/g) ?? []).join(' ') };
  });
  const near = (a: number, b: number): boolean => {
    const x = forms[a]!;
    const y = forms[b]!;
    if (x.cjk !== y.cjk || x.digits !== y.digits) return false;
    const k = x.length === y.length ? Math.min(x.k, y.k) : x.length < y.length ? x.k : y.k;
    return levenshtein(x.form, y.form) <= k;
  };
  const groups = new Map<string, { members: number[]; count: number; first: number }>();
  values.forEach(({ value, count }, i) => {
    const key = fingerprint(value);
    const group = groups.get(key) ?? { members: [], count: 0, first: i };
    group.members.push(i);
    group.count += count;
    groups.set(key, group);
  });
  const order = [...groups.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  const taken = new Set<(typeof order)[number]>();
  const clusters: string[][] = [];
  for (const centre of order) {
    if (taken.has(centre)) continue;
    const star = order.filter(
      (other) => other === centre || (!taken.has(other) && centre.members.some((a) => other.members.some((b) => near(a, b)))),
    );
    for (const group of star) taken.add(group);
    const members = star.flatMap((group) => group.members.map((i) => values[i]!.value));
    if (members.length > 1) clusters.push(members.sort());
  }
  return clusters.sort((a, b) => a.join().localeCompare(b.join()));
}

describe('clusterValues by edit distance against every pair compared', () => {
  it('misses no pair through blocking', () => {
    const random = randomStream(42);
    const letters = Array.from('abcde1');
    const han = Array.from('北京南东华西');
    const seen = new Set<string>();
    const values: ValueCount[] = [];
    while (values.length < 700) {
      const cjk = random() < 0.4;
      const length = (cjk ? 2 : 3) + Math.floor(random() * (cjk ? 8 : 10));
      let value = '';
      for (let i = 0; i < length; i++) value += cjk ? han[Math.floor(random() * han.length)]! : letters[Math.floor(random() * letters.length)]!;
      if (seen.has(value)) continue;
      seen.add(value);
      values.push({ value, count: 1 + Math.floor(random() * 1000) });
    }
    const clustered = sets(clusterValues(values, { kind: 'editDistance' })).sort((a, b) => a.join().localeCompare(b.join()));
    expect(clustered.length).toBeGreaterThan(20);
    expect(clustered).toEqual(bruteForceEditDistance(values));
  });
});

describe('clusterValues on generated values with planted variants', () => {
  const planted = generateValueVariants({ seed: 20261123, groups: 300, unrelated: 1500 });
  const catchable: Record<'fingerprint' | 'ngramFingerprint' | 'editDistance', readonly VariantKind[]> = {
    fingerprint: ['base', 'width', 'spacing', 'suffix', 'case', 'unrelated'],
    ngramFingerprint: ['base', 'width', 'spacing', 'suffix', 'case', 'unrelated'],
    editDistance: ['base', 'width', 'spacing', 'suffix', 'case', 'typo', 'unrelated'],
  };

  for (const kind of ['fingerprint', 'ngramFingerprint', 'editDistance'] as const) {
    it(`${kind}: high pairwise precision and recall on the variants it should find`, () => {
      const clusters = clusterValues(planted, { kind });
      const all = pairScores(clusters, planted, () => true);
      const own = pairScores(clusters, planted, (value) => catchable[kind].includes(value.kind));
      console.log(
        `${kind} on ${planted.length} values: precision ${all.precision.toFixed(4)}, recall ${all.recall.toFixed(4)} (all kinds), ` +
          `${own.recall.toFixed(4)} (kinds it should find)`,
      );
      expect(all.precision).toBeGreaterThan(0.97);
      expect(own.recall).toBeGreaterThan(0.97);
    });
  }

  it('suggests the planted base value as canonical', () => {
    const clusters = clusterValues(planted, { kind: 'editDistance' });
    const bases = new Set(planted.filter((value) => value.kind === 'base').map((value) => value.value));
    const right = clusters.filter((cluster) => bases.has(cluster.canonical)).length;
    expect(right / clusters.length).toBeGreaterThan(0.97);
  });
});

describe('clusterValues on 100,000 distinct values', () => {
  it('finds the planted variants among them (time printed, not asserted)', () => {
    const planted = generateValueVariants({ seed: 7, groups: 500, unrelated: 0 });
    const plantedValues = new Set(planted.map((value) => value.value));
    const filler = generateDistinctValues(99, 100_000 + planted.length).filter((value) => !plantedValues.has(value.value));
    const values: ValueCount[] = [...planted, ...filler].slice(0, 100_000);
    expect(new Set(values.map((value) => value.value)).size).toBe(100_000);

    for (const kind of ['fingerprint', 'ngramFingerprint', 'editDistance'] as const) {
      const started = performance.now();
      const clusters = clusterValues(values, { kind });
      const elapsed = performance.now() - started;
      const clustered = clusters.flatMap((cluster) => cluster.values.map(({ value }) => value));
      expect(new Set(clustered).size).toBe(clustered.length);
      for (const cluster of clusters) expect(cluster.totalRows).toBe(cluster.values.reduce((sum, { count }) => sum + count, 0));
      const scores = pairScores(clusters, planted, (value) => kind === 'editDistance' || value.kind !== 'typo');
      console.log(
        `${kind} on 100,000 distinct values: ${elapsed.toFixed(0)} ms, ${clusters.length} clusters, ` +
          `planted recall ${scores.recall.toFixed(4)}, precision among planted ${scores.precision.toFixed(4)}`,
      );
      expect(scores.recall).toBeGreaterThan(0.95);
      expect(scores.precision).toBeGreaterThan(0.95);
    }
  });
});

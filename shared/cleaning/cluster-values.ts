import { boundedLevenshtein, codePoints } from './levenshtein';
import { CJK_CHARACTER } from './text-normalize';
import { comparisonForm, fingerprint, fingerprintOfForm, ngramFingerprint, type FingerprintOptions } from './value-fingerprint';

/** A distinct value of a column and the number of rows holding it. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** Values that probably mean the same thing, as a suggestion to merge them. */
export interface ValueCluster {
  /** The values, most frequent first (ties in input order). */
  readonly values: readonly ValueCount[];
  /** The suggested value to merge into: the most frequent one, ties broken by input order. */
  readonly canonical: string;
  /** Rows holding any of the values. */
  readonly totalRows: number;
}

/**
 * The largest edit distance allowed between two comparison forms, given the shorter one's length
 * and whether it holds CJK characters. The length of a form with CJK characters counts only
 * those, so Latin letters beside them (iphone售后 vs iphone售前) do not loosen the threshold;
 * otherwise it is the number of code points.
 */
export type DistanceThreshold = (length: number, cjk: boolean) => number;

/**
 * Default edit-distance threshold. One Chinese character carries about a word's meaning, so short
 * CJK values must match exactly after fingerprinting (北京 and 南京 stay apart): 0 up to 3
 * characters, 1 for 4–7, 2 from 8. Latin text: 0 up to 2 characters (codes like A1/B1), 1 for
 * 3–9, 2 from 10. A flat 2 above 4 letters would merge phone and shore.
 */
export const defaultMaxDistance: DistanceThreshold = (length, cjk) => {
  if (cjk) return length <= 3 ? 0 : length <= 7 ? 1 : 2;
  return length <= 2 ? 0 : length <= 9 ? 1 : 2;
};

/** How to cluster values; a spec the UI can store and send. */
export type ClusterMethod =
  | ({ readonly kind: 'fingerprint' } & FingerprintOptions)
  | ({ readonly kind: 'ngramFingerprint'; /** n-gram size, default 2 */ readonly n?: number } & FingerprintOptions)
  | ({
      readonly kind: 'editDistance';
      /**
       * A fixed maximum distance, or a threshold by length; default {@link defaultMaxDistance}.
       * A fixed number still leaves CJK values of up to 3 characters at 0.
       */
      readonly maxDistance?: number | DistanceThreshold;
    } & FingerprintOptions);

interface Entry {
  readonly value: string;
  readonly count: number;
  readonly index: number;
}

/** Values with the same key, in clustering order. */
interface Group {
  readonly entries: Entry[];
  count: number;
  readonly index: number;
}

/**
 * Clusters distinct values that probably mean the same thing. Only clusters of two or more values
 * are returned, the largest (by rows) first. Duplicate input values are added together.
 *
 * - `fingerprint` and `ngramFingerprint`: values whose keys collide (see `value-fingerprint.ts`).
 * - `editDistance`: values with the same fingerprint, plus values whose comparison forms are
 *   within the Levenshtein distance the shorter one's threshold allows (the smaller of the two
 *   for equal lengths). Pairs are found by exact pigeonhole blocking (a form cut into k+1
 *   segments keeps one intact within k positions of any form k edits away), so no pair within
 *   the threshold is missed. Connected components would chain a–b–c–d into one cluster, so
 *   instead the fingerprint groups are taken most frequent first and each takes the groups
 *   directly linked to it that no earlier one took: every value of a cluster is within the
 *   distance of the cluster's most frequent group. Forms whose digits differ (iPhone 13,
 *   iPhone 14) are never linked, and forms with CJK characters are only compared with forms with
 *   CJK characters.
 */
export function clusterValues(values: readonly ValueCount[], method: ClusterMethod): ValueCluster[] {
  const entries = distinctEntries(values);
  const options: FingerprintOptions = method.suffixes === undefined ? {} : { suffixes: method.suffixes };
  switch (method.kind) {
    case 'fingerprint':
      return toClusters(groupBy(entries, (value) => fingerprint(value, options)).filter((group) => group.entries.length > 1).map((group) => [group]));
    case 'ngramFingerprint': {
      const n = method.n ?? 2;
      return toClusters(groupBy(entries, (value) => ngramFingerprint(value, n, options)).filter((group) => group.entries.length > 1).map((group) => [group]));
    }
    case 'editDistance':
      return clusterByEditDistance(entries, resolveThreshold(method.maxDistance), options);
  }
}

function distinctEntries(values: readonly ValueCount[]): Entry[] {
  const byValue = new Map<string, { value: string; count: number; index: number }>();
  values.forEach(({ value, count }, index) => {
    const existing = byValue.get(value);
    if (existing === undefined) byValue.set(value, { value, count, index });
    else existing.count += count;
  });
  return [...byValue.values()];
}

function groupBy(entries: readonly Entry[], key: (value: string) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const k = key(entry.value);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, { entries: [entry], count: entry.count, index: entry.index });
    else {
      group.entries.push(entry);
      group.count += entry.count;
    }
  }
  return [...groups.values()];
}

function byFrequency(a: { count: number; index: number }, b: { count: number; index: number }): number {
  return b.count - a.count || a.index - b.index;
}

function toClusters(memberGroups: readonly (readonly Group[])[]): ValueCluster[] {
  const clusters = memberGroups.map((groups) => {
    const sorted = groups.flatMap((group) => group.entries).sort(byFrequency);
    const first = sorted[0]!;
    return {
      cluster: {
        values: sorted.map(({ value, count }) => ({ value, count })),
        canonical: first.value,
        totalRows: sorted.reduce((sum, entry) => sum + entry.count, 0),
      },
      index: Math.min(...sorted.map((entry) => entry.index)),
    };
  });
  clusters.sort((a, b) => b.cluster.totalRows - a.cluster.totalRows || a.index - b.index);
  return clusters.map(({ cluster }) => cluster);
}

function resolveThreshold(maxDistance: number | DistanceThreshold | undefined): DistanceThreshold {
  const threshold: DistanceThreshold =
    typeof maxDistance === 'function'
      ? maxDistance
      : maxDistance === undefined
        ? defaultMaxDistance
        : (length, cjk) => (cjk && length <= 3 ? 0 : maxDistance);
  return (length, cjk) => Math.max(0, Math.min(Math.floor(threshold(length, cjk)), MAX_EDITS - 1));
}

interface Form {
  readonly text: string;
  readonly chars: Int32Array;
  readonly cjk: boolean;
  readonly digits: string;
  readonly group: number;
  /** Edits allowed towards any form at least as long. */
  readonly k: number;
}

const CJK_GLOBAL = new RegExp(CJK_CHARACTER, 'gu');
// segment indexes are keyed by length * MAX_EDITS + k
const MAX_EDITS = 64;

function clusterByEditDistance(entries: readonly Entry[], threshold: DistanceThreshold, options: FingerprintOptions): ValueCluster[] {
  const cache = new Map<number, number>();
  const limit = (length: number, cjk: boolean): number => {
    const key = cjk ? -length - 1 : length;
    let k = cache.get(key);
    if (k === undefined) cache.set(key, (k = threshold(length, cjk)));
    return k;
  };
  const groups: Group[] = [];
  const groupOfKey = new Map<string, number>();
  const forms = new Map<string, Form>();
  for (const entry of entries) {
    const form = comparisonForm(entry.value, options);
    const key = fingerprintOfForm(form);
    let groupId = groupOfKey.get(key);
    if (groupId === undefined) {
      groupId = groups.length;
      groupOfKey.set(key, groupId);
      groups.push({ entries: [entry], count: entry.count, index: entry.index });
    } else {
      const group = groups[groupId]!;
      group.entries.push(entry);
      group.count += entry.count;
    }
    if (!forms.has(form)) {
      const chars = codePoints(form);
      const cjkLength = form.match(CJK_GLOBAL)?.length ?? 0;
      const cjk = cjkLength > 0;
      // segments must not be empty, so a form of n code points allows at most n - 1 edits
      const k = Math.min(limit(cjk ? cjkLength : chars.length, cjk), chars.length - 1);
      forms.set(form, { text: form, chars, cjk, digits: (form.match(/\d+/g) ?? []).join(' '), group: groupId, k: Math.max(0, k) });
    }
  }

  const links = linkedGroups([...forms.values()]);
  const order = groups.map((_, id) => id).sort((a, b) => byFrequency(groups[a]!, groups[b]!));
  const taken = new Uint8Array(groups.length);
  const clusters: Group[][] = [];
  for (const centre of order) {
    if (taken[centre] === 1) continue;
    taken[centre] = 1;
    const members = [groups[centre]!];
    for (const other of links.get(centre) ?? []) {
      if (taken[other] === 1) continue;
      taken[other] = 1;
      members.push(groups[other]!);
    }
    if (members.length > 1 || groups[centre]!.entries.length > 1) clusters.push(members);
  }
  return toClusters(clusters);
}

function slice(form: Form, start: number, end: number): string {
  return form.text.length === form.chars.length ? form.text.slice(start, end) : String.fromCodePoint(...form.chars.subarray(start, end));
}

/** Pairs of groups holding forms within the threshold, found by pigeonhole segment blocking. */
function linkedGroups(forms: Form[]): Map<number, Set<number>> {
  forms.sort((a, b) => a.chars.length - b.chars.length);
  let widest = 0;
  for (const form of forms) widest = Math.max(widest, form.k);

  // by CJK flag, then length and k, then segment number: segment text → forms
  const index = [new Map<number, Map<string, number[]>[]>(), new Map<number, Map<string, number[]>[]>()] as const;
  const seen = new Int32Array(forms.length).fill(-1);
  const links = new Map<number, Set<number>>();
  const link = (a: number, b: number): void => {
    let set = links.get(a);
    if (set === undefined) links.set(a, (set = new Set()));
    set.add(b);
  };

  forms.forEach((form, id) => {
    const length = form.chars.length;
    const byLength = index[form.cjk ? 1 : 0];
    for (let shorter = Math.max(1, length - widest); shorter <= length; shorter++) {
      for (let k = Math.max(1, length - shorter); k <= widest; k++) {
        const segments = byLength.get(shorter * MAX_EDITS + k);
        if (segments === undefined) continue;
        forEachSegment(shorter, k, (segment, start, size) => {
          const texts = segments[segment]!;
          const from = Math.max(0, start - k);
          const to = Math.min(length - size, start + k);
          for (let at = from; at <= to; at++) {
            const candidates = texts.get(slice(form, at, at + size));
            if (candidates === undefined) continue;
            for (const other of candidates) {
              if (seen[other] === id) continue;
              seen[other] = id;
              const near = forms[other]!;
              if (near.group === form.group || near.digits !== form.digits) continue;
              // forms of one length allow the smaller of their two limits
              const allowed = near.chars.length === length ? Math.min(k, form.k) : k;
              if (allowed > 0 && boundedLevenshtein(near.chars, form.chars, allowed) <= allowed) {
                link(near.group, form.group);
                link(form.group, near.group);
              }
            }
          }
        });
      }
    }
    const own = form.k;
    if (own === 0) return;
    let segments = byLength.get(length * MAX_EDITS + own);
    if (segments === undefined) byLength.set(length * MAX_EDITS + own, (segments = Array.from({ length: own + 1 }, () => new Map<string, number[]>())));
    const texts = segments;
    forEachSegment(length, own, (segment, start, size) => {
      const key = slice(form, start, start + size);
      const list = texts[segment]!.get(key);
      if (list === undefined) texts[segment]!.set(key, [id]);
      else list.push(id);
    });
  });
  return links;
}

/** Cuts a length into k + 1 segments, the later ones one longer when it does not divide evenly. */
function forEachSegment(length: number, k: number, visit: (segment: number, start: number, size: number) => void): void {
  const parts = k + 1;
  const base = Math.floor(length / parts);
  const longer = length - base * parts;
  let start = 0;
  for (let segment = 0; segment < parts; segment++) {
    const size = segment < parts - longer ? base : base + 1;
    visit(segment, start, size);
    start += size;
  }
}

/** The code points of a string, as an array of numbers. */
export function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (const char of text) out[n++] = char.codePointAt(0)!;
  return out.subarray(0, n);
}

// reused across calls: clustering verifies millions of short pairs
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance between two code-point sequences (insert, delete and substitute each cost
 * 1; a surrogate pair counts as one character), or `max + 1` as soon as it must exceed `max`.
 */
export function boundedLevenshtein(a: Int32Array, b: Int32Array, max: number): number {
  if (a.length > b.length) return boundedLevenshtein(b, a, max);
  if (b.length - a.length > max) return max + 1;
  if (rowA.length <= a.length) {
    rowA = new Int32Array(2 * (a.length + 1));
    rowB = new Int32Array(2 * (a.length + 1));
  }
  let previous = rowA;
  let current = rowB;
  for (let i = 0; i <= a.length; i++) previous[i] = i;
  for (let j = 1; j <= b.length; j++) {
    current[0] = j;
    let rowMin = j;
    const bj = b[j - 1];
    for (let i = 1; i <= a.length; i++) {
      const cost = a[i - 1] === bj ? 0 : 1;
      const value = Math.min(previous[i]! + 1, current[i - 1]! + 1, previous[i - 1]! + cost);
      current[i] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[a.length]!, max + 1);
}

/** Levenshtein distance between two strings, by code point. */
export function levenshtein(a: string, b: string): number {
  const left = codePoints(a);
  const right = codePoints(b);
  return boundedLevenshtein(left, right, Math.max(left.length, right.length));
}

import type { CellValue } from '../../../shared/api/types';
import { fmix32 } from '../hashing';

/** Distinct values are counted exactly up to this many; above, they are estimated. */
export const EXACT_DISTINCT_LIMIT = 10_000;
const REGISTER_BITS = 14;
const REGISTERS = 1 << REGISTER_BITS;

/** Long texts are hashed on their length, first HASHED_HEAD and last HASHED_TAIL characters. */
const HASHED_HEAD = 48;
const HASHED_TAIL = 16;

/** FNV-1a over the length and the UTF-16 code units taken two at a time, then murmur3's finaliser
 * (fmix32) to spread the bits. */
export function hash32(text: string): number {
  return hashSpan(text, 0, text.length);
}

/** `hash32(text.slice(from, to))`, without making the string. */
export function hashSpan(text: string, from: number, to: number): number {
  const n = to - from;
  const h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  if (n <= HASHED_HEAD + HASHED_TAIL) return fmix32(mixUnits(h, text, from, to));
  return fmix32(mixUnits(mixUnits(h, text, from, from + HASHED_HEAD), text, to - HASHED_TAIL, to));
}

function mixUnits(hash: number, text: string, from: number, to: number): number {
  let h = hash;
  let i = from;
  for (; i + 1 < to; i += 2) h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < to) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * A copy of a string that does not keep the text it was cut from alive. V8 makes a substring of 13
 * or more characters a view into its parent, so keeping a few values of a 4 MB chunk would keep
 * every chunk of the file; flattening a concatenation forces a copy of just the value.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

/** A number's hash from its 64 bits, seeded apart from the texts' (FNV-1a's offset basis). */
export function hashNumber(value: number): number {
  numberBits[0] = value === 0 ? 0 : value; // -0 counts as 0
  return fmix32(Math.imul(numberWords[0]! ^ 0x9e3779b9, 0x01000193) ^ fmix32(numberWords[1]!));
}

const hashOf = (value: string | number): number => (typeof value === 'number' ? hashNumber(value) : hash32(value));

/**
 * Counts a column's distinct non-null values while it streams by: exactly up to
 * EXACT_DISTINCT_LIMIT values, then as a HyperLogLog estimate (2^14 registers, about ±1 %), so
 * memory stays small however many rows pass.
 */
export class DistinctCounter {
  private exact: Set<string | number> | null = new Set();
  private readonly registers = new Uint8Array(REGISTERS);

  add(value: CellValue): void {
    if (value === null) return;
    if (this.exact !== null) {
      if (this.exact.has(value)) return;
      this.exact.add(typeof value === 'string' ? detach(value) : value);
      if (this.exact.size > EXACT_DISTINCT_LIMIT) {
        for (const v of this.exact) this.addHashed(hashOf(v));
        this.exact = null;
      }
      return;
    }
    this.addHashed(hashOf(value));
  }

  /** Adds the text `text.slice(from, to)` (not empty). */
  addSpan(text: string, from: number, to: number): void {
    if (this.exact !== null) this.add(text.slice(from, to));
    else this.addHashed(hashSpan(text, from, to));
  }

  private addHashed(h: number): void {
    const index = h >>> (32 - REGISTER_BITS);
    const rest = (h << REGISTER_BITS) >>> 0;
    // position of the first 1 bit in the remaining bits, 1-based
    const rank = rest === 0 ? 32 - REGISTER_BITS + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  get isExact(): boolean {
    return this.exact !== null;
  }

  count(): number {
    if (this.exact !== null) return this.exact.size;
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    const estimate = (alpha * REGISTERS * REGISTERS) / sum;
    // small ranges: linear counting is the better estimate
    if (estimate <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(estimate);
  }
}

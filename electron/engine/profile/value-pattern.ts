/** A run longer than this is written `c×n`: `9999-99-99` stays readable, `99999999999` becomes `9×11`. */
const LONGEST_PLAIN_RUN = 4;
/** Longer shapes (free text) are cut with `…`: their exact shape says nothing more. */
const LONGEST_PATTERN = 40;

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x323af);
}

const HAN = 0x6c49; // 汉
/** The shape of each ASCII character. */
const ASCII_SHAPES = Uint16Array.from({ length: 0x80 }, (_, c) => (c >= 48 && c <= 57 ? 57 : c >= 97 && c <= 122 ? 97 : c >= 65 && c <= 90 ? 65 : c));

function run(shape: number, length: number): string {
  const c = String.fromCodePoint(shape);
  return length > LONGEST_PLAIN_RUN ? `${c}×${length}` : c.repeat(length);
}

function shapeAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return ASCII_SHAPES[code]!;
  if (code >= 0xd800 && code <= 0xdbff) return -1;
  return isHan(code) ? HAN : code;
}

/**
 * The shape of a value: ASCII digits → `9`, ASCII letters → `a` / `A`, Han characters → `汉`, every
 * other character kept; a run of more than 4 equal shape characters is written `c×n`, and a shape
 * longer than 40 characters is cut with `…`. `13812345678` → `9×11`, `2024-03-05` → `9999-99-99`,
 * `T0000001` → `A9×7`, `广东省` → `汉汉汉`. Numbers are shaped as JavaScript writes them (`4.5` → `9.9`).
 */
export function valuePattern(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  let out = '';
  let current = -1;
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    let shape = shapeAt(text, i);
    if (shape === -1) {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) i++;
      shape = isHan(code) ? HAN : code;
    }
    if (shape === current) {
      length++;
      continue;
    }
    if (length > 0) {
      out += run(current, length);
      if (out.length > LONGEST_PATTERN) return `${out.slice(0, LONGEST_PATTERN)}…`;
    }
    current = shape;
    length = 1;
  }
  if (length > 0) out += run(current, length);
  return out.length > LONGEST_PATTERN ? `${out.slice(0, LONGEST_PATTERN)}…` : out;
}

/**
 * `valuePattern` for the values of one column, one after another: values of a column mostly share
 * the previous value's shape character by character (timestamps, ids), which is checked without
 * building the pattern again.
 */
export class ColumnPatterns {
  private shapes = new Int32Array(64);
  private length = -1;
  private pattern = '';

  of(value: string | number): string {
    const text = typeof value === 'number' ? String(value) : value;
    const n = text.length;
    if (n === this.length) {
      let i = 0;
      while (i < n && shapeAt(text, i) === this.shapes[i]) i++;
      if (i === n) return this.pattern;
    }
    if (n > this.shapes.length) this.shapes = new Int32Array(n);
    // a value with characters beyond U+FFFF (shape -1 per half) is not remembered
    let remember = true;
    for (let i = 0; i < n; i++) {
      const shape = shapeAt(text, i);
      if (shape === -1) remember = false;
      this.shapes[i] = shape;
    }
    this.length = remember ? n : -1;
    this.pattern = valuePattern(text);
    return this.pattern;
  }
}

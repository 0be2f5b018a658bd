import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { CsvRecord } from './parse-csv';

/**
 * JSON exports as tables: an array of objects, an object wrapping one such array (API responses
 * like `{"data": [...]}`), or JSON Lines. Nested objects become dotted columns (`customer.id`),
 * arrays stay JSON text, and every record keeps its starting line and raw text, so a rejected
 * value points back into the file like a CSV one does.
 */
export type JsonFlavour = 'json' | 'jsonl';

export function jsonFlavour(text: string, fileName: string): JsonFlavour | undefined {
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return 'jsonl';
  if (/\.json$/i.test(fileName)) return 'json';
  const first = /\S/.exec(text)?.[0];
  if (first === '[') return 'json';
  if (first === '{') {
    // several objects one per line, or one object over many lines
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    return lines.length > 1 && lines.every((l) => l.trim().startsWith('{') && l.trim().endsWith('}')) ? 'jsonl' : 'json';
  }
  return undefined;
}

/** Dotted keys for nested objects; arrays as JSON text; null as empty. */
export function flattenRecord(value: unknown, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flattenRecord(inner, prefix === '' ? key : `${prefix}.${key}`, out);
    return out;
  }
  const key = prefix === '' ? 'value' : prefix;
  if (value === null || value === undefined) out.set(key, '');
  else if (typeof value === 'string') out.set(key, value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.set(key, String(value));
  else out.set(key, JSON.stringify(value));
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Start and end offsets of the elements of the top-level array that begins at `open`. */
function arrayElements(text: string, open: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      if (depth === 2 && start === -1) start = i;
      continue;
    }
    if (c === ']' || c === '}') {
      depth--;
      if (depth === 1 && start !== -1) {
        spans.push({ start, end: i + 1 });
        start = -1;
      }
      if (depth === 0) break;
      continue;
    }
    if (depth === 1 && start === -1 && !/[\s,]/.test(c)) {
      // a scalar element: runs to the next comma or the closing bracket at this depth
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== ']') j++;
      spans.push({ start: i, end: j });
      i = j - 1;
    }
  }
  return spans;
}

/**
 * Offset of the first syntax error in JSON text. JSON.parse says what went wrong but, in Node 20,
 * not where; this scan runs only after it has failed.
 */
export function firstJsonError(text: string): number {
  const n = text.length;
  let i = 0;
  const fail = (): never => {
    throw new RangeError(String(i));
  };
  const space = (): void => {
    while (i < n && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const expect = (char: string): void => {
    space();
    if (text[i] !== char) fail();
    i++;
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    for (i++; i < n && text[i] !== '"'; i++) {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') i++;
    }
    if (i >= n) fail();
    i++;
  };
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          string();
          expect(':');
        }
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(close);
        return;
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text) === null) fail();
    i = NUMBER.lastIndex;
  };
  try {
    value();
    space();
    return i < n ? i : -1;
  } catch (error) {
    if (error instanceof RangeError) return Number(error.message);
    throw error;
  }
}

function parseOrFail(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const found = firstJsonError(text);
    const offset = found === -1 ? text.length : found;
    const line = lineAt(text, offset);
    const column = offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
    throw new RootwiseError('error.import.invalidJson', { file: fileName, line, column });
  }
}

interface JsonRow {
  readonly values: Map<string, string> | undefined;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** JSON or JSON Lines as CSV-like records: the first is the header, the union of all keys in the
 * order they first appear. A JSON Lines line that does not parse is rejected whole, raw text kept. */
export function parseJsonTable(text: string, fileName: string, flavour: JsonFlavour): CsvRecord[] {
  const rows: JsonRow[] = [];
  if (flavour === 'jsonl') {
    let offset = 0;
    text.split('\n').forEach((lineText, index) => {
      const start = offset;
      offset += lineText.length + 1;
      if (lineText.trim() === '') return;
      let values: Map<string, string> | undefined;
      try {
        values = flattenRecord(JSON.parse(lineText));
      } catch {
        values = undefined;
      }
      rows.push({ values, line: index + 1, start, end: start + lineText.length });
    });
  } else {
    const document = parseOrFail(text, fileName);
    let elements: unknown[] = [document];
    let open = -1;
    if (Array.isArray(document)) {
      elements = document;
      open = text.indexOf('[');
    } else if (document !== null && typeof document === 'object') {
      // an API response wrapping its records: {"data": [...]} or {"total": 3, "items": [...]}
      const arrays = Object.entries(document as Record<string, unknown>).filter(
        (entry): entry is [string, unknown[]] => Array.isArray(entry[1]) && entry[1].some((e) => e !== null && typeof e === 'object'),
      );
      if (arrays.length === 1) {
        const [key, inner] = arrays[0]!;
        elements = inner;
        open = text.indexOf('[', text.indexOf(`"${key}"`));
      }
    }
    const spans = open >= 0 ? arrayElements(text, open) : [];
    elements.forEach((element, i) => {
      const span = spans[i] ?? { start: 0, end: text.length };
      rows.push({ values: flattenRecord(element), line: lineAt(text, span.start), start: span.start, end: span.end });
    });
  }

  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of row.values?.keys() ?? []) {
      if (seen.has(key)) continue;
      seen.add(key);
      header.push(key);
    }
  }
  const records: CsvRecord[] = [{ fields: header, line: 0, start: 0, end: 0, truncated: false }];
  for (const row of rows) {
    records.push({
      fields: row.values === undefined ? [] : header.map((key) => row.values!.get(key) ?? ''),
      line: row.line,
      start: row.start,
      end: row.end,
      truncated: false,
      rejectReason: row.values === undefined ? 'reject.invalidJson' : undefined,
    });
  }
  return records;
}

import type { MessageKey } from '../../../shared/i18n/messages';

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** Character offsets of the record in the text, for keeping a rejected row's raw text. */
  readonly start: number;
  readonly end: number;
  /** The text ended inside a quoted field: the record is incomplete. */
  readonly truncated: boolean;
  /** Set by readers that already know the record cannot be a row (a JSON Lines line that does not parse). */
  readonly rejectReason?: MessageKey | undefined;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter whose per-line field count is highest and most consistent over the first
 * lines (quotes respected). Ties go to the comma.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: string = ',';
  let bestScore = -1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts: number[] = [];
    for (const record of parseCsv(sample, delimiter)) {
      if (record.truncated || counts.length >= 50) break;
      counts.push(record.fields.length);
    }
    if (counts.length === 0) continue;
    const mode = [...counts].sort((a, b) => counts.filter((c) => c === b).length - counts.filter((c) => c === a).length)[0]!;
    const consistent = counts.filter((c) => c === mode).length / counts.length;
    const score = mode > 1 ? mode * consistent * consistent : 0;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * RFC 4180 records from text: quoted fields may hold delimiters, doubled quotes and line breaks;
 * records end at LF, CRLF or a lone CR. Empty lines are skipped.
 */
export function* parseCsv(text: string, delimiter: string): Generator<CsvRecord> {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const start = i;
    const fields: string[] = [];
    let truncated = false;
    for (;;) {
      // one field
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            value += text.slice(from, n);
            line += countLineBreaks(text, from, n);
            i = n;
            truncated = true;
            break;
          }
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        // anything between the closing quote and the delimiter is kept, as spreadsheets do
        let tail = i;
        while (tail < n) {
          const c = text.charCodeAt(tail);
          if (c === delim || c === LF || c === CR) break;
          tail++;
        }
        fields.push(tail > i ? value + text.slice(i, tail) : value);
        i = tail;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      // end of record
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    const end = i;
    if (fields.length === 1 && fields[0] === '' && !truncated) continue;
    yield { fields, line: recordLine, start, end, truncated };
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

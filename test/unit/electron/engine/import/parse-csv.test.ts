import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from '../../../../../electron/engine/import/parse-csv';
import { HAS_SHARED_DATA, sharedData } from '../../../../support/paths';

const records = (text: string, delimiter = ','): string[][] => [...parseCsv(text, delimiter)].map((r) => r.fields);

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    expect(records('a,b,c\n1,"x, ""y""",3\n2,"multi\nline",4\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', '3'],
      ['2', 'multi\nline', '4'],
    ]);
  });

  it('accepts LF, CRLF, lone CR and mixed endings and reports the starting line of each record', () => {
    const parsed = [...parseCsv('h1,h2\r\n1,"a\nb"\r2,x\n3,y\r\n', ',')];
    expect(parsed.map((r) => r.fields)).toEqual([
      ['h1', 'h2'],
      ['1', 'a\nb'],
      ['2', 'x'],
      ['3', 'y'],
    ]);
    expect(parsed.map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  it('keeps empty fields, skips empty lines and flags a record cut inside a quote', () => {
    const parsed = [...parseCsv('a,b\n\n,\n1,"open\n', ',')];
    expect(parsed.map((r) => r.fields)).toEqual([['a', 'b'], ['', ''], ['1', 'open\n']]);
    expect(parsed.map((r) => r.truncated)).toEqual([false, false, true]);
  });

  it('keeps a quoted empty value in a one-column file as a row, while an empty line is skipped', () => {
    expect(records('name\n"a"\n""\n\n"b"\n')).toEqual([['name'], ['a'], [''], ['b']]);
  });

  it('parses a text in chunks exactly as in one piece, a record cut by a chunk boundary included', () => {
    const text = 'h1,h2\r\n1,"a\r\nb"\r\n2,"x,""y"""\r3,z\n4,w';
    const whole = [...parseCsv(text, ',')].map((r) => [r.fields, r.line]);
    for (let cut = 1; cut < text.length; cut++) {
      const first = parseCsv(text.slice(0, cut), ',', { final: false });
      const got: unknown[] = [];
      let step = first.next();
      for (; step.done !== true; step = first.next()) got.push([step.value.fields, step.value.line]);
      const rest = text.slice(0, cut).slice(step.value.consumed) + text.slice(cut);
      for (const r of parseCsv(rest, ',', { firstLine: step.value.line })) got.push([r.fields, r.line]);
      expect(got, `cut at ${cut}`).toEqual(whole);
    }
  });

  it('sniffs comma, semicolon, tab and pipe', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a;b;c\n"1,5";2;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n')).toBe('|');
  });

  it.skipIf(!HAS_SHARED_DATA)('reads real files: semicolons, CR-only endings and quoted newlines', () => {
    const bank = fs.readFileSync(sharedData('csv_edge_cases', 'uci_bank_marketing_bank_semicolon.csv'), 'utf8');
    expect(sniffDelimiter(bank)).toBe(';');
    expect([...parseCsv(bank, ';')].length).toBe(4521 + 1);
    const shifts = fs.readFileSync(sharedData('csv_edge_cases', 'anonymous_bank_shifts_cr_only_line_endings.csv'), 'utf8');
    expect([...parseCsv(shifts, ',')].length).toBe(24 + 1);
    const socrata = fs.readFileSync(sharedData('tickets', 'nyc311_2024-04_socrata_api_quoted_1000rows.csv'), 'utf8');
    const parsed = [...parseCsv(socrata, ',')];
    expect(parsed.length).toBe(1000 + 1);
    expect(new Set(parsed.map((r) => r.fields.length)).size).toBe(1);
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../../shared/api/types';
import { useEngineWorkbench } from '../../../../support/engine-workbench';

// Past a few thousand distinct values a text or ISO date column stops caching its values, and its
// fields are counted from their spans in the decoded text and sent to the writer as spans, never made
// strings in the reader. This file has enough rows for every column to get there, and every kind of
// field that must still go the string's way: doubled quotes, quoted commas, empty cells, dates that
// are not written the ISO way.

const wb = useEngineWorkbench();
const ROWS = 12_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoMinute = (minutes: number): string => {
  const d = new Date(Date.UTC(2024, 0, 1) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
};
const isoDay = (days: number): string => isoMinute(days * 1440).slice(0, 10);

interface Row {
  readonly written: string[];
  readonly stored: CellValue[];
}

function row(i: number): Row {
  const id = `T${pad(i, 6)}`;
  let note: [string, CellValue];
  if (i % 11 === 0) note = ['', null];
  else if (i % 7 === 0) note = [`"说 ""好"" ${i}"`, `说 "好" ${i}`];
  else if (i % 13 === 0) note = [`"a, b ${i}"`, `a, b ${i}`];
  else note = [`备注 ${i % 5000}`, `备注 ${i % 5000}`];
  let at: [string, CellValue];
  if (i % 37 === 0) at = ['', null];
  else if (i % 50 === 0) at = ['2024/1/5 10:00', '2024-01-05 10:00:00'];
  else at = [isoMinute(i), isoMinute(i)];
  const day = isoDay(i % 6000);
  return { written: [id, note[0], at[0], day, String(i)], stored: [id, note[1], at[1], day, i] };
}

describe('columns read from their spans', () => {
  it('store every value as the string path would, and count distinct values and NULLs', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => row(i + 1));
    const text = ['id,note,at,day,n', ...rows.map((r) => r.written.join(','))].join('\r\n') + '\r\n';
    const report = await wb.engine.importFile({ source: { kind: 'bytes', name: 'spans.csv', bytes: new TextEncoder().encode(text) } });
    expect(report.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:text', 'note:text', 'at:datetime', 'day:date', 'n:integer']);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });

    const db = new Database(wb.workbenchPath, { readonly: true });
    try {
      const stored = db.prepare('SELECT id, note, at, day, n FROM spans ORDER BY rowid').raw().all() as CellValue[][];
      expect(stored).toEqual(rows.map((r) => r.stored));
      const profile = new Map((db.prepare(`SELECT name, null_count AS nulls, distinct_count AS "distinct" FROM rw_columns WHERE table_name = 'spans'`).all() as { name: string; nulls: number; distinct: number }[]).map((c) => [c.name, c]));
      const exact = (c: number): { nulls: number; distinct: number } => {
        const values = rows.map((r) => r.stored[c]);
        return { nulls: values.filter((v) => v === null).length, distinct: new Set(values.filter((v) => v !== null)).size };
      };
      for (const [c, name] of ['id', 'note', 'at', 'day', 'n'].entries()) {
        const want = exact(c);
        const got = profile.get(name)!;
        expect(got.nulls, name).toBe(want.nulls);
        // exact up to 10,000 distinct values, a HyperLogLog estimate (about ±1 %) above
        if (want.distinct <= 10_000) expect(got.distinct, name).toBe(want.distinct);
        else expect(Math.abs(got.distinct - want.distinct) / want.distinct, name).toBeLessThan(0.03);
      }
    } finally {
      db.close();
    }
  });
});

describe('a column of few values read from their spans', () => {
  it('rejects each bad occurrence with its line, and reads null markers and empty cells as NULL', async () => {
    const scores = Array.from({ length: 8000 }, (_, i) => (i % 400 === 399 ? 'bad' : i % 250 === 249 ? 'N/A' : i % 9 === 0 ? '' : String(i % 5)));
    const text = ['line,score', ...scores.map((s, i) => `${i + 2},${s}`)].join('\n') + '\n';
    const report = await wb.engine.importFile({ source: { kind: 'bytes', name: 'scores.csv', bytes: new TextEncoder().encode(text) } });
    expect(report.columns.find((c) => c.name === 'score')?.type).toBe('integer');
    const bad = scores.flatMap((s, i) => (s === 'bad' ? [i + 2] : []));
    expect(report.rejected).toEqual({ rows: 0, values: bad.length });
    const rejects = (await wb.engine.listRejects({ importId: report.importId })).rejects;
    expect(rejects.map((r) => [r.line, r.column, r.raw])).toEqual(bad.map((line) => [line, 2, 'bad']));
    expect(report.columns.find((c) => c.name === 'score')?.nullMarkers).toBe(scores.filter((s) => s === 'N/A').length);

    const db = new Database(wb.workbenchPath, { readonly: true });
    try {
      const stored = (db.prepare('SELECT score FROM scores ORDER BY rowid').pluck().all() as (number | null)[]);
      expect(stored).toEqual(scores.map((s) => (s === 'bad' || s === 'N/A' || s === '' ? null : Number(s))));
    } finally {
      db.close();
    }
  });
});

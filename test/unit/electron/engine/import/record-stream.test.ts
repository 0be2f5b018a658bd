import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRecordStream, rawLine, utf8CompleteEnd, type RecordStream, type SourceRecord } from '../../../../../electron/engine/import/record-stream';
import { streamsInChunks } from '../../../../../electron/engine/import/source-kind';
import { tempDir } from '../../../../support/paths';

let dir = '';
let cleanup = (): void => undefined;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

async function drain(stream: RecordStream): Promise<SourceRecord[]> {
  const all: SourceRecord[] = [];
  for (let batch = await stream.next(); batch !== undefined; batch = await stream.next()) all.push(...batch);
  return all;
}

describe('record stream', () => {
  it('reads a file in small chunks exactly as in one, multi-byte characters and CRLF cut by chunk boundaries included', async () => {
    const lines = ['工单号,描述'];
    for (let i = 0; i < 300; i++) lines.push(`T${i},"第${i}条，含逗号, ""引号""\r\n和换行"`);
    const file = path.join(dir, 'a.csv');
    fs.writeFileSync(file, '\uFEFF' + lines.join('\r\n') + '\r\n');
    const chunked = await openRecordStream({ kind: 'path', path: file }, { chunkBytes: 7 });
    const whole = await openRecordStream({ kind: 'path', path: file }, { chunkBytes: 1 << 20 });
    const a = await drain(chunked);
    const b = await drain(whole);
    expect(a.map((r) => [r.fields, r.line])).toEqual(b.map((r) => [r.fields, r.line]));
    expect(a).toHaveLength(301);
    expect(a[1]!.fields).toEqual(['T0', '第0条，含逗号, "引号"\r\n和换行']);
    expect(a[2]!.line).toBe(4);
    expect(rawLine(a[1]!)).toBe('T0,"第0条，含逗号, ""引号""\r\n和换行"');
    expect(chunked.encoding).toEqual({ name: 'utf-8', confidence: 1, replacements: 0 });
    expect(chunked.finish()).toEqual(whole.finish());
    chunked.close();
    whole.close();
  });

  it('refuses a file that changes while it is read', async () => {
    const file = path.join(dir, 'growing.csv');
    fs.writeFileSync(file, 'a,b\n' + '1,2\n'.repeat(5000));
    const stream = await openRecordStream({ kind: 'path', path: file }, { chunkBytes: 1024 });
    await stream.next();
    fs.appendFileSync(file, '3,4\n');
    await drain(stream);
    expect(() => stream.finish()).toThrow(expect.objectContaining({ key: 'error.import.fileChanged', params: { file: 'growing.csv' } }) as Error);
    stream.close();
  });

  it('refuses a record that never ends (a quote never closed) once it passes the limit, naming its line', async () => {
    const file = path.join(dir, 'open-quote.csv');
    fs.writeFileSync(file, 'id,comment\n1,ok\n2,"never closed\n' + 'x,y\n'.repeat(200_000));
    const stream = await openRecordStream({ kind: 'path', path: file }, { chunkBytes: 4096, maxRecordChars: 100_000 });
    await expect(drain(stream)).rejects.toMatchObject({ key: 'error.import.recordTooLarge', params: { file: 'open-quote.csv', line: 3 } });
    stream.close();
  });

  it('counts undecodable bytes, but not U+FFFD characters the file itself contains', async () => {
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('a,b\n\uFFFD,1\n'), Buffer.from([0x78, 0xff, 0x2c, 0x32, 0x0a])]));
    const stream = await openRecordStream({ kind: 'path', path: file }, { encoding: 'utf-8' });
    await drain(stream);
    expect(stream.encoding.replacements).toBe(1);
    stream.close();
  });

  it('decodes UTF-8 cut anywhere by chunk boundaries as in one piece: characters of 2 to 4 bytes, bad bytes counted once, U+FFFD of the file not counted', async () => {
    const file = path.join(dir, 'cut.csv');
    const rows = [Buffer.from('编号,描述,备注\n')];
    for (let i = 0; i < 40; i++) {
      rows.push(Buffer.from(`${i},"é中😀\uFFFD ${'长'.repeat(i)}",`));
      // a stray byte, a three-byte lead cut short, then the line's end
      rows.push(i % 3 === 0 ? Buffer.from([0xff, 0xe4, 0x41, 0x0a]) : Buffer.from('ok\n'));
    }
    fs.writeFileSync(file, Buffer.concat(rows));
    const whole = await openRecordStream({ kind: 'path', path: file }, { encoding: 'utf-8', chunkBytes: 1 << 20 });
    const expected = (await drain(whole)).map((r) => [r.fields, r.line]);
    // 14 lines with a stray byte and a cut lead: two replacements each
    expect(whole.encoding.replacements).toBe(28);
    const digest = whole.finish();
    whole.close();
    for (const chunkBytes of [1, 2, 3, 5, 7, 11, 64]) {
      const stream = await openRecordStream({ kind: 'path', path: file }, { encoding: 'utf-8', chunkBytes });
      expect((await drain(stream)).map((r) => [r.fields, r.line]), `chunks of ${chunkBytes}`).toEqual(expected);
      expect(stream.encoding.replacements, `chunks of ${chunkBytes}`).toBe(28);
      expect(stream.finish()).toEqual(digest);
      stream.close();
    }
  });

  it('finds where the last complete UTF-8 character ends', () => {
    const bytes = Buffer.from('a中😀');
    expect(utf8CompleteEnd(bytes, 0, bytes.length)).toBe(bytes.length);
    expect(utf8CompleteEnd(bytes, 0, 3)).toBe(1);
    expect(utf8CompleteEnd(bytes, 0, 4)).toBe(4);
    expect(utf8CompleteEnd(bytes, 0, 6)).toBe(4);
    expect(utf8CompleteEnd(bytes, 0, 7)).toBe(4);
    expect(utf8CompleteEnd(bytes, 5, 7)).toBe(7);
    expect(utf8CompleteEnd(Buffer.from([0x80, 0x80, 0x80, 0x80]), 0, 4)).toBe(4);
  });

  it('tells streamed text from files read whole (JSON, workbooks)', () => {
    const csv = path.join(dir, 'a.csv');
    fs.writeFileSync(csv, 'a,b\n1,2\n');
    const json = path.join(dir, 'a.json');
    fs.writeFileSync(json, '[{"a":1}]');
    expect(streamsInChunks({ kind: 'path', path: csv })).toBe(true);
    expect(streamsInChunks({ kind: 'path', path: json })).toBe(false);
    expect(streamsInChunks({ kind: 'bytes', name: 'x.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) })).toBe(false);
  });
});

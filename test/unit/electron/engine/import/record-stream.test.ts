import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRecordStream, rawLine, type RecordStream, type SourceRecord } from '../../../../../electron/engine/import/record-stream';
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

import zlib from 'node:zlib';
import { Workbook } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ZIP_LIMITS, guardZip, readZipEntry, type ZipEntry } from '../../../../../electron/engine/import/zip-guard';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';

interface Part {
  readonly name: string;
  /** The bytes stored for the entry (already deflated when `method` is 8). */
  readonly data: Uint8Array;
  readonly method?: 0 | 8;
  /** The uncompressed size the headers claim; the data's length unless given. */
  readonly claims?: number;
  /** Claim the size through a ZIP64 extra field instead (local and central sizes saturated). */
  readonly zip64Claims?: number;
}

/** A ZIP written by hand, so its headers can say what a real writer never would. */
function buildZip(parts: readonly Part[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  parts.forEach((part) => {
    const name = Buffer.from(part.name);
    const method = part.method ?? 0;
    const claimed = part.zip64Claims !== undefined ? 0xffffffff : (part.claims ?? part.data.length);
    const extra = Buffer.alloc(part.zip64Claims === undefined ? 0 : 12);
    if (part.zip64Claims !== undefined) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(part.zip64Claims), 4);
    }
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(part.data.length, 18);
    header.writeUInt32LE(claimed, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, Buffer.from(part.data));
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(claimed, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(extra.length, 30);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name, extra);
    offset += 30 + name.length + part.data.length;
  });
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

function refusal(run: () => unknown): RootwiseError {
  try {
    run();
  } catch (error) {
    if (error instanceof RootwiseError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Everything an entry unpacks to, as readZipEntry gives it. */
async function unpack(bytes: Uint8Array, entry: ZipEntry, file: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readZipEntry(bytes, entry, file)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function workbookBytes(): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow(['工单号', '满意度']);
  for (let i = 0; i < 500; i++) ws.addRow([`T${i}`, (i % 5) + 1]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

describe('guardZip', () => {
  it('lists the entries of a real workbook, each unpacking to the size it claims', async () => {
    const bytes = await workbookBytes();
    const entries = guardZip(bytes, 'a.xlsx');
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.method).toBe(8);
    const xml = await unpack(bytes, sheet, 'a.xlsx');
    expect(xml.length).toBe(sheet.uncompressedSize);
    expect(xml.toString('utf8')).toContain('<sheetData>');
    // a stored entry is read as it is
    const stored = buildZip([{ name: 'a.xml', data: Buffer.from('<a>工单</a>') }]);
    expect((await unpack(stored, guardZip(stored, 's.xlsx')[0]!, 's.xlsx')).toString('utf8')).toBe('<a>工单</a>');
  });

  it('refuses what is not a ZIP, or a ZIP cut short', async () => {
    expect(refusal(() => guardZip(new TextEncoder().encode('工单号,满意度\nT1,5\n'), 'a.xlsx'))).toMatchObject({ key: 'error.import.notXlsx', params: { file: 'a.xlsx' } });
    const bytes = await workbookBytes();
    for (const cut of [bytes.length - 10, Math.floor(bytes.length / 2), 4]) {
      expect(refusal(() => guardZip(bytes.subarray(0, cut), 'cut.xlsx')).key).toBe('error.import.notXlsx');
    }
    // a directory pointing past the file
    const broken = Buffer.from(bytes);
    broken.writeUInt32LE(bytes.length, bytes.length - 6);
    expect(refusal(() => guardZip(broken, 'broken.xlsx')).key).toBe('error.import.notXlsx');
  });

  it('refuses 50 MB of zeros deflated to a few kilobytes (ratio far above 200:1)', () => {
    const zeros = zlib.deflateRawSync(Buffer.alloc(50 * MiB));
    expect(zeros.length).toBeLessThan(100 * 1024);
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: zeros, method: 8, claims: 50 * MiB },
    ]);
    expect(refusal(() => guardZip(bomb, 'bomb.xlsx'))).toMatchObject({ key: 'error.import.zipBomb', params: { file: 'bomb.xlsx', entry: 'xl/worksheets/sheet1.xml' } });
  });

  it('refuses claims beyond the limits: one huge entry, a huge ZIP64 entry, too much in all, too many entries', () => {
    const small = Buffer.alloc(8 * MiB);
    const huge = buildZip([{ name: 'xl/huge.xml', data: small, claims: 0xc0000000 }]);
    expect(refusal(() => guardZip(huge, 'h.xlsx')).params).toEqual({ file: 'h.xlsx', entry: 'xl/huge.xml' });
    const zip64 = buildZip([{ name: 'xl/zip64.xml', data: Buffer.alloc(100), zip64Claims: 5 * GiB }]);
    expect(refusal(() => guardZip(zip64, 'z.xlsx')).params).toEqual({ file: 'z.xlsx', entry: 'xl/zip64.xml' });

    // entries of 1 MiB each (too small for the ratio rule) adding up past 2 GiB
    const many = Array.from({ length: 2049 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.alloc(1), claims: MiB }));
    expect(refusal(() => guardZip(buildZip(many), 'm.xlsx'))).toMatchObject({ key: 'error.import.zipBomb', params: { entry: 'xl/media/p2048.bin' } });
    const tooMany = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `e${i}`, data: Buffer.alloc(0) }));
    expect(refusal(() => guardZip(buildZip(tooMany), 't.xlsx'))).toMatchObject({ key: 'error.import.zipBomb', params: { entry: `e${ZIP_LIMITS.maxEntries}` } });
    expect(guardZip(buildZip(tooMany.slice(1)), 't.xlsx')).toHaveLength(ZIP_LIMITS.maxEntries);
  });

  it('refuses an entry whose local header is not where the directory says', () => {
    const zip = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    expect(guardZip(zip, 'ok.xlsx')).toHaveLength(1);
    const moved = Buffer.from(zip);
    moved.writeUInt32LE(7, zip.length - 22 - 46 - 'a.xml'.length + 42);
    expect(refusal(() => guardZip(moved, 'moved.xlsx')).key).toBe('error.import.notXlsx');
  });
});

describe('readZipEntry', () => {
  it('stops an entry that unpacks to more than it claims, before unpacking it all', async () => {
    const zeros = zlib.deflateRawSync(Buffer.alloc(50 * MiB));
    // claims 1000 bytes: under every limit, so only unpacking finds the lie
    const liar = buildZip([{ name: 'xl/sharedStrings.xml', data: zeros, method: 8, claims: 1000 }]);
    const [entry] = guardZip(liar, 'liar.xlsx');
    let unpacked = 0;
    const error = await (async () => {
      for await (const chunk of readZipEntry(liar, entry!, 'liar.xlsx')) unpacked += chunk.length;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ key: 'error.import.zipBomb', params: { file: 'liar.xlsx', entry: 'xl/sharedStrings.xml' } });
    expect(unpacked).toBeLessThanOrEqual(1000);
  });

  it('refuses data that does not inflate, or inflates to less than it claims, or an unknown method', async () => {
    const garbage = buildZip([{ name: 'x.xml', data: Buffer.from([0xff, 0xff, 0xff, 0xff]), method: 8, claims: 10 }]);
    await expect(unpack(garbage, guardZip(garbage, 'g.xlsx')[0]!, 'g.xlsx')).rejects.toMatchObject({ key: 'error.import.notXlsx' });
    const short = buildZip([{ name: 'x.xml', data: zlib.deflateRawSync(Buffer.from('<x/>')), method: 8, claims: 100 }]);
    await expect(unpack(short, guardZip(short, 's.xlsx')[0]!, 's.xlsx')).rejects.toMatchObject({ key: 'error.import.notXlsx' });
    const [entry] = guardZip(short, 's.xlsx');
    await expect(unpack(short, { ...entry!, method: 12 }, 'b.xlsx')).rejects.toMatchObject({ key: 'error.import.notXlsx' });
  });
});

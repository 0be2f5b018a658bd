import zlib from 'node:zlib';
import { RootwiseError } from '../../../shared/errors/rootwise-error';

/**
 * Reads a ZIP (an .xlsx is one) without trusting it. `guardZip` reads only the end of central
 * directory and the central directory, so a refusal costs nothing: a file that is not a ZIP, and a
 * "zip bomb" that claims more than ZIP_LIMITS allow. `readZipEntry` then unpacks one entry at a
 * time, found through the directory, and stops one that unpacks to more than it claimed.
 */
export const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxEntryBytes: 2 ** 30,
  maxTotalBytes: 2 * 2 ** 30,
  /** Uncompressed : compressed, checked for entries larger than `ratioFromBytes`. */
  maxRatio: 200,
  ratioFromBytes: 2 ** 20,
} as const;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Where the entry's (compressed) data starts, after its local header. */
  readonly dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const U32_MAX = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;
/** zlib's default: exceljs's XML parser gathers a whole chunk's events before handing them on, and
 * on a 100,000-row sheet 16 KiB chunks read faster and peak lower than 4, 64 or 256 KiB. */
const CHUNK_BYTES = 16 * 1024;

const notXlsx = (file: string): RootwiseError => new RootwiseError('error.import.notXlsx', { file });
const zipBomb = (file: string, entry: string): RootwiseError => new RootwiseError('error.import.zipBomb', { file, entry: entry.slice(0, 200) });

/** Little-endian reads that fail (as "not a ZIP") instead of reading past the end. */
class ByteReader {
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private check(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > this.bytes.length) throw notXlsx(this.file);
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, true);
  }

  /** Beyond 2^53 a size is a bomb anyway; Infinity keeps it failing every limit. */
  u64(offset: number): number {
    this.check(offset, 8);
    const value = this.view.getBigUint64(offset, true);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(value);
  }

  text(offset: number, length: number): string {
    this.check(offset, length);
    return new TextDecoder('utf-8').decode(this.bytes.subarray(offset, offset + length));
  }
}

function findEndOfCentralDirectory(reader: ByteReader): number {
  const { bytes } = reader;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes[at] !== 0x50 || bytes[at + 1] !== 0x4b) continue;
    if (reader.u32(at) === EOCD && at + 22 + reader.u16(at + 20) <= bytes.length) return at;
  }
  return -1;
}

/** Whether the bytes end like a ZIP (an end of central directory record), however they start. */
export function endsLikeZip(bytes: Uint8Array): boolean {
  return findEndOfCentralDirectory(new ByteReader(bytes, '')) !== -1;
}

/** The ZIP64 extended information extra field fills in the sizes and offset saturated at 2^32-1. */
function zip64Values(reader: ByteReader, extraStart: number, extraLength: number, wanted: readonly boolean[]): number[] {
  const values: number[] = [];
  for (let at = extraStart; at + 4 <= extraStart + extraLength; ) {
    const id = reader.u16(at);
    const size = reader.u16(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      for (const want of wanted) {
        if (!want) continue;
        if (field + 8 > at + 4 + size) break;
        values.push(reader.u64(field));
        field += 8;
      }
      return values;
    }
    at += 4 + size;
  }
  return values;
}

/**
 * Reads the central directory and refuses a file that is not a ZIP or that would unpack to more
 * than ZIP_LIMITS allow; returns the entries in directory order.
 */
export function guardZip(bytes: Uint8Array, file: string): ZipEntry[] {
  const reader = new ByteReader(bytes, file);
  const eocd = findEndOfCentralDirectory(reader);
  if (eocd === -1) throw notXlsx(file);
  let count = reader.u16(eocd + 10);
  let directorySize = reader.u32(eocd + 12);
  let directoryOffset = reader.u32(eocd + 16);
  let directoryEnd = eocd;
  if ((count === 0xffff || directorySize === U32_MAX || directoryOffset === U32_MAX) && eocd >= 20 && reader.u32(eocd - 20) === ZIP64_LOCATOR) {
    const zip64 = reader.u64(eocd - 12);
    if (reader.u32(zip64) !== ZIP64_EOCD) throw notXlsx(file);
    count = reader.u64(zip64 + 32);
    directorySize = reader.u64(zip64 + 40);
    directoryOffset = reader.u64(zip64 + 48);
    directoryEnd = zip64;
  }
  if (directoryOffset + directorySize > directoryEnd) throw notXlsx(file);

  const entries: Omit<ZipEntry, 'dataOffset'>[] = [];
  let total = 0;
  let at = directoryOffset;
  while (entries.length < count) {
    if (at + 46 > directoryOffset + directorySize || reader.u32(at) !== CENTRAL_HEADER) throw notXlsx(file);
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const name = reader.text(at + 46, nameLength);
    if (entries.length === ZIP_LIMITS.maxEntries) throw zipBomb(file, name);
    let compressedSize = reader.u32(at + 20);
    let uncompressedSize = reader.u32(at + 24);
    let localHeaderOffset = reader.u32(at + 42);
    const saturated = [uncompressedSize === U32_MAX, compressedSize === U32_MAX, localHeaderOffset === U32_MAX];
    if (saturated.some(Boolean)) {
      const values = zip64Values(reader, at + 46 + nameLength, extraLength, saturated);
      // a saturated field without its ZIP64 value stays 2^32-1, which no limit lets through
      if (saturated[0]) uncompressedSize = values.shift() ?? U32_MAX;
      if (saturated[1]) compressedSize = values.shift() ?? U32_MAX;
      if (saturated[2]) localHeaderOffset = values.shift() ?? U32_MAX;
    }
    if (uncompressedSize > ZIP_LIMITS.maxEntryBytes) throw zipBomb(file, name);
    if (uncompressedSize > ZIP_LIMITS.ratioFromBytes && uncompressedSize > ZIP_LIMITS.maxRatio * Math.max(compressedSize, 1)) throw zipBomb(file, name);
    total += uncompressedSize;
    if (total > ZIP_LIMITS.maxTotalBytes) throw zipBomb(file, name);
    entries.push({ name, method: reader.u16(at + 10), compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + reader.u16(at + 32);
  }
  return locateData(reader, entries, directoryOffset);
}

/** Finds each entry's data after its local header (whose name and extra field lengths may differ
 * from the directory's). */
function locateData(reader: ByteReader, entries: readonly Omit<ZipEntry, 'dataOffset'>[], directoryOffset: number): ZipEntry[] {
  return entries.map((entry) => {
    const at = entry.localHeaderOffset;
    if (reader.u32(at) !== LOCAL_HEADER) throw notXlsx(reader.file);
    const dataOffset = at + 30 + reader.u16(at + 26) + reader.u16(at + 28);
    if (dataOffset + entry.compressedSize > directoryOffset) throw notXlsx(reader.file);
    return { ...entry, dataOffset };
  });
}

function* slices(data: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

/**
 * An entry's content in chunks, inflated as they are read. Since the directory's sizes are only
 * claims, the bytes are counted: more than claimed is a bomb that lied about its size, fewer (or
 * data that does not inflate) a damaged file.
 */
export async function* readZipEntry(bytes: Uint8Array, entry: ZipEntry, file: string): AsyncGenerator<Uint8Array> {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let iterator: Iterator<Uint8Array> | AsyncIterator<Uint8Array>;
  if (entry.method === STORED) iterator = slices(data, CHUNK_BYTES);
  else if (entry.method === DEFLATED) {
    const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES });
    inflater.end(data);
    iterator = (inflater as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  } else throw notXlsx(file);
  let length = 0;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await iterator.next();
      } catch {
        throw notXlsx(file);
      }
      if (step.done === true) break;
      length += step.value.length;
      if (length > entry.uncompressedSize) throw zipBomb(file, entry.name);
      yield step.value;
    }
  } finally {
    await iterator.return?.();
  }
  if (length < entry.uncompressedSize) throw notXlsx(file);
}

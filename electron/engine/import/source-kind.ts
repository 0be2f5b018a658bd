import path from 'node:path';
import type { ImportSource } from '../../../shared/api/types';
import { openBytes } from './byte-source';
import { detectEncoding } from './detect-encoding';
import { jsonFlavour } from './parse-json';

// What kind of source a file is, told from its name and first bytes without loading any reader:
// the writer thread decides with it how much memory the reader thread gets.

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Compound File Binary: an .xls workbook, or an .xlsx encrypted with a password. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);
export const isZipStart = (bytes: Uint8Array): boolean => startsWith(bytes, ZIP_MAGIC);
export const isCfbStart = (bytes: Uint8Array): boolean => startsWith(bytes, CFB_MAGIC);

/** Whether a file's name or first bytes say it may be a workbook, which is then read whole. */
export const mayBeWorkbook = (sample: Uint8Array, fileName: string): boolean => /\.xls[xm]$/i.test(fileName) || isCfbStart(sample) || isZipStart(sample);

/**
 * Whether a source will be read chunk by chunk (delimited text) rather than whole (JSON, XLSX),
 * judged from its name and first bytes as openRecordStream judges it.
 */
export function streamsInChunks(source: ImportSource): boolean {
  const { bytes, file } = openBytes(source);
  try {
    const sample = new Uint8Array(Math.min(bytes.size, 4096));
    bytes.read(sample, 0);
    const fileName = path.basename(file);
    const guess = detectEncoding(sample);
    const text = new TextDecoder(guess.encoding, { ignoreBOM: true }).decode(sample.subarray(guess.bomLength));
    return !mayBeWorkbook(sample, fileName) && jsonFlavour(text, fileName) === undefined;
  } finally {
    bytes.close();
  }
}


import fs from 'node:fs';
import type { ImportSource } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';

/** Where the bytes come from: a file read by position, or bytes the renderer sent. */
export interface ByteSource {
  readonly size: number;
  read(into: Uint8Array, position: number): number;
  /** The file's size and modification time now, to notice a file that changes while it is read. */
  stamp(): string;
  close(): void;
}

export function openBytes(source: ImportSource): { bytes: ByteSource; file: string } {
  if (source.kind === 'bytes') {
    const data = source.bytes;
    return {
      file: source.name,
      bytes: {
        size: data.length,
        read: (into, position) => {
          const slice = data.subarray(position, position + into.length);
          into.set(slice);
          return slice.length;
        },
        stamp: () => String(data.length),
        close: () => undefined,
      },
    };
  }
  let fd: number;
  try {
    fd = fs.openSync(source.path, 'r');
    if (!fs.fstatSync(fd).isFile()) {
      fs.closeSync(fd);
      throw new Error('not a file');
    }
  } catch {
    throw new RootwiseError('error.import.fileNotFound', { file: source.path });
  }
  const stampOf = (): string => {
    const stat = fs.fstatSync(fd);
    return `${stat.size}:${stat.mtimeMs}`;
  };
  return {
    file: source.path,
    bytes: {
      size: fs.fstatSync(fd).size,
      read: (into, position) => fs.readSync(fd, into, 0, into.length, position),
      stamp: stampOf,
      close: () => fs.closeSync(fd),
    },
  };
}


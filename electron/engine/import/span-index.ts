/**
 * Values found by a stretch of a text without making the stretch a string: an open-addressing
 * table on `hashSpan`, each hit confirmed character by character. The import's cached values of a
 * text column are looked up here for each field of the file (see load-records.ts).
 */
export class SpanIndex<T extends { readonly key: string }> {
  /** Per slot, the entry's index + 1 (0: empty), and the entry's hash. */
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly entries: T[] = [];
  private readonly mask: number;

  /** `capacity`: the most entries it will hold (the table keeps at least half its slots free). */
  constructor(readonly capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entry whose key is `text.slice(from, to)`, whose hash is `hash`. */
  find(text: string, from: number, to: number, hash: number): T | undefined {
    const { slots, hashes, entries, mask } = this;
    // kept as signed 32-bit integers, as the table stores them
    const signed = hash | 0;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[i]!;
      if (slot === 0) return undefined;
      if (hashes[i] === signed) {
        const entry = entries[slot - 1]!;
        if (sameText(entry.key, text, from, to)) return entry;
      }
    }
  }

  /** Adds an entry whose key is not in the index yet. */
  add(hash: number, entry: T): void {
    if (this.entries.length >= this.capacity) throw new RangeError('span index is full');
    const { slots, mask } = this;
    let i = hash & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    this.entries.push(entry);
    slots[i] = this.entries.length;
    this.hashes[i] = hash | 0;
  }
}

function sameText(key: string, text: string, from: number, to: number): boolean {
  if (key.length !== to - from) return false;
  for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

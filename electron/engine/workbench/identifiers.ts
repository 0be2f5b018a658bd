/** Makes SQL-friendly names from whatever a file's header says; the original stays as the label. */
const RESERVED_PREFIXES = ['rw_', 'sqlite_'];

export function isReservedTableName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Lower-case, runs of anything but letters (any script) and digits become one underscore. */
export function toIdentifier(label: string, fallback: string): string {
  const base = label
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') return fallback;
  const safe = /^\p{N}/u.test(base) ? `c_${base}` : base;
  return isReservedTableName(safe) ? `t_${safe}` : safe.slice(0, 120);
}

/** Appends _2, _3… until the name is not taken (case-insensitively, as SQLite compares names). */
export function uniqueName(desired: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(desired.toLowerCase())) return desired;
  for (let n = 2; ; n++) {
    const candidate = `${desired}_${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** Column names for a header: unique, never empty; labels keep the original text. */
export function columnNames(labels: readonly string[]): string[] {
  const names: string[] = [];
  labels.forEach((label, i) => names.push(uniqueName(toIdentifier(label, `column_${i + 1}`), names)));
  return names;
}

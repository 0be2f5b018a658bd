/** A file name from a document's name: no characters that file systems refuse, at most 120 of them. */
export function exportFileName(name: string, extension: string, fallback = 'export'): string {
  // eslint-disable-next-line no-control-regex -- control characters are what a file name may not hold
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${clean === '' ? fallback : clean}.${extension}`;
}

import type { CellValue } from '../api/types';

/** OWASP CSV injection: a text cell that a spreadsheet would run as a formula gets a leading quote. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r\n\0]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  return [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\n') + '\n';
}

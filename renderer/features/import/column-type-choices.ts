import type { ColumnType, ColumnTypeChoice, Delimiter, ValueFormat } from '../../../shared/api/types';
import type { MessageKey } from '../../../shared/i18n/messages';

/** Every type a user can give a column in the import preview, in the order the menu lists them. */
export const COLUMN_TYPE_CHOICES: readonly ColumnTypeChoice[] = [
  { type: 'text', format: 'text' },
  { type: 'integer', format: 'integer' },
  { type: 'real', format: 'decimal' },
  { type: 'real', format: 'grouped' },
  { type: 'real', format: 'percent' },
  { type: 'real', format: 'money' },
  { type: 'boolean', format: 'boolean' },
  { type: 'date', format: 'ymd' },
  { type: 'datetime', format: 'ymd' },
  { type: 'date', format: 'dmy' },
  { type: 'datetime', format: 'dmy' },
  { type: 'date', format: 'mdy' },
  { type: 'datetime', format: 'mdy' },
  { type: 'date', format: 'cn-date' },
  { type: 'datetime', format: 'cn-date' },
  { type: 'date', format: 'cn-month' },
  { type: 'date', format: 'compact-date' },
  { type: 'date', format: 'excel-serial' },
  { type: 'datetime', format: 'excel-serial' },
  { type: 'datetime', format: 'unix-seconds' },
  { type: 'datetime', format: 'unix-millis' },
  { type: 'integer', format: 'duration-clock' },
  { type: 'integer', format: 'duration-words' },
];

/** A choice as one string, for a `<select>` value. */
export const choiceKey = (choice: ColumnTypeChoice): string => `${choice.type}:${choice.format}`;

export function choiceFromKey(key: string): ColumnTypeChoice | undefined {
  return COLUMN_TYPE_CHOICES.find((c) => choiceKey(c) === key);
}

const temporal = (type: ColumnType): boolean => type === 'date' || type === 'datetime';

/** The message naming a type as the user reads it. */
export function choiceLabelKey(choice: { readonly type: ColumnType; readonly format: ValueFormat }): MessageKey {
  if (temporal(choice.type)) return `valueType.${choice.type}.${choice.format}` as MessageKey;
  if (choice.format === 'text' || choice.type === 'text') return 'valueType.text';
  if (choice.format === 'integer' && choice.type === 'real') return 'valueType.decimal';
  return `valueType.${choice.format}` as MessageKey;
}

/** The choices for a column: all of them, with the detected one first listed where it belongs
 * (a detected pair outside the list, such as a real column read as integers, is added). */
export function choicesFor(detected: ColumnTypeChoice): readonly ColumnTypeChoice[] {
  return COLUMN_TYPE_CHOICES.some((c) => choiceKey(c) === choiceKey(detected)) ? COLUMN_TYPE_CHOICES : [detected, ...COLUMN_TYPE_CHOICES];
}

export const DELIMITER_CHOICES: readonly { readonly value: Delimiter; readonly label: MessageKey }[] = [
  { value: ',', label: 'delimiter.comma' },
  { value: ';', label: 'delimiter.semicolon' },
  { value: '\t', label: 'delimiter.tab' },
  { value: '|', label: 'delimiter.pipe' },
];

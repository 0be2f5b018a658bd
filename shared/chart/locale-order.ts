import type { Locale } from '../i18n/messages';

type RawValue = string | number | null;

/** Sorts data values as the reader's language does (pinyin for Chinese, numbers by value); empty last. */
export function localeOrder(locale: Locale): (a: RawValue, b: RawValue) => number {
  const collator = new Intl.Collator(locale, { numeric: true });
  return (a, b) => {
    if (a === null || a === '') return b === null || b === '' ? 0 : 1;
    if (b === null || b === '') return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return collator.compare(String(a), String(b));
  };
}

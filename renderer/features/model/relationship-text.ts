import { format, formatNumber, type Locale } from '../../../shared/i18n/messages';
import type { Cardinality, Relationship } from '../../../shared/model/semantic-model';

const SHORT: Readonly<Record<Cardinality, string>> = { 'many-to-one': 'n:1', 'one-to-one': '1:1', 'many-to-many': 'n:n' };

export function cardinalityText(cardinality: Cardinality): string {
  return SHORT[cardinality];
}

/** The share of keys that match, in percent: never rounded up to 100 while a key is missing. */
export function matchPercent(share: number): number {
  return share >= 1 ? 100 : Math.floor(share * 1000) / 10;
}

/** "n:1 · 98 % match" / "n:1 · 匹配 98%". */
export function relationshipText(relationship: Pick<Relationship, 'cardinality' | 'matchShare'>, locale: Locale): string {
  return format(locale, 'model.rel.label', { cardinality: cardinalityText(relationship.cardinality), share: formatNumber(locale, matchPercent(relationship.matchShare)) });
}

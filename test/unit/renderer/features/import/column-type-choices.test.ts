import { describe, expect, it } from 'vitest';
import { VALUE_FORMATS } from '../../../../../shared/api/types';
import { catalogues } from '../../../../../shared/i18n/messages';
import { COLUMN_TYPE_CHOICES, choiceFromKey, choiceKey, choiceLabelKey, choicesFor } from '../../../../../renderer/features/import/column-type-choices';

describe('column type choices', () => {
  it('offer every format the importer reads, each with a label in both languages', () => {
    expect(new Set(COLUMN_TYPE_CHOICES.map((c) => c.format))).toEqual(new Set(VALUE_FORMATS));
    for (const choice of COLUMN_TYPE_CHOICES) {
      const key = choiceLabelKey(choice);
      expect(catalogues.en[key], key).toBeTruthy();
      expect(catalogues['zh-CN'][key], key).toBeTruthy();
      expect(choiceFromKey(choiceKey(choice))).toEqual(choice);
    }
  });

  it('keep a detected pair that the menu does not list, such as integers read into a decimal column', () => {
    const odd = { type: 'real', format: 'integer' } as const;
    expect(choicesFor(odd)[0]).toEqual(odd);
    expect(catalogues.en[choiceLabelKey(odd)]).toBe('Decimal number');
    expect(choicesFor({ type: 'date', format: 'dmy' })).toBe(COLUMN_TYPE_CHOICES);
  });
});

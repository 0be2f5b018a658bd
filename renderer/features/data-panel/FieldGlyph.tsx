import type { FieldKind } from '../../../shared/api/types';
import { Icon } from '../../ui/Icon';

/** The small type mark before a field: Abc for dimensions, # for measures, a calendar for dates. */
export function FieldGlyph({ kind }: { readonly kind: FieldKind }) {
  return (
    <span className={`field-glyph field-glyph-${kind}`} aria-hidden="true">
      {kind === 'temporal' ? <Icon name="calendar" size={13} /> : kind === 'measure' ? '#' : 'Abc'}
    </span>
  );
}

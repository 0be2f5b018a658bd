import type { FieldKind } from '../../../shared/api/types';
import { Icon } from '../../ui/Icon';

/** The small type mark before a field: Abc for dimensions, # for measures, a calendar for dates, ƒ for catalogue metrics. */
export function FieldGlyph({ kind, metric = false }: { readonly kind: FieldKind; readonly metric?: boolean }) {
  return (
    <span className={`field-glyph field-glyph-${metric ? 'metric' : kind}`} aria-hidden="true">
      {metric ? 'ƒ' : kind === 'temporal' ? <Icon name="calendar" size={13} /> : kind === 'measure' ? '#' : 'Abc'}
    </span>
  );
}

import { useT } from '../../i18n/locale-context';
import { Shelf } from './Shelf';
import './shelves.css';

/** Columns, Rows, Color and Filters two by two above the chart, then the marks' Size, Label and Tooltip. */
export function ShelfPanel() {
  const { t } = useT();
  return (
    <section className="shelf-panel" aria-label={t('shelf.title')}>
      <Shelf shelf="x" />
      <Shelf shelf="y" />
      <Shelf shelf="color" />
      <Shelf shelf="filters" />
      <Shelf shelf="size" />
      <Shelf shelf="label" />
      <Shelf shelf="tooltip" />
    </section>
  );
}

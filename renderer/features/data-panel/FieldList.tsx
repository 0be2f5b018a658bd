import { useT } from '../../i18n/locale-context';
import type { MessageKey } from '../../../shared/i18n/messages';
import type { TableSchema, TableSummary } from '../../../shared/api/types';
import { useEditorStore } from '../../state/editor-store';
import { sheetTable, type FieldRef } from '../../../shared/chart/sheet-state';
import { useUiStore } from '../../state/ui-store';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { useModelStore } from '../model/model-store';
import { FieldItem } from './FieldItem';
import { fieldMatcher, groupFields } from '../../../shared/chart/field-refs';
import './data-panel.css';

/** The left panel of Analyze: every table, expandable, with its fields grouped by what they do. */
export function FieldList() {
  const { t } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const metrics = useWorkbenchStore((s) => s.metrics);
  const status = useWorkbenchStore((s) => s.status);
  const search = useUiStore((s) => s.fieldSearch);
  const expanded = useUiStore((s) => s.expandedTables);
  const setExpanded = useUiStore((s) => s.setExpandedTables);
  const inUse = useEditorStore((s) => sheetTable(s.sheet)?.table);

  const matches = fieldMatcher(search);
  const searching = search.trim() !== '';
  const open = expanded ?? tables.slice(0, 1).map((tb) => tb.name);
  const toggle = (table: string) => setExpanded(open.includes(table) ? open.filter((n) => n !== table) : [...open, table]);

  const sections = tables.map((summary) => {
    const schema = schemas[summary.name];
    const groups = schema === undefined ? undefined : groupFields(schema, matches, metrics[summary.name]);
    const count = groups === undefined ? 0 : groups.dimensions.length + groups.dates.length + groups.measures.length + groups.metrics.length;
    return { summary, schema, groups, count };
  });
  const visible = searching ? sections.filter((s) => s.count > 0) : sections;

  return (
    <nav className="field-list" aria-label={t('data.fields')}>
      <div className="panel-header">
        <h2 className="section-title">{t('data.tables')}</h2>
        {tables.length > 0 && (
          <button
            type="button"
            className="btn btn-quiet field-list-calc"
            data-testid="field-list-new-calculated"
            title={t('model.calc.newHint')}
            // the table the sheet uses, else the first one open
            onClick={() => useModelStore.getState().openEditor({ kind: 'calculated', table: inUse ?? open[0] ?? tables[0]!.name })}
          >
            <Icon name="plus" size={14} />
            {t('model.calc.new')}
          </button>
        )}
      </div>
      <div className="field-list-scroll">
        {status === 'ready' && tables.length === 0 && <p className="panel-note">{t('data.noTables')}</p>}
        {searching && visible.length === 0 && <p className="panel-note">{t('data.noMatches', { query: search.trim() })}</p>}
        {visible.map(({ summary, schema, groups }) => (
          <TableSection
            key={summary.name}
            summary={summary}
            schema={schema}
            groups={groups}
            expanded={searching || open.includes(summary.name)}
            muted={inUse !== undefined && inUse !== summary.name}
            onToggle={() => toggle(summary.name)}
          />
        ))}
      </div>
      {tables.length > 0 && <p className="field-list-hint">{t('data.dragHint')}</p>}
    </nav>
  );
}

function TableSection(props: {
  readonly summary: TableSummary;
  readonly schema: TableSchema | undefined;
  readonly groups: ReturnType<typeof groupFields> | undefined;
  readonly expanded: boolean;
  readonly muted: boolean;
  readonly onToggle: () => void;
}) {
  const { t, label, number } = useT();
  const { summary, groups, expanded, muted } = props;
  const listId = `fields-of-${summary.name}`;
  return (
    <section className="table-section">
      <button
        type="button"
        className="table-row"
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={props.onToggle}
        data-testid={`table-${summary.name}`}
        title={t('data.showFields', { table: label(summary.label) })}
      >
        <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={14} className="table-chevron" />
        <Icon name="table" size={14} className="table-icon" />
        <span className="table-label">{label(summary.label)}</span>
        <span className="table-count num">{number(summary.rowCount, 0)}</span>
      </button>
      {expanded && (
        <div id={listId} role="group" aria-label={t('data.fieldsOf', { table: label(summary.label) })}>
          {groups === undefined ? (
            <p className="panel-note">{t('data.loading')}</p>
          ) : (
            <>
              <FieldGroup title="data.dimensions" fields={groups.dimensions} muted={muted} />
              <FieldGroup title="data.dates" fields={groups.dates} muted={muted} />
              <FieldGroup title="data.measures" fields={groups.measures} muted={muted} />
              <FieldGroup title="data.metrics" fields={groups.metrics} muted={muted} />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function FieldGroup({ title, fields, muted }: { readonly title: MessageKey; readonly fields: readonly FieldRef[]; readonly muted: boolean }) {
  const { t } = useT();
  if (fields.length === 0) return null;
  return (
    <div className="field-group">
      <h3 className="field-group-title">{t(title)}</h3>
      {fields.map((field) => (
        <FieldItem key={field.field} field={field} muted={muted} />
      ))}
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { TableSchema } from '../../../shared/api/types';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import { api } from '../../api/client';
import { WorkspaceLayout } from '../../app/WorkspaceLayout';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { ChartEmptyState } from '../chart/ChartEmptyState';
import { calculatedFieldCommand, metricCommand } from './model-commands';
import { ModelCanvas } from './ModelCanvas';
import { ModelDndContext } from './ModelDndContext';
import { ModelInspector } from './ModelInspector';
import { useModelStore } from './model-store';
import './model.css';

/** The Model view: tables as cards with their relationships, and the selected table's roles,
 * calculated fields and drill paths; every change can be undone. */
export function ModelWorkspace() {
  const { t } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const model = useWorkbenchStore((s) => s.model);
  const chosen = useModelStore((s) => s.selectedTable);
  const selected = tables.some((tb) => tb.name === chosen) ? chosen : tables[0]?.name;
  const schemaList = tables.flatMap((tb) => (schemas[tb.name] === undefined ? [] : [schemas[tb.name]!]));
  const selectedSchema = selected === undefined ? undefined : schemas[selected];
  const selectedModel = model?.tables.find((tm) => tm.table === selected);

  return (
    <ModelDndContext>
      <WorkspaceLayout
        left={<ModelTablePanel selected={selected} schema={selectedSchema} />}
        main={
          <div className="model-main">
            <ModelToolbar />
            {schemaList.length === 0 || model === null ? (
              <div className="preview">
                <ChartEmptyState icon="upload" title={t('drop.title')} body={t('drop.body')} />
              </div>
            ) : (
              <ModelCanvas schemas={schemaList} tables={model.tables} relationships={model.relationships} selected={selected} />
            )}
          </div>
        }
        right={selectedSchema === undefined || selectedModel === undefined ? null : <ModelInspector schema={selectedSchema} model={selectedModel} />}
      />
    </ModelDndContext>
  );
}

function ModelToolbar() {
  const { t } = useT();
  return (
    <div className="model-toolbar">
      <h1 className="model-heading">{t('model.heading')}</h1>
      <p className="model-toolbar-hint">{t('model.dragHint')}</p>
    </div>
  );
}

function ModelTablePanel({ selected, schema }: { readonly selected: string | undefined; readonly schema: TableSchema | undefined }) {
  const { t, label, number } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const select = useModelStore((s) => s.selectTable);
  const openEditor = useModelStore((s) => s.openEditor);
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const calculated = schema?.fields.filter((f) => f.expression !== undefined) ?? [];
  return (
    <nav className="field-list model-tables" aria-label={t('data.tables')}>
      <div className="panel-header">
        <h2 className="section-title">{t('data.tables')}</h2>
      </div>
      <div className="field-list-scroll">
        {tables.map((tb) => (
          <button
            key={tb.name}
            type="button"
            className={`table-row model-table-row${tb.name === selected ? ' is-selected' : ''}`}
            aria-current={tb.name === selected ? 'true' : undefined}
            onClick={() => select(tb.name)}
            data-testid={`model-table-${tb.name}`}
          >
            <Icon name="table" size={14} className="table-icon" />
            <span className="table-label">{label(tb.label)}</span>
            <span className="table-count num">{number(tb.rowCount, 0)}</span>
          </button>
        ))}
        {schema !== undefined && (
          <section className="model-calc-section" aria-labelledby="model-calc-title">
            <div className="panel-header model-section-header">
              <h2 className="section-title" id="model-calc-title">
                {t('model.calc.listTitle', { table: label(schema.label) })}
              </h2>
            </div>
            {calculated.length === 0 && <p className="panel-note">{t('model.calc.none')}</p>}
            <ul className="model-calc-list">
              {calculated.map((f) => (
                <li key={f.name} className="model-calc-item" data-testid={`calc-item-${f.name}`}>
                  <button type="button" className="model-calc-open" onClick={() => openEditor({ kind: 'calculated', table: schema.table, name: f.name })} title={t('model.calc.edit')}>
                    <span className="model-calc-name">{label(f.label)}</span>
                    <code className="model-calc-expr">{f.expression}</code>
                  </button>
                  <button
                    type="button"
                    className="icon-btn"
                    disabled={busy}
                    aria-label={t('model.calc.removeNamed', { name: f.name })}
                    onClick={() => void perform(calculatedFieldCommand(api(), schema.table, { name: f.name, label: label(f.label), expression: f.expression! }, undefined))}
                  >
                    <Icon name="trash" size={13} />
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="btn model-calc-new" onClick={() => openEditor({ kind: 'calculated', table: schema.table })} data-testid="calc-new">
              <Icon name="plus" size={14} />
              {t('model.calc.new')}
            </button>
          </section>
        )}
        <OwnMetrics />
      </div>
    </nav>
  );
}

/** The metrics of the user's own, read again whenever the workbench changes. */
function OwnMetrics() {
  const { t, label } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const openEditor = useModelStore((s) => s.openEditor);
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const [metrics, setMetrics] = useState<readonly MetricDefinition[]>([]);
  useEffect(() => {
    let cancelled = false;
    void api()
      .listMetrics({})
      .then((list) => !cancelled && setMetrics(list.filter((m) => !m.builtIn)));
    return () => {
      cancelled = true;
    };
  }, [revision]);
  return (
    <section className="model-calc-section" aria-labelledby="model-metric-title">
      <div className="panel-header model-section-header">
        <h2 className="section-title" id="model-metric-title">
          {t('model.metric.listTitle')}
        </h2>
      </div>
      {metrics.length === 0 && <p className="panel-note">{t('model.metric.none')}</p>}
      <ul className="model-calc-list">
        {metrics.map((m) => (
          <li key={m.id} className="model-calc-item" data-testid={`metric-item-${m.id}`}>
            <button type="button" className="model-calc-open" onClick={() => openEditor({ kind: 'metric', id: m.id })} title={t('model.metric.edit')}>
              <span className="model-metric-name">{label(m.name)}</span>
              <code className="model-calc-expr">
                {m.id} · v{m.version}
              </code>
            </button>
            <button type="button" className="icon-btn" disabled={busy} aria-label={t('model.metric.removeNamed', { name: label(m.name) })} onClick={() => void perform(metricCommand(api(), m, undefined))}>
              <Icon name="trash" size={13} />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn model-calc-new" onClick={() => openEditor({ kind: 'metric' })} data-testid="metric-new">
        <Icon name="plus" size={14} />
        {t('model.metric.new')}
      </button>
    </section>
  );
}

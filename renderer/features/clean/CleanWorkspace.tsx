import { useEffect, useState } from 'react';
import type { StageColumn } from '../../../shared/recipe/recipe-dataflow';
import { WorkspaceLayout } from '../../app/WorkspaceLayout';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { ChartEmptyState } from '../chart/ChartEmptyState';
import { ClusterDialog } from './ClusterDialog';
import { RefreshButton } from './RefreshDialog';
import { SynonymButton } from './SynonymDialog';
import { api } from '../../api/client';
import { asApiCallError } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import { saveFile } from '../../ui/save-file';
import { RecipeStepsPanel } from './RecipeStepsPanel';
import { StepPreview } from './StepPreview';
import { useCleanStore } from './clean-store';
import { renameOutput } from './recipe-edits';
import './clean.css';

/** A recipe's clean tables are named `recipe:<source>` in the catalogue. */
const RECIPE_PREFIX = 'recipe:';

/**
 * The Clean workspace: a table's recipe as a list of steps beside the rows before and after the
 * selected step. Steps come from a column's menu or the palette; every change is saved as the
 * recipe's next version and can be undone; Run writes the clean table as a cancellable job.
 */
export function CleanWorkspace() {
  const { t } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const source = useCleanStore((s) => s.source);
  const open = useCleanStore((s) => s.open);
  const imports = tables.filter((tb) => !(tb.sourceFile ?? '').startsWith(RECIPE_PREFIX));
  const current = imports.some((tb) => tb.name === source) ? source : imports[0]?.name;

  useEffect(() => {
    if (current !== undefined && current !== source) void open(current);
  }, [current, source, open]);

  return (
    <WorkspaceLayout
      left={<CleanTableList selected={current} />}
      main={
        <div className="clean-main">
          {current === undefined ? (
            <div className="preview">
              <ChartEmptyState icon="upload" title={t('drop.title')} body={t('drop.body')} />
            </div>
          ) : (
            <RecipeMain />
          )}
          <ClusterDialog />
        </div>
      }
      right={current === undefined ? null : <RecipeStepsPanel />}
    />
  );
}

function CleanTableList({ selected }: { readonly selected: string | undefined }) {
  const { t, label, number } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const open = useCleanStore((s) => s.open);
  const imports = tables.filter((tb) => !(tb.sourceFile ?? '').startsWith(RECIPE_PREFIX));
  const cleanOf = (name: string) => tables.find((tb) => tb.sourceFile === `${RECIPE_PREFIX}${name}`);
  return (
    <nav className="field-list clean-tables" aria-label={t('clean.tables')}>
      <div className="panel-header">
        <h2 className="section-title">{t('clean.tables')}</h2>
      </div>
      <div className="field-list-scroll">
        {imports.map((tb) => {
          const clean = cleanOf(tb.name);
          return (
            <button
              key={tb.name}
              type="button"
              className={`table-row clean-table-row${tb.name === selected ? ' is-selected' : ''}`}
              aria-current={tb.name === selected ? 'true' : undefined}
              onClick={() => void open(tb.name)}
              data-testid={`clean-table-${tb.name}`}
            >
              <Icon name="table" size={14} className="table-icon" />
              <span className="clean-table-names">
                <span className="table-label">{label(tb.label)}</span>
                {clean !== undefined && (
                  <span className="clean-table-output">
                    <Icon name="chevronRight" size={11} />
                    {clean.name}
                  </span>
                )}
              </span>
              <span className="table-count num">{number(tb.rowCount, 0)}</span>
            </button>
          );
        })}
      </div>
      <p className="panel-note clean-tables-note">{t('clean.tablesNote')}</p>
    </nav>
  );
}

function RecipeMain() {
  const { t, label } = useT();
  const source = useCleanStore((s) => s.source);
  const state = useCleanStore((s) => s.state);
  const spec = useCleanStore((s) => s.spec);
  const start = useCleanStore((s) => s.start);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const sourceLabel = source === undefined || schemas[source] === undefined ? source : label(schemas[source].label);
  if (state === null) return <div className="clean-loading" aria-busy="true" />;
  if (spec === null) {
    return (
      <div className="preview">
        <ChartEmptyState icon="refresh" title={t('clean.empty.title', { table: sourceLabel ?? '' })} body={t('clean.empty.body')}>
          <button type="button" className="btn btn-primary" onClick={() => void start()} data-testid="clean-start">
            <Icon name="plus" size={14} />
            {t('clean.empty.start')}
          </button>
        </ChartEmptyState>
      </div>
    );
  }
  return (
    <>
      <RecipeToolbar />
      <StepPreview />
    </>
  );
}

function RecipeToolbar() {
  const { t, number, locale } = useT();
  const spec = useCleanStore((s) => s.spec)!;
  const state = useCleanStore((s) => s.state);
  const job = useCleanStore((s) => s.job);
  const saving = useCleanStore((s) => s.saving);
  const run = useCleanStore((s) => s.run);
  const cancelRun = useCleanStore((s) => s.cancelRun);
  const problems = state?.flow?.problems.length ?? 0;
  const lastRun = state?.lastRun ?? null;
  const percent = job === null || job.total <= 0 ? undefined : Math.min(100, Math.round((job.done / job.total) * 100));
  return (
    <div className="clean-toolbar">
      <div className="clean-title">
        <span className="clean-source" data-testid="clean-source">
          {spec.source}
        </span>
        <Icon name="chevronRight" size={14} />
        <OutputName key={spec.output} />
        <span className="clean-version" data-testid="clean-version">
          {state?.recipe === null || state?.recipe === undefined ? '' : t('clean.version', { version: state.recipe.version })}
          {saving ? ` · ${t('clean.saving')}` : ''}
        </span>
        {lastRun !== null && (
          <span className="clean-last-run" data-testid="clean-last-run">
            {t('clean.lastRun', { rowsIn: number(lastRun.rowsIn, 0), rowsOut: number(lastRun.rowsOut, 0), output: lastRun.output })}
          </span>
        )}
      </div>
      <div className="clean-run">
        <ShareSafeSwitch />
        <SynonymButton />
        <RefreshButton />
        {lastRun !== null && job === null && <ExportButton table={lastRun.output} />}
        {job !== null ? (
          <div className="clean-job" data-testid="clean-job">
            <div className="progress" role="progressbar" aria-label={t('clean.running')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
            </div>
            <span className="clean-job-text num">{percent === undefined ? t('clean.running') : `${percent}%`}</span>
            <button type="button" className="link-btn" disabled={job.cancelling} onClick={() => void cancelRun()} data-testid="clean-cancel">
              {job.cancelling ? t('clean.cancelling') : t('clean.cancel')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={problems > 0 || saving}
            title={problems > 0 ? t('clean.runBlocked', { count: problems }) : t('clean.runHint', { output: spec.output })}
            onClick={() => void run()}
            data-testid="clean-run"
            lang={locale}
          >
            <Icon name="refresh" size={14} />
            {t('clean.run')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Share-safe mode: exports refuse personal data that is not masked. */
function ShareSafeSwitch() {
  const { t } = useT();
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api()
      .getShareSafe({})
      .then((answer) => !cancelled && setOn(answer.on));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <label className={`clean-chip clean-share-safe${on === true ? ' is-on' : ''}`} title={t('clean.shareSafe.hint')}>
      <input
        type="checkbox"
        checked={on === true}
        disabled={on === null}
        onChange={(e) => {
          const next = e.target.checked;
          void api()
            .setShareSafe({ on: next })
            .then((answer) => setOn(answer.on));
        }}
        data-testid="clean-share-safe"
      />
      <Icon name={on === true ? 'check' : 'info'} size={12} />
      {t('clean.shareSafe')}
    </label>
  );
}

/** Saves the clean table as CSV through the browser's download (the desktop app asks where). */
function ExportButton({ table }: { readonly table: string }) {
  const { t, locale } = useT();
  const exportCsv = async () => {
    try {
      const { name, bytes } = await api().exportTable({ table });
      saveFile(name, bytes);
    } catch (error) {
      const failure = asApiCallError(error);
      useToastStore.getState().show({ tone: 'error', title: 'clean.export.failedTitle', message: () => failure.messageFor(locale) });
    }
  };
  return (
    <button type="button" className="btn" onClick={() => void exportCsv()} data-testid="clean-export">
      {t('clean.export')}
    </button>
  );
}

/** The clean table's name, edited in place and applied on Enter or when the field is left. */
function OutputName() {
  const { t } = useT();
  const spec = useCleanStore((s) => s.spec)!;
  const apply = useCleanStore((s) => s.apply);
  const [output, setOutput] = useState(spec.output);
  const commit = () => {
    const name = output.trim();
    if (name !== '' && name !== spec.output) void apply(renameOutput(spec, name));
    else setOutput(spec.output);
  };
  return (
    <input
      className="input clean-output"
      value={output}
      aria-label={t('clean.output')}
      title={t('clean.outputHint')}
      onChange={(e) => setOutput(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
      data-testid="clean-output"
    />
  );
}

/** The columns before a step: after the last enabled step above it that works, else the source's. */
export function columnsBefore(stepId: string | undefined): readonly StageColumn[] {
  const { state, spec, source } = useCleanStore.getState();
  const flow = state?.flow;
  if (flow === null || flow === undefined || spec === null) return [];
  const index = stepId === undefined ? spec.steps.length : spec.steps.findIndex((s) => s.id === stepId);
  for (let i = index - 1; i >= 0; i--) if (spec.steps[i]!.enabled && flow.steps[i]?.problems.length === 0) return flow.steps[i]!.schema;
  const schema = source === undefined ? undefined : useWorkbenchStore.getState().schemas[source];
  // calculated fields belong to the model, not to the imported rows a recipe reads
  return schema?.fields.filter((f) => f.expression === undefined).map((f) => ({ name: f.name, type: f.type, label: f.label })) ?? [];
}

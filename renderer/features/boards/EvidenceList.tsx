import { useEffect, useState } from 'react';
import type { Evidence, Segment } from '../../../shared/spec/board-spec';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { useToastStore } from '../toasts/toast-store';
import { addEvidence, removeEvidence } from './board-edits';
import { useFieldValues } from './board-hooks';
import { useBoardStore } from './board-store';
import { boardValueText, segmentText, shareText } from '../../../shared/board/board-text';
import { useBoardMetric, useFieldLabel } from './ProblemBar';
import { Sparkline } from './Sparkline';
import { asApiCallError } from '../../state/workbench-store';
import { useUiStore } from '../../state/ui-store';
import { resultRows } from '../../../shared/query/result-rows';
import { sheetQuery } from '../../../shared/chart/sheet-query';
import { sheetKinds } from '../../../shared/chart/sheet-kind';
import { fromChartSpec } from '../../../shared/chart/chart-spec-convert';
import { useSheetsStore } from '../sheets/sheets-store';

/** An attached image, read from the workbench once and shown from memory. */
function AttachedImage({ attachmentId, name }: { readonly attachmentId: number; readonly name: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    void api()
      .getBoardAttachment({ id: attachmentId })
      .then((file) => {
        if (!live) return;
        made = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mime }));
        setUrl(made);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (made !== null) URL.revokeObjectURL(made);
    };
  }, [attachmentId]);
  return url === null ? <div className="evidence-image is-loading" /> : <img className="evidence-image" src={url} alt={name} />;
}

/** Opens a saved chart in Analyze. */
async function openChart(id: number): Promise<void> {
  await useSheetsStore.getState().select(id);
  useUiStore.getState().setWorkspace('analyze');
}

function EvidenceCard({ evidence }: { readonly evidence: Evidence }) {
  const { t, locale, number } = useT();
  const spec = useBoardStore((s) => s.spec);
  const edit = useBoardStore((s) => s.edit);
  const metric = useBoardMetric(spec?.problem);
  const fieldLabel = useFieldLabel(spec?.problem.table);
  const unit = metric?.unit ?? 'count';
  let body;
  if (evidence.kind === 'segment') {
    const s = evidence.snapshot;
    body = (
      <>
        <div className="evidence-title">{evidence.segment.length === 0 ? t('board.problem.allRows') : segmentText(evidence.segment, fieldLabel, t('board.emptyValue'))}</div>
        <div className="evidence-figures num">
          <span>
            {boardValueText(locale, s.a, unit)} → {boardValueText(locale, s.b, unit)}
          </span>
          <span>n {number(s.nA)} / {number(s.nB)}</span>
          <span data-testid="evidence-share">{t('board.evidence.explains', { share: shareText(s.share, locale) })}</span>
          {s.pValue !== null && <span>{s.pValue < 0.001 ? 'p < 0.001' : `p = ${s.pValue.toFixed(3)}`}</span>}
        </div>
        <div className="evidence-foot">
          <Sparkline values={s.series.map((p) => p.value)} label={t('board.problem.trend')} />
          <span className="evidence-taken">{t('board.evidence.taken', { at: s.takenAt.slice(0, 16).replace('T', ' ') })}</span>
        </div>
      </>
    );
  } else if (evidence.kind === 'note') body = <p className="evidence-note">{evidence.text}</p>;
  else if (evidence.kind === 'image') body = <AttachedImage attachmentId={evidence.attachmentId} name={evidence.name} />;
  else
    body = (
      <>
        <div className="evidence-title">
          <button type="button" className="link-btn" onClick={() => void openChart(evidence.chartId)} title={t('board.evidence.openChart')}>
            {evidence.title}
          </button>
          <span className="evidence-taken">{t('board.evidence.taken', { at: evidence.takenAt.slice(0, 16).replace('T', ' ') })}</span>
        </div>
        <table className="evidence-table">
          <thead>
            <tr>
              {evidence.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {evidence.rows.slice(0, 6).map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                    {cell === null ? '—' : typeof cell === 'number' ? number(cell, Number.isInteger(cell) ? 0 : 2) : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  return (
    <li className={`evidence-card is-${evidence.kind}`} data-testid="evidence-card">
      <div className="evidence-body">{body}</div>
      <button type="button" className="icon-btn evidence-remove" aria-label={t('board.evidence.remove')} title={t('board.evidence.remove')} onClick={() => edit(removeEvidence(evidence.id))}>
        <Icon name="close" size={12} />
      </button>
    </li>
  );
}

/** Adds a segment of the scope as evidence: its numbers are computed now and frozen. */
function SegmentEvidenceForm({ nodeId, onDone, initial }: { readonly nodeId: string; readonly onDone: () => void; readonly initial: Segment | undefined }) {
  const { t, label } = useT();
  const spec = useBoardStore((s) => s.spec);
  const edit = useBoardStore((s) => s.edit);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const table = spec?.problem.table;
  const [field, setField] = useState(initial?.[0]?.field ?? '');
  const [value, setValue] = useState(initial?.[0]?.values[0] === undefined || initial[0].values[0] === null ? '' : String(initial[0].values[0]));
  const [busy, setBusy] = useState(false);
  const values = useFieldValues(table, field);
  const fields = (table === undefined ? [] : (schemas[table]?.fields ?? [])).filter((f) => f.type === 'text' && f.distinctCount >= 2 && f.distinctCount <= 500);
  if (spec === null) return null;
  const add = () => {
    if (field === '' || value === '') return;
    const segment: Segment = [{ field, values: [value] }];
    setBusy(true);
    api()
      .snapshotSegment({ problem: spec.problem, segment })
      .then((snapshot) => {
        edit(addEvidence(nodeId, { kind: 'segment', segment, snapshot }));
        onDone();
      })
      .catch((error: unknown) => {
        const failure = asApiCallError(error);
        useToastStore.getState().show({ tone: 'error', title: 'board.failed', message: (locale) => failure.messageFor(locale) });
      })
      .finally(() => setBusy(false));
  };
  return (
    <div className="evidence-form">
      <select className="input" value={field} onChange={(e) => { setField(e.target.value); setValue(''); }} aria-label={t('board.new.scopeField')} data-testid="evidence-field">
        <option value="">{t('board.evidence.pickField')}</option>
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {label(f.label)}
          </option>
        ))}
      </select>
      <select className="input" value={value} onChange={(e) => setValue(e.target.value)} disabled={field === ''} aria-label={t('board.new.scopeValue')} data-testid="evidence-value">
        <option value="">—</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-primary" disabled={busy || field === '' || value === ''} onClick={add} data-testid="evidence-add-segment">
        {t('board.evidence.freeze')}
      </button>
    </div>
  );
}

/** Attaches a saved chart (a sheet of Analyze): its result now, up to 200 rows, frozen with its name. */
function ChartEvidenceForm({ nodeId, onDone }: { readonly nodeId: string; readonly onDone: () => void }) {
  const { t, label } = useT();
  const tabs = useSheetsStore((s) => s.tabs);
  const edit = useBoardStore((s) => s.edit);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const metrics = useWorkbenchStore((s) => s.metrics);
  const [busy, setBusy] = useState(false);
  const usable = tabs.filter((tab) => tab.table !== null);
  const attach = (id: number) => {
    setBusy(true);
    void (async () => {
      const chart = await api().getChart({ id });
      const table = chart.spec.table;
      const schema = table === null ? undefined : schemas[table];
      const sheet = fromChartSpec(chart.spec, schema, table === null ? [] : (metrics[table] ?? [])).sheet;
      const planned = sheetQuery(sheet, schema?.fields.find((f) => f.kind === 'temporal')?.name, sheetKinds(sheet, schema).kind);
      if (planned.kind === 'empty') throw new Error(t('board.evidence.chartEmpty', { name: chart.name }));
      const result = await api().query({ spec: planned.plan.spec });
      const rows = resultRows(result).slice(0, 200);
      const columns = result.columns.filter((c) => c.detail === undefined);
      edit(
        addEvidence(nodeId, {
          kind: 'chart',
          chartId: id,
          title: chart.name,
          columns: columns.map((c) => label(c.label)),
          rows: rows.map((row) => columns.map((c) => row[c.name] ?? null)),
          takenAt: new Date().toISOString(),
        }),
      );
      onDone();
    })()
      .catch((error: unknown) => {
        const failure = asApiCallError(error);
        useToastStore.getState().show({ tone: 'error', title: 'board.failed', message: (locale) => failure.messageFor(locale) });
      })
      .finally(() => setBusy(false));
  };
  if (usable.length === 0) return <p className="board-panel-empty">{t('dashboard.noSheets')}</p>;
  return (
    <div className="evidence-form" aria-busy={busy}>
      <select className="input" value="" disabled={busy} onChange={(e) => e.target.value !== '' && attach(Number(e.target.value))} aria-label={t('board.evidence.pickChart')} data-testid="evidence-chart">
        <option value="">{t('board.evidence.pickChart')}</option>
        {usable.map((tab) => (
          <option key={tab.id} value={tab.id}>
            {tab.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The evidence of a cause or a 5-Why step, and the ways to add more (data, note, image). */
export function EvidenceList({ nodeId, evidence, origin }: { readonly nodeId: string; readonly evidence: readonly Evidence[]; readonly origin?: Segment | undefined }) {
  const { t } = useT();
  const open = useBoardStore((s) => s.open);
  const edit = useBoardStore((s) => s.edit);
  const [mode, setMode] = useState<'none' | 'data' | 'chart' | 'note'>('none');
  const [note, setNote] = useState('');
  const addImage = (file: File) => {
    if (open === null) return;
    void file
      .arrayBuffer()
      .then((buffer) => api().addBoardAttachment({ boardId: open.id, name: file.name, bytes: new Uint8Array(buffer) }))
      .then((attachment) => edit(addEvidence(nodeId, { kind: 'image', attachmentId: attachment.id, name: attachment.name })))
      .catch((error: unknown) => {
        const failure = asApiCallError(error);
        useToastStore.getState().show({ tone: 'error', title: 'board.failed', message: (locale) => failure.messageFor(locale) });
      });
  };
  return (
    <div className="evidence">
      <h3 className="board-subtitle">{t('board.evidence.title', { n: evidence.length })}</h3>
      {evidence.length === 0 ? <p className="board-panel-empty">{t('board.evidence.empty')}</p> : (
        <ul className="evidence-list">
          {evidence.map((e) => (
            <EvidenceCard key={e.id} evidence={e} />
          ))}
        </ul>
      )}
      {mode === 'data' && <SegmentEvidenceForm nodeId={nodeId} initial={origin} onDone={() => setMode('none')} />}
      {mode === 'chart' && <ChartEvidenceForm nodeId={nodeId} onDone={() => setMode('none')} />}
      {mode === 'note' && (
        <div className="evidence-form">
          <textarea className="input evidence-note-input" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('board.evidence.notePlaceholder')} autoFocus data-testid="evidence-note-input" />
          <button
            type="button"
            className="btn btn-primary"
            disabled={note.trim() === ''}
            onClick={() => {
              edit(addEvidence(nodeId, { kind: 'note', text: note.trim() }));
              setNote('');
              setMode('none');
            }}
            data-testid="evidence-note-save"
          >
            {t('board.evidence.saveNote')}
          </button>
        </div>
      )}
      <div className="evidence-add">
        <button type="button" className="btn btn-quiet" onClick={() => setMode(mode === 'data' ? 'none' : 'data')} data-testid="evidence-add-data">
          <Icon name="bar" size={14} />
          {t('board.evidence.addData')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => setMode(mode === 'chart' ? 'none' : 'chart')} data-testid="evidence-add-chart">
          <Icon name="analyze" size={14} />
          {t('board.evidence.addChart')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => setMode(mode === 'note' ? 'none' : 'note')} data-testid="evidence-add-note">
          <Icon name="text" size={14} />
          {t('board.evidence.addNote')}
        </button>
        <label className="btn btn-quiet">
          <Icon name="upload" size={14} />
          {t('board.evidence.addImage')}
          <input
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file !== undefined) addImage(file);
              e.target.value = '';
            }}
            data-testid="evidence-image-input"
          />
        </label>
      </div>
    </div>
  );
}

import { useRef, useState } from 'react';
import { format, type Locale } from '../../../shared/i18n/messages';
import type { SavedReport } from '../../../shared/spec/report-spec';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { asApiCallError } from '../../state/workbench-store';
import { useEngineValue } from '../boards/board-hooks';
import { useToastStore } from '../toasts/toast-store';
import { addBlock, type NewReportBlock } from './report-edits';

/** The report's blocks with `blocks` appended (each with the next free id). */
export function appendBlocks(report: SavedReport, blocks: readonly NewReportBlock[]): SavedReport['spec'] {
  return blocks.reduce((spec, block) => addBlock(block, spec.blocks.length).apply(spec), report.spec);
}

/** Appends blocks to a report (a new blank one for `target` 'new') and says so in a toast. */
export async function addToReport(target: number | 'new', blocks: readonly NewReportBlock[], locale: Locale): Promise<void> {
  try {
    const report = target === 'new' ? await api().createReportFromTemplate({ template: 'blank', locale }) : await api().getReport({ id: target });
    const saved = await api().saveReport({ id: report.id, name: report.name, spec: appendBlocks(report, blocks) });
    useToastStore.getState().show({ tone: 'success', title: 'reports.addTo.doneTitle', message: (l) => format(l, 'reports.addTo.done', { name: saved.name }) });
  } catch (error) {
    const failure = asApiCallError(error);
    useToastStore.getState().show({ tone: 'error', title: 'reports.addTo.failed', message: (l) => failure.messageFor(l) });
  }
}

/**
 * "Add to report" for what another workspace shows (a saved chart, a dashboard, a board): a menu of
 * the reports and "New report"; the blocks go at the end of the chosen one, over all the data.
 */
export function AddToReportButton(props: { readonly blocks: () => readonly NewReportBlock[] | null; readonly className?: string; readonly testId: string }) {
  const { t, locale } = useT();
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(0);
  const reports = useEngineValue(open ? `reports-${opened}` : null, () => api().listReports({}));
  const pick = (target: number | 'new') => {
    setOpen(false);
    const blocks = props.blocks();
    if (blocks !== null) void addToReport(target, blocks, locale);
  };
  return (
    <>
      <button
        ref={anchor}
        type="button"
        className={props.className ?? 'btn'}
        onClick={() => {
          setOpened((n) => n + 1);
          setOpen(true);
        }}
        aria-haspopup="menu"
        data-testid={props.testId}
      >
        <Icon name="report" />
        {t('reports.addTo')}
      </button>
      {open && (
        <Popover anchor={anchor} label={t('reports.addTo')} onClose={() => setOpen(false)} role="menu" testId="add-to-report-menu">
          <div className="menu-title">{t('reports.addTo')}</div>
          {reports.state === 'done' &&
            reports.value.map((r) => (
              <button key={r.id} type="button" role="menuitem" className="menu-item" onClick={() => pick(r.id)}>
                <Icon name="report" size={14} />
                <span className="dash-sheet-name">{r.name}</span>
              </button>
            ))}
          {reports.state === 'done' && reports.value.length > 0 && <div className="menu-separator" />}
          <button type="button" role="menuitem" className="menu-item" onClick={() => pick('new')} data-testid="add-to-report-new">
            <Icon name="plus" size={14} />
            {t('reports.addTo.new')}
          </button>
        </Popover>
      )}
    </>
  );
}

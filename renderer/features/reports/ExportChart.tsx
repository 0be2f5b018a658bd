import { useRef, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n/messages';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { saveFile } from '../../ui/save-file';
import { asApiCallError } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';

type ChartFormat = 'csv' | 'png' | 'svg';

const FORMATS: readonly { readonly format: ChartFormat; readonly label: MessageKey; readonly mime: string }[] = [
  { format: 'csv', label: 'chart.export.csv', mime: 'text/csv;charset=utf-8' },
  { format: 'png', label: 'chart.export.png', mime: 'image/png' },
  { format: 'svg', label: 'chart.export.svg', mime: 'image/svg+xml;charset=utf-8' },
];

/**
 * Exports the open sheet's saved chart as its data (CSV) or a picture (PNG at twice its size, SVG
 * with its fonts inside), drawn by the engine as the report exports draw it.
 */
export function ExportChartButton({ chartId }: { readonly chartId: number | null }) {
  const { t, locale } = useT();
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (format: ChartFormat, mime: string) => {
    setOpen(false);
    if (chartId === null) return;
    setBusy(true);
    try {
      const { name, bytes } = await api().exportChart({ chart: { chartId }, format, locale });
      saveFile(name, bytes, mime);
    } catch (error) {
      const failure = asApiCallError(error);
      useToastStore.getState().show({ tone: 'error', title: 'chart.export.failed', message: (l) => failure.messageFor(l) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button ref={anchor} type="button" className="btn btn-ghost sheet-export" disabled={chartId === null || busy} onClick={() => setOpen(true)} aria-haspopup="menu" data-testid="sheet-export">
        <Icon name="export" />
        {busy ? t('chart.export.busy') : t('chart.export')}
      </button>
      {open && (
        <Popover anchor={anchor} label={t('chart.export')} onClose={() => setOpen(false)} role="menu" testId="sheet-export-menu">
          {FORMATS.map((f) => (
            <button key={f.format} type="button" role="menuitem" className="menu-item" onClick={() => void run(f.format, f.mime)} data-testid={`sheet-export-${f.format}`}>
              {t(f.label)}
            </button>
          ))}
        </Popover>
      )}
    </>
  );
}

import type { KeyboardEvent } from 'react';
import { useT } from '../../i18n/locale-context';

/** What the Data preview shows of the selected table: its rows, its quality profile, or what its imports rejected. */
export type DataView = 'rows' | 'quality' | 'rejects';

const ALL_VIEWS: readonly DataView[] = ['rows', 'quality', 'rejects'];

export function dataViewTabId(view: DataView): string {
  return `data-view-${view}`;
}

/** Marks the scroll area under the tabs as the panel of the selected tab, when there are tabs. */
export function tabPanelProps(tabId: string | undefined): { role?: 'tabpanel'; 'aria-labelledby'?: string } {
  return tabId === undefined ? {} : { role: 'tabpanel', 'aria-labelledby': tabId };
}

/** "Rows / Quality / Rejected (N)": the rejects only for a table whose imports rejected something. */
export function DataViewTabs(props: { readonly view: DataView; readonly rejectCount: number; readonly onChange: (view: DataView) => void }) {
  const { t, number } = useT();
  const VIEWS = ALL_VIEWS.filter((v) => v !== 'rejects' || props.rejectCount > 0);
  const KEY_STEPS: Readonly<Record<string, number>> = { ArrowLeft: -1, ArrowRight: 1, Home: -VIEWS.length, End: VIEWS.length };

  // arrow keys move between tabs, as in the WAI-ARIA tabs pattern
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = KEY_STEPS[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const index = Math.min(VIEWS.length - 1, Math.max(0, VIEWS.indexOf(props.view) + step));
    const next = VIEWS[index]!;
    props.onChange(next);
    document.getElementById(dataViewTabId(next))?.focus();
  };

  return (
    <div className="view-tabs" role="tablist" aria-label={t('data.view')} onKeyDown={onKeyDown}>
      {VIEWS.map((view) => {
        const selected = props.view === view;
        return (
          <button
            key={view}
            id={dataViewTabId(view)}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className="view-tab"
            onClick={() => props.onChange(view)}
            data-testid={`${view}-tab`}
          >
            {view === 'rows' ? (
              t('data.view.rows')
            ) : view === 'quality' ? (
              t('data.view.quality')
            ) : (
              <>
                {t('data.view.rejects')} <span className="count-badge num">{number(props.rejectCount, 0)}</span>
              </>
            )}
          </button>
        );
      })}
    </div>
  );
}

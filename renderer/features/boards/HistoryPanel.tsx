import { useEffect, useState } from 'react';
import { isMessageKey } from '../../../shared/i18n/messages';
import type { BoardRevision } from '../../../shared/spec/board-spec';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { useBoardStore } from './board-store';

/** The board's saved revisions, newest first, each restorable (restoring saves it as the newest). */
export function HistoryPanel() {
  const { t } = useT();
  const open = useBoardStore((s) => s.open);
  const restore = useBoardStore((s) => s.restore);
  const [revisions, setRevisions] = useState<readonly BoardRevision[] | null>(null);
  const id = open?.id;
  const revision = open?.revision;
  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    void api()
      .listBoardRevisions({ id })
      .then((list) => {
        if (live) setRevisions(list);
      })
      .catch(() => {
        if (live) setRevisions([]);
      });
    return () => {
      live = false;
    };
  }, [id, revision]);
  if (revisions === null) return <div className="board-panel is-loading" aria-busy="true" />;
  const summary = (text: string) =>
    text
      .split(',')
      .map((key) => (isMessageKey(key) ? t(key) : key))
      .join(' · ');
  return (
    <section className="board-panel history-panel" data-testid="history-panel">
      <h2 className="section-title">{t('board.history.title')}</h2>
      <ol className="history-list">
        {revisions.map((r) => (
          <li key={r.revision} className="history-item" data-testid="history-item">
            <span className="history-revision num">#{r.revision}</span>
            <span className="history-summary">{summary(r.summary)}</span>
            <span className="history-time num">{r.savedAt.slice(0, 19).replace('T', ' ')}</span>
            {r.revision !== revision && (
              <button type="button" className="link-btn" onClick={() => void restore(r)} data-testid="history-restore">
                {t('board.history.restore')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

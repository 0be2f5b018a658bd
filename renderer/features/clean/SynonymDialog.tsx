import { useEffect, useState } from 'react';
import { lookupRoles, type RoleSynonyms, type SynonymDictionaryView } from '../../../shared/cleaning/synonym-dictionary';
import { normalizeFieldName, type FieldRole } from '../../../shared/model/field-roles';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { ModalDialog } from '../../ui/ModalDialog';
import './mapping.css';

type Change = { readonly change: 'add' | 'remove'; readonly role: FieldRole; readonly synonym: string };

/** What the last change did, with its inverse for the undo link, or what went wrong. */
type Status = { readonly kind: 'done'; readonly done: Change; readonly label: string } | { readonly kind: 'failed'; readonly message: string };

/** The synonym dictionary of the service roles, which maps the columns of new files: a button and its dialog. */
export function SynonymButton() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} title={t('clean.synonyms.hint')} data-testid="clean-synonyms">
        {t('clean.synonyms.button')}
      </button>
      <ModalDialog open={open} className="import-dialog clean-synonym-dialog" labelledBy="synonym-title" testId="synonym-dialog" onDismiss={() => setOpen(false)}>
        {open && <SynonymBody onClose={() => setOpen(false)} />}
      </ModalDialog>
    </>
  );
}

const contains = (text: string, query: string): boolean => text.toLowerCase().includes(query.toLowerCase());

function SynonymBody({ onClose }: { readonly onClose: () => void }) {
  const { t, label, locale } = useT();
  const [view, setView] = useState<SynonymDictionaryView | null>(null);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [testName, setTestName] = useState('');
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api()
      .getSynonymDictionary({})
      .then((found) => {
        if (!cancelled) setView(found);
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadFailure(asApiCallError(error).messageFor(locale));
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once per opening
  }, []);

  const roleLabel = (role: FieldRole): string => {
    const found = view?.roles.find((r) => r.role === role);
    return found === undefined ? role : label(found.label);
  };
  const apply = async (change: Change): Promise<boolean> => {
    try {
      setView(await api().saveSynonymDictionary(change));
      setStatus({ kind: 'done', done: change, label: roleLabel(change.role) });
      return true;
    } catch (error) {
      setStatus({ kind: 'failed', message: asApiCallError(error).messageFor(locale) });
      return false;
    }
  };
  const undo = (done: Change): void => {
    void apply({ ...done, change: done.change === 'add' ? 'remove' : 'add' }).then((ok) => {
      if (ok) setStatus(null);
    });
  };

  const matches = view === null || testName.trim() === '' ? [] : lookupRoles(view.dictionary, testName);
  const hits = new Map(matches.map((m) => [m.role, m.synonym]));
  const needle = query.trim();
  const normalizedNeedle = normalizeFieldName(needle);
  const synonymHit = (synonym: string): boolean => normalizedNeedle !== '' && synonym.includes(normalizedNeedle);
  const roleShown = (r: RoleSynonyms): boolean =>
    needle === '' || contains(r.label.en, needle) || contains(r.label['zh-CN'], needle) || contains(r.role, needle) || r.synonyms.some((s) => synonymHit(s.synonym));
  const roles = view?.roles.filter(roleShown) ?? [];

  return (
    <div className="import-dialog-frame">
      <header className="import-dialog-header">
        <div>
          <h2 className="import-dialog-title" id="synonym-title">
            {t('clean.synonyms.title')}
          </h2>
          <p className="import-dialog-subtitle">{t('clean.synonyms.subtitle')}</p>
          <p className="clean-synonym-legend" aria-hidden="true">
            <span className="clean-synonym-chip is-built-in">{t('clean.synonyms.builtIn')}</span>
            <span className="clean-synonym-chip is-own">{t('clean.synonyms.own')}</span>
          </p>
        </div>
        <button type="button" className="icon-btn" aria-label={t('model.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="import-dialog-body clean-synonym-body">
        {loadFailure !== null ? (
          <p className="model-calc-problem" role="alert">
            {loadFailure}
          </p>
        ) : view === null ? (
          <div className="clean-loading" aria-busy="true" />
        ) : (
          <>
            <div className="clean-synonym-tools">
              <label>
                {t('clean.synonyms.search')}
                <input className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="synonym-search" />
              </label>
              <div>
                <label>
                  {t('clean.synonyms.test')}
                  <input className="input" value={testName} placeholder={t('clean.synonyms.testPlaceholder')} onChange={(e) => setTestName(e.target.value)} data-testid="synonym-test" />
                </label>
                <div aria-live="polite" data-testid="synonym-test-result">
                  {testName.trim() === '' ? (
                    <p className="clean-synonym-test-note">{t('clean.synonyms.testEmpty')}</p>
                  ) : matches.length === 0 ? (
                    <p className="clean-synonym-test-note">{t('clean.synonyms.testNone', { name: testName.trim() })}</p>
                  ) : (
                    <ul className="clean-synonym-test">
                      {matches.map((m) => (
                        <li key={m.role} data-testid="synonym-test-match" data-role={m.role}>
                          <span className="clean-synonym-role-name">{roleLabel(m.role)}</span>
                          <span className="num">{t('clean.synonyms.testMatch', { confidence: Math.round(m.score * 100), synonym: m.synonym })}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
            </div>
            {roles.length === 0 ? (
              <p className="clean-synonym-empty" data-testid="synonym-no-match">
                {t('clean.synonyms.noMatch', { query: needle })}
              </p>
            ) : (
              <ul className="clean-synonym-roles" aria-label={t('clean.synonyms.title')}>
                {roles.map((r) => (
                  <RoleRow key={r.role} role={r} hit={hits.get(r.role)} highlight={synonymHit} onChange={apply} />
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <footer className="import-dialog-footer">
        <p className="clean-synonym-status" role="status" data-testid="synonym-status">
          {status?.kind === 'done' && (
            <>
              {t(status.done.change === 'add' ? 'clean.synonyms.addedStatus' : 'clean.synonyms.removedStatus', { synonym: status.done.synonym, role: status.label })}
              <button type="button" className="link-btn" onClick={() => undo(status.done)} data-testid="synonym-undo">
                {t('clean.synonyms.undo')}
              </button>
            </>
          )}
          {status?.kind === 'failed' && (
            <span className="model-calc-problem" role="alert">
              {status.message}
            </span>
          )}
        </p>
        <button type="button" className="btn" onClick={onClose} data-testid="synonym-close">
          {t('model.close')}
        </button>
      </footer>
    </div>
  );
}

/** One role: its name, its synonyms as chips (× removes), the built-in ones it lost (to put back), and an input to add one. */
function RoleRow({
  role,
  hit,
  highlight,
  onChange,
}: {
  readonly role: RoleSynonyms;
  /** The synonym the tested name matched in this role, if it did. */
  readonly hit: string | undefined;
  readonly highlight: (synonym: string) => boolean;
  readonly onChange: (change: Change) => Promise<boolean>;
}) {
  const { t, label } = useT();
  const [draft, setDraft] = useState('');
  const name = label(role.label);
  const add = async (): Promise<void> => {
    if (draft.trim() === '') return;
    if (await onChange({ change: 'add', role: role.role, synonym: draft })) setDraft('');
  };
  return (
    <li className={`clean-synonym-role${hit !== undefined ? ' is-hit' : ''}`} data-testid={`synonym-role-${role.role}`}>
      <div>
        <span className="clean-synonym-role-name">{name}</span>
        <span className="clean-synonym-role-key">{role.role}</span>
      </div>
      <div className="clean-synonym-chips">
        {role.synonyms.length === 0 && <span className="clean-synonym-none">{t('clean.synonyms.none')}</span>}
        {role.synonyms.map((s) => (
          <span
            key={s.synonym}
            className={`clean-synonym-chip ${s.builtIn ? 'is-built-in' : 'is-own'}${s.synonym === hit || highlight(s.synonym) ? ' is-match' : ''}`}
            title={s.builtIn ? t('clean.synonyms.builtInTitle') : t('clean.synonyms.ownTitle')}
            data-testid="synonym-chip"
            data-synonym={s.synonym}
            data-built-in={s.builtIn}
          >
            {s.synonym}
            <span className="visually-hidden"> ({s.builtIn ? t('clean.synonyms.builtIn') : t('clean.synonyms.own')})</span>
            <button type="button" aria-label={t('clean.synonyms.remove', { synonym: s.synonym, role: name })} onClick={() => void onChange({ change: 'remove', role: role.role, synonym: s.synonym })}>
              <Icon name="close" size={10} />
            </button>
          </span>
        ))}
        {role.removed.length > 0 && <span className="clean-synonym-removed-label">{t('clean.synonyms.removed')}</span>}
        {role.removed.map((synonym) => (
          <span key={synonym} className="clean-synonym-chip is-removed" data-testid="synonym-removed" data-synonym={synonym}>
            {synonym}
            <button type="button" aria-label={t('clean.synonyms.restore', { synonym })} title={t('clean.synonyms.restore', { synonym })} onClick={() => void onChange({ change: 'add', role: role.role, synonym })}>
              <Icon name="undo" size={11} />
            </button>
          </span>
        ))}
        <input
          className="input clean-synonym-add"
          value={draft}
          placeholder={t('clean.synonyms.addPlaceholder')}
          aria-label={t('clean.synonyms.add', { role: name })}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
          data-testid={`synonym-add-${role.role}`}
        />
      </div>
    </li>
  );
}

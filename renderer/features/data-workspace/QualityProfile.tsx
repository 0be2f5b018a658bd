import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { CellValue, TableSchema } from '../../../shared/api/types';
import { toCsv } from '../../../shared/format/csv';
import { profileToRows } from '../../../shared/format/profile-rows';
import type { Locale } from '../../../shared/i18n/messages';
import type { ColumnQualityProfile, TableProfile } from '../../../shared/spec/table-profile';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { saveFile } from '../../ui/save-file';
import { tabPanelProps } from './DataViewTabs';
import { PreviewHeader } from './PreviewHeader';

type Loaded = { readonly key: string; readonly profile: TableProfile } | { readonly key: string; readonly error: (locale: Locale) => string };

const BOM = '\uFEFF';
const scoreTone = (score: number): string => (score >= 95 ? 'is-good' : score >= 80 ? 'is-fair' : 'is-poor');
const cell = (value: CellValue): string => (value === null ? '' : String(value));

/** Saves the profile as CSV (column, measure, value) in the user's language. */
function exportProfile(profile: TableProfile, locale: Locale): void {
  const rows = profileToRows(profile, locale);
  const header = locale === 'zh-CN' ? ['列', '指标', '值'] : ['column', 'measure', 'value'];
  saveFile(`${profile.table}-${locale === 'zh-CN' ? '数据质量' : 'quality'}.csv`, BOM + toCsv(header, rows.map((r) => [r.column, r.measure, r.value])));
}

/**
 * The table's data-quality profile: a score, and per column its empty and distinct values, the
 * shapes its values take, its range and outliers, what the import rejected and the rows that
 * break its role's rules. Worked out as a job, so a million rows never hold up the window.
 */
export function QualityProfile(props: { readonly schema: TableSchema; readonly tabs?: ReactNode; readonly tabId?: string }) {
  const { schema } = props;
  const { t, number, locale } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const key = `${schema.table}@${revision}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let cancelled = false;
    api()
      .profileTable({ table: schema.table })
      .then((profile) => !cancelled && setLoaded({ key, profile }))
      .catch((error: unknown) => {
        if (cancelled) return;
        const failure = asApiCallError(error);
        setLoaded({ key, error: (l) => failure.messageFor(l) });
      });
    return () => {
      cancelled = true;
    };
  }, [schema.table, key]);
  const current = loaded?.key === key ? loaded : null;
  const profile = current !== null && 'profile' in current ? current.profile : null;
  const aside =
    profile === null ? null : (
      <div className="quality-summary">
        <span className={`quality-score ${scoreTone(profile.score)}`} data-testid="quality-score">
          {number(profile.score, 1)}
        </span>
        <span className="quality-score-label">{t('quality.score')}</span>
        <button type="button" className="btn btn-quiet" onClick={() => exportProfile(profile, locale)} data-testid="quality-export">
          <Icon name="import" size={14} />
          {t('quality.export')}
        </button>
      </div>
    );
  return (
    <section className="preview" aria-label={t('data.view.quality')}>
      <PreviewHeader schema={schema} tabs={props.tabs} aside={aside} />
      <div className="preview-scroll quality-scroll" {...tabPanelProps(props.tabId)}>
        {current === null ? (
          <div className="quality-loading" role="status" data-testid="quality-loading">
            <div className="progress is-indeterminate">
              <div className="progress-fill" />
            </div>
            <span>{t('quality.working', { rows: number(schema.rowCount, 0) })}</span>
          </div>
        ) : 'error' in current ? (
          <p className="model-calc-problem" role="alert">
            {current.error(locale)}
          </p>
        ) : (
          <>
            <p className="quality-note">{t('quality.note', { rows: number(current.profile.rows, 0), rejected: number(current.profile.rejectedRows, 0) })}</p>
            <table className="quality-table" data-testid="quality-table">
              <thead>
                <tr>
                  <th scope="col">{t('quality.column')}</th>
                  <th scope="col">{t('quality.score')}</th>
                  <th scope="col">{t('profile.measure.nulls')}</th>
                  <th scope="col">{t('profile.measure.distinct')}</th>
                  <th scope="col">{t('quality.patterns')}</th>
                  <th scope="col">{t('quality.range')}</th>
                  <th scope="col">{t('quality.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {current.profile.columns.map((c) => (
                  <ColumnRow key={c.name} column={c} />
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}

function ColumnRow({ column: c }: { readonly column: ColumnQualityProfile }) {
  const { t, number, label } = useT();
  const share = (n: number): string => (c.rows === 0 ? '' : ` (${number((100 * n) / c.rows, 1)}%)`);
  const problems: string[] = [
    ...c.violations.map((v) => `${t(v.message, v.params)}: ${number(v.count, 0)}`),
    ...(c.rejects.count > 0 ? [t('quality.rejected', { count: number(c.rejects.count, 0) })] : []),
    ...(c.numbers !== null && c.numbers.outliers > 0 ? [t('quality.outliers', { count: number(c.numbers.outliers, 0), examples: c.numbers.outlierExamples.map((v) => number(v)).join(', ') })] : []),
  ];
  const range = c.numbers !== null ? [c.numbers.min, c.numbers.max] : c.dates !== null ? [c.dates.min, c.dates.max] : null;
  return (
    <tr data-testid={`quality-row-${c.name}`}>
      <th scope="row">
        <span className="quality-name">{c.name}</span>
        {label(c.label) !== c.name && <span className="quality-label">{label(c.label)}</span>}
        <span className="quality-type">
          {t(`type.${c.type}`)}
          {c.role !== null && ` · ${t(`role.${c.role}`)}`}
        </span>
      </th>
      <td>
        <span className={`quality-bar ${scoreTone(c.score)}`} style={{ '--score': `${c.score}%` } as CSSProperties}>
          <span className="num">{number(c.score, 1)}</span>
        </span>
      </td>
      <td className="num">
        {number(c.nulls, 0)}
        <span className="quality-share">{share(c.nulls)}</span>
      </td>
      <td className="num">{number(c.distinct, 0)}</td>
      <td>
        <ul className="quality-patterns">
          {c.patterns.slice(0, 3).map((p) => (
            <li key={p.pattern}>
              <code>{p.pattern}</code> <span className="quality-share">{number(p.share * 100, 1)}%</span>
            </li>
          ))}
        </ul>
      </td>
      <td className="num">{range === null ? '' : `${cell(range[0] ?? null)} – ${cell(range[1] ?? null)}`}</td>
      <td>
        {problems.length === 0 ? (
          <span className="quality-ok">{t('quality.none')}</span>
        ) : (
          <ul className="quality-problems" data-testid={`quality-problems-${c.name}`}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

import { format, type Locale } from '../i18n/messages';
import { isRecordCount, type Pill } from './sheet-state';

/** "Average of CSAT" / "平均值 满意度"; Number of records names itself. */
export function measureTitle(locale: Locale, pill: Pill): string {
  if (isRecordCount(pill) || pill.aggregate === undefined) return pill.label[locale];
  return format(locale, 'chart.axis.measure', { aggregate: format(locale, `agg.${pill.aggregate}`), field: pill.label[locale] });
}

/** The same measure inside a sentence: "Average of CSAT" / "满意度平均值". */
export function measurePhrase(locale: Locale, pill: Pill): string {
  if (isRecordCount(pill) || pill.aggregate === undefined) return pill.label[locale];
  return format(locale, 'summary.measure', { aggregate: format(locale, `agg.${pill.aggregate}`), field: pill.label[locale] });
}

/** "Created at (Month)" for a bucketed date, the label otherwise. */
export function dimensionTitle(locale: Locale, pill: Pill): string {
  if (pill.timeUnit === undefined) return pill.label[locale];
  return format(locale, 'chart.axis.timeUnit', { field: pill.label[locale], unit: format(locale, `time.${pill.timeUnit}`) });
}

/** Chart words the message catalogue does not hold, in both languages. */
export interface ChartWords {
  readonly share: string;
  /** The axis of a 100 % stacked bar: "Share of Number of records" / "记录数占比". */
  readonly shareOf: (measure: string) => string;
  readonly cumulativeShare: string;
  readonly total: string;
  readonly mean: string;
  readonly upperControlLimit: string;
  readonly lowerControlLimit: string;
  readonly beyondControlLimits: string;
  /** The marks beside a control chart's lines; Chinese SPC texts use the same symbols. */
  readonly meanMark: string;
  readonly upperLimitMark: string;
  readonly lowerLimitMark: string;
  /** A metric's sample size and 95 % interval under its value in a hover. */
  readonly sample: (n: string, low: string, high: string) => string;
  readonly fewCases: string;
  /** A box plot's five numbers. */
  readonly min: string;
  readonly q1: string;
  readonly median: string;
  readonly q3: string;
  readonly max: string;
}

const TEXT: Readonly<Record<Locale, ChartWords>> = {
  en: {
    sample: (n, low, high) => `n = ${n} · 95 % interval ${low} – ${high}`,
    fewCases: 'few cases, read with care',
    min: 'Minimum',
    q1: 'Lower quartile (Q1)',
    median: 'Median',
    q3: 'Upper quartile (Q3)',
    max: 'Maximum',
    share: 'Share',
    shareOf: (measure) => `Share of ${measure}`,
    cumulativeShare: 'Cumulative share',
    total: 'Total',
    mean: 'Mean',
    upperControlLimit: 'Upper control limit (mean + 3σ)',
    lowerControlLimit: 'Lower control limit (mean − 3σ)',
    beyondControlLimits: 'Beyond the control limits',
    meanMark: 'x̄',
    upperLimitMark: 'UCL',
    lowerLimitMark: 'LCL',
  },
  'zh-CN': {
    sample: (n, low, high) => `样本量 ${n} · 95% 区间 ${low} – ${high}`,
    fewCases: '样本较少，请谨慎解读',
    min: '最小值',
    q1: '下四分位数（Q1）',
    median: '中位数',
    q3: '上四分位数（Q3）',
    max: '最大值',
    share: '占比',
    shareOf: (measure) => `${measure}占比`,
    cumulativeShare: '累计占比',
    total: '合计',
    mean: '均值',
    upperControlLimit: '上控制限（均值 + 3σ）',
    lowerControlLimit: '下控制限（均值 − 3σ）',
    beyondControlLimits: '超出控制限',
    meanMark: 'x̄',
    upperLimitMark: 'UCL',
    lowerLimitMark: 'LCL',
  },
};

export function chartWords(locale: Locale): ChartWords {
  return TEXT[locale];
}

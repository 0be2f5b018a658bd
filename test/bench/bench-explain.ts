// The change explainer's figures of `npm run bench`: on the window's demo workbench (a million
// tickets), each planted finding of docs/demo-data.md explained for its metric and periods over the
// default eight dimensions, timed, with the rank its cause gets, against the root-cause issue's
// target (≤ 3 s, the cause in the top 3).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../electron/engine/engine';
import type { ExplainMetricResult } from '../../shared/spec/explain-spec';

export interface ExplainFigure {
  readonly name: string;
  readonly ms: number;
  readonly target: number;
  readonly note: string;
}

const TARGET_MS = 3_000;

interface Finding {
  readonly id: string;
  readonly what: string;
  readonly metric: string;
  readonly before: { readonly from: string; readonly to: string };
  readonly after: { readonly from: string; readonly to: string };
  /** The segments that are the planted cause: any of them counts. */
  readonly causes: readonly { readonly dimension: string; readonly value: string }[];
}

const month = (m: string): { from: string; to: string } => {
  const [year, number] = m.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${m}-01`, to: `${m}-${String(last).padStart(2, '0')}` };
};

const FINDINGS: readonly Finding[] = [
  { id: 'A', what: 'product launch', metric: 'ticket_volume', before: month('2024-05'), after: month('2024-06'), causes: [{ dimension: 'category', value: '功能使用障碍' }, { dimension: 'product', value: '智能门锁 X2' }] },
  { id: 'B', what: 'staffing change', metric: 'frt_mean', before: month('2024-07'), after: month('2024-09'), causes: [{ dimension: 'team', value: '华东二组' }] },
  { id: 'C', what: 'IVR change', metric: 'transfer_rate', before: month('2024-08'), after: month('2024-09'), causes: [{ dimension: 'channel', value: '电话' }] },
  { id: 'D', what: 'regional CSAT drop', metric: 'csat_mean', before: month('2024-09'), after: month('2024-10'), causes: [{ dimension: 'region', value: '四川' }] },
];

/** The cause's place in Adtributor's ranking: the rank of the dimension whose chosen elements hold it, 1-based; 0 when absent. */
function rankOf(result: ExplainMetricResult, causes: Finding['causes']): number {
  return result.adtributor.findIndex((d) => d.elements.some((e) => causes.some((c) => c.dimension === d.dimension && c.value === e.value))) + 1;
}

/** The ranking as read: `agent (周杰, 吴倩) > team (华东二组)`. */
function rankingText(result: ExplainMetricResult): string {
  return result.adtributor.map((d) => `${d.dimension} (${d.elements.map((e) => e.value ?? '∅').join(', ')})`).join(' > ');
}

export async function benchExplain(options: { readonly root: string; readonly workbench: string; readonly rows: number; readonly log: (line: string) => void }): Promise<ExplainFigure[]> {
  const engine = new Engine({ workerScript: path.join(options.root, 'dist', 'node', 'job-worker.cjs') });
  await engine.openWorkbench({ path: options.workbench });
  const figures: ExplainFigure[] = [];
  try {
    for (const finding of FINDINGS) {
      const started = performance.now();
      const result = await engine.explainChange({ metric: finding.metric, periodA: finding.before, periodB: finding.after });
      const ms = performance.now() - started;
      const rank = rankOf(result, finding.causes);
      const causes = finding.causes.map((c) => `${c.dimension} = ${c.value}`).join(' or ');
      options.log(`explain: finding ${finding.id} (${finding.metric}) in ${Math.round(ms)} ms; ${causes} ranked ${rank === 0 ? 'nowhere' : rank}`);
      figures.push({
        name: `explain finding ${finding.id}, ${finding.what}: ${finding.metric} ${finding.after.from.slice(0, 7)} vs ${finding.before.from.slice(0, 7)} (${options.rows.toLocaleString('en')} tickets)`,
        ms,
        target: TARGET_MS,
        note: `through the API, ${result.dimensionLabels.length} dimensions (${result.dimensionLabels.map((d) => d.field).join(', ')}) and ${result.pairs.length} pairs; the planted cause (${causes}) ranks **${rank === 0 ? 'nowhere' : rank}** (target: top 3) in the ranking ${rankingText(result)}; change ${result.total.delta === null ? '–' : result.total.delta.toFixed(2)}, n ${result.total.nA.toLocaleString('en')} → ${result.total.nB.toLocaleString('en')}`,
      });
    }
  } finally {
    engine.close();
  }
  return figures;
}

// The cleaning benchmark in a process of its own, so its peak memory is the recipe's alone:
// `node bench-recipe.cjs run WORKBENCH` runs a 10-step recipe on the dirty tickets and prints
// {"ms", "rowsIn", "rowsOut", "peakRssMb"}; `node bench-recipe.cjs cluster WORKBENCH` clusters the
// account column (its distinct values) with each method and prints {"distinct", "methods": […]}.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../electron/engine/engine';
import { RECIPE_SPEC_VERSION, type ClusterMethodName, type RecipeSpec, type RecipeStep, type RecipeStepBody } from '../../shared/spec/recipe-spec';

const TABLE = 'dirty_tickets';

function step(id: string, body: RecipeStepBody): RecipeStep {
  return { ...body, id, enabled: true };
}

async function run(engine: Engine): Promise<void> {
  const head: RecipeStep[] = [
    step('trim', { kind: 'trim', columns: ['region', 'channel'], inner: true }),
    step('width', { kind: 'width', columns: ['channel'], to: 'half' }),
    step('map', { kind: 'mapValues', column: 'channel', mapping: [{ from: 'App内反馈', to: 'App' }, { from: '在线客服', to: '在线' }] }),
  ];
  const spec = (steps: readonly RecipeStep[]): RecipeSpec => ({ version: RECIPE_SPEC_VERSION, source: TABLE, output: `${TABLE}_clean`, steps });
  // the merges a user would accept: every cluster the fingerprint proposes for the region
  const { clusters } = await engine.clusterRecipeValues({ spec: spec(head), column: 'region', method: 'fingerprint' });
  const steps = [
    ...head,
    step('cluster', { kind: 'cluster', column: 'region', method: 'fingerprint', clusters: clusters.map((c) => ({ values: c.values.map((v) => v.value), into: c.canonical })) }),
    step('dedupe', { kind: 'dedupe', keys: ['ticket_id'], keep: 'first' }),
    step('dates', { kind: 'parseDates', column: 'created', format: 'ymd', withTime: true }),
    step('month', { kind: 'derive', into: 'created_day', expression: 'DATE(created)' }),
    step('band', { kind: 'derive', into: 'csat_band', expression: "IF(csat >= 4, '满意', IF(csat <= 2, '不满意', '一般'))" }),
    step('mask', { kind: 'mask', column: 'phone', method: 'mask', scope: 'value', kinds: [] }),
    step('filter', { kind: 'filter', expression: 'csat IS NOT NULL' }),
  ];
  await engine.saveRecipe({ spec: spec(steps) });
  const started = performance.now();
  const report = await engine.runRecipe({ source: TABLE });
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, rowsIn: report.rowsIn, rowsOut: report.rowsOut, steps: steps.length, clusters: clusters.length, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function cluster(engine: Engine): Promise<void> {
  const spec: RecipeSpec = { version: RECIPE_SPEC_VERSION, source: TABLE, output: `${TABLE}_clean`, steps: [] };
  const methods: { method: ClusterMethodName; ms: number; clusters: number }[] = [];
  let distinct = 0;
  for (const method of ['fingerprint', 'ngramFingerprint', 'editDistance'] as const) {
    const started = performance.now();
    const answer = await engine.clusterRecipeValues({ spec, column: 'account', method });
    methods.push({ method, ms: performance.now() - started, clusters: answer.clusters.length });
    distinct = answer.distinct;
  }
  console.log(JSON.stringify({ distinct, methods }));
}

async function main(): Promise<void> {
  const [mode, workbench] = process.argv.slice(2);
  if ((mode !== 'run' && mode !== 'cluster') || workbench === undefined) throw new Error('usage: bench-recipe run|cluster WORKBENCH');
  const engine = new Engine({ workerScript: path.join(__dirname, 'job-worker.cjs') });
  await engine.openWorkbench({ path: workbench });
  await (mode === 'run' ? run(engine) : cluster(engine));
  engine.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

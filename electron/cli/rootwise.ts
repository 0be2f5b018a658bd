#!/usr/bin/env node
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { TEXT_ENCODINGS, type CellValue, type Delimiter, type ImportReport, type QueryResult } from '../../shared/api/types';
import { APP_VERSION } from '../../shared/app-version';
import type { SegmentValue } from '../../shared/explain/explain-types';
import type { ExplainFilter, ExplainMetricResult, ExplainPeriod } from '../../shared/spec/explain-spec';
import type { SourceRefreshReport } from '../../shared/spec/recipe-preview';
import { querySpecSchema } from '../../shared/api/schemas';
import { ApiCallError, RootwiseError, toErrorPayload } from '../../shared/errors/rootwise-error';
import { format, localeFromSystem } from '../../shared/i18n/messages';
import { createDispatcher } from '../engine/api-dispatcher';
import { Engine } from '../engine/engine';
import { startHost } from '../host/host-server';
import { integerFlag, parseArgs, requiredFlag, stringFlag, type ParsedArgs } from './cli-args';
import { toCsv } from '../../shared/format/csv';
import { terminalProgress } from './progress-bar';
import { defaultDemoWorkbench } from './demo-location';
import { DEFAULT_DEMO_OPTIONS } from '../engine/demo/demo-dataset';
import { findElectronBinary } from './electron-binary';
import { ensureElectronSqliteBinding, installedElectronVersion } from './electron-sqlite-binding';

const locale = localeFromSystem(process.env['LC_ALL'] ?? process.env['LANG']);

const HELP = `${format(locale, 'cli.usage')}

  rootwise new FILE                                     create an empty workbench
  rootwise demo --out FILE [--rows N] [--seed S]        create a demo workbench (default ${DEFAULT_DEMO_OPTIONS.rows} tickets, seed ${DEFAULT_DEMO_OPTIONS.seed})
  rootwise import FILE --workbench FILE [--table NAME | --append TABLE] [--encoding utf-8|utf-16le|utf-16be|gb18030|big5]
                  [--delimiter ,|;|tab|pipe] [--skip-rows N] [--sheet NAME | --all-sheets] [--json]
                                                        import a CSV/TSV/TXT, JSON or XLSX file as a new table
  rootwise import FILE --workbench FILE --into SOURCE [--dry-run] [--json]
                                                        next month's export of a source: map its columns, append it,
                                                        replay the recipe and print how the clean table changed
  rootwise query --workbench FILE --spec SPEC.json [--format csv|json]
                                                        run a query spec and print the result
  rootwise metrics --workbench FILE [--by DIM[:GRAIN]] [--from DATE --to DATE] [--metric ID,ID…] [--table NAME]
                   [--format text|csv|json]            print every catalogue metric the mapped roles allow, with value, unit and n
  rootwise explain --workbench FILE --metric ID --period FROM..TO --vs FROM..TO [--filter DIM=VALUE[,VALUE…][;DIM=…]]
                   [--table NAME] [--dimensions DIM,DIM…] [--format text|json]
                                                        why a metric moved from the --vs period to --period: ranked segments
                                                        (effect, share of the change, n) and the combinations that explain it;
                                                        a period is days or months: 2024-10, 2024-09-01..2024-10-15
  rootwise export --workbench FILE (--report NAME|ID | --template monthly-review [--period YYYY-MM])
                  --format pdf|pptx|xlsx|html --out FILE [--locale en|zh-CN] [--tables TABLE,TABLE…]
                                                        export a saved report, or the monthly service review of a month,
                                                        as PDF, PowerPoint, Excel (with the tables named) or one HTML file
  rootwise serve [--workbench FILE] [--port N]          serve the app on 127.0.0.1 with a per-run token
  rootwise start [FILE]                                 open the desktop app (or serve it when Electron is missing)
  rootwise --version
`;

function engine(): Engine {
  return new Engine({ workerScript: path.join(__dirname, 'job-worker.cjs') });
}

async function openOrCreateDemo(target: Engine, file: string | undefined): Promise<void> {
  if (file !== undefined) {
    await target.openWorkbench({ path: file });
    return;
  }
  const demo = defaultDemoWorkbench();
  if (fs.existsSync(demo)) await target.openWorkbench({ path: demo });
  else await target.createWorkbench({ path: demo, demo: DEFAULT_DEMO_OPTIONS });
}

async function newWorkbench(args: ParsedArgs): Promise<void> {
  const file = args.positional[0] ?? stringFlag(args, 'out');
  if (file === undefined) throw new RootwiseError('error.invalidRequest', { method: 'new', detail: 'FILE is required' });
  const e = engine();
  const info = await e.createWorkbench({ path: file });
  console.log(info.path);
  e.close();
}

async function demo(args: ParsedArgs): Promise<void> {
  const out = requiredFlag(args, 'out');
  const e = engine();
  const started = Date.now();
  const info = await e.createWorkbench({ path: out, demo: { rows: integerFlag(args, 'rows', DEFAULT_DEMO_OPTIONS.rows), seed: integerFlag(args, 'seed', DEFAULT_DEMO_OPTIONS.seed) } });
  console.log(`${info.path}: ${info.tableCount} tables, ${info.totalRows} rows (${Date.now() - started} ms)`);
  e.close();
}

function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new RootwiseError('error.invalidRequest', { method: 'import', detail: `--${name} must be one of ${choices.join(', ')}` });
  return value as T;
}

const DELIMITER_WORDS: Readonly<Record<string, Delimiter>> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '|': '|', pipe: '|' };

function delimiterFlag(args: ParsedArgs): Delimiter | undefined {
  const value = stringFlag(args, 'delimiter');
  if (value === undefined) return undefined;
  const delimiter = DELIMITER_WORDS[value];
  if (delimiter === undefined) throw new RootwiseError('error.invalidRequest', { method: 'import', detail: '--delimiter must be one of , ; tab pipe' });
  return delimiter;
}

async function importFile(args: ParsedArgs): Promise<void> {
  const file = args.positional[0];
  if (file === undefined) throw new RootwiseError('error.invalidRequest', { method: 'import', detail: 'FILE is required' });
  if (stringFlag(args, 'into') !== undefined) {
    await refreshSource(args, file);
    return;
  }
  const e = engine();
  await e.openWorkbench({ path: requiredFlag(args, 'workbench') });
  const bar = terminalProgress(process.stderr);
  const off = e.events.on('onDidReportProgress', (progress) => bar.update(progress));
  const cancel = (): void => void e.cancelJob({ jobId: 'cli-import' });
  process.once('SIGINT', cancel);
  const reports: ImportReport[] = [];
  try {
    const append = stringFlag(args, 'append');
    const source = { kind: 'path', path: path.resolve(file) } as const;
    const reading = {
      encoding: choiceFlag(args, 'encoding', TEXT_ENCODINGS),
      delimiter: delimiterFlag(args),
      skipRows: args.flags.has('skip-rows') ? integerFlag(args, 'skip-rows', 0) : undefined,
    };
    // --all-sheets: each sheet of a workbook becomes a table of its own, FILE_SHEET
    const sheets: (string | undefined)[] =
      args.flags.get('all-sheets') === true ? [...((await e.previewImport({ source, ...reading })).dialect.sheets ?? [undefined])] : [stringFlag(args, 'sheet')];
    const base = stringFlag(args, 'table') ?? path.parse(file).name;
    for (const sheet of sheets) {
      reports.push(
        await e.importFile({
          source,
          ...reading,
          table: sheets.length > 1 ? `${base}_${sheet ?? ''}` : stringFlag(args, 'table'),
          appendTo: append === undefined ? undefined : { table: append },
          sheet,
          jobId: 'cli-import',
        }),
      );
    }
  } finally {
    bar.done();
    off();
    process.removeListener('SIGINT', cancel);
    e.close();
  }
  for (const report of reports) printImportReport(report, args.flags.get('json') === true);
}

/** One line of JSON per import with --json; otherwise a summary and a line per column. */
function printImportReport(report: ImportReport, json: boolean): void {
  if (json) {
    console.log(
      JSON.stringify({
        table: report.table,
        file: report.file,
        sheet: report.dialect.sheet,
        rows: report.rows,
        rejected: report.rejected,
        encoding: report.encoding,
        skipped: report.skipped,
        ...(report.appended === undefined ? {} : { appended: report.appended }),
        columns: report.columns.map((c) => ({
          name: c.name,
          label: c.label.en,
          type: c.type,
          format: c.format,
          ...(c.ambiguous === undefined ? {} : { ambiguous: c.ambiguous }),
          rejected: c.rejected,
          nullMarkers: c.nullMarkers,
        })),
        milliseconds: report.milliseconds,
      }),
    );
    return;
  }
  console.log(format(locale, 'status.imported', { rows: report.rows, table: report.table, rejected: report.rejected.rows + report.rejected.values, ms: report.milliseconds }));
  for (const c of report.columns) {
    const notes = [
      c.format !== c.type ? c.format : '',
      c.ambiguous === 'day-month-order' ? 'day/month order ambiguous: read month-first' : '',
      c.rejected > 0 ? `${c.rejected} rejected` : '',
      c.nullMarkers > 0 ? `${c.nullMarkers} N/A-like values stored as empty` : '',
    ].filter((n) => n !== '');
    console.log(`  ${c.name}\t${c.type}${notes.length > 0 ? `\t(${notes.join('; ')})` : ''}`);
  }
}

/** `import FILE --into SOURCE`: the unattended monthly refresh, with the diff on stdout. */
async function refreshSource(args: ParsedArgs, file: string): Promise<void> {
  const e = engine();
  await e.openWorkbench({ path: requiredFlag(args, 'workbench') });
  const bar = terminalProgress(process.stderr);
  const off = e.events.on('onDidReportProgress', (progress) => bar.update(progress));
  const cancel = (): void => void e.cancelJob({ jobId: 'cli-refresh' });
  process.once('SIGINT', cancel);
  let report: SourceRefreshReport;
  try {
    report = await e.refreshSource({
      source: { kind: 'path', path: path.resolve(file) },
      into: requiredFlag(args, 'into'),
      encoding: choiceFlag(args, 'encoding', TEXT_ENCODINGS),
      delimiter: delimiterFlag(args),
      sheet: stringFlag(args, 'sheet'),
      dryRun: args.flags.get('dry-run') === true,
      jobId: 'cli-refresh',
    });
  } finally {
    bar.done();
    off();
    process.removeListener('SIGINT', cancel);
    e.close();
  }
  if (args.flags.get('json') === true) {
    console.log(JSON.stringify(report));
    return;
  }
  for (const line of refreshLines(report)) console.log(line);
}

/** The refresh report as a person reads it, in the user's language. */
function refreshLines(report: SourceRefreshReport): string[] {
  const lines = [format(locale, report.committed ? 'cli.refresh.committed' : 'cli.refresh.dryRun', { file: path.basename(report.file), source: report.source, rows: report.imported.rows })];
  for (const m of report.mapping.matched) if (m.incoming !== m.column) lines.push(`  ${format(locale, 'cli.refresh.mapped', { incoming: m.incoming, column: m.column, confidence: Math.round(m.confidence * 100) })}`);
  for (const a of report.mapping.asked) lines.push(`  ${format(locale, 'cli.refresh.asked', { incoming: a.incoming })}`);
  for (const column of report.mapping.missing) lines.push(`  ${format(locale, 'cli.refresh.missing', { column })}`);
  const rejected = report.imported.rejectedRows + report.imported.rejectedValues;
  if (rejected > 0) lines.push(`  ${format(locale, 'cli.refresh.rejected', { count: rejected })}`);
  const diff = report.diff;
  if (report.run === null || diff === null) {
    lines.push(format(locale, 'cli.refresh.noRecipe', { source: report.source }));
    return lines;
  }
  lines.push(format(locale, 'cli.refresh.clean', { output: report.run.output, before: diff.rowsBefore, after: diff.rowsAfter }));
  if (diff.rowsAdded !== null) lines.push(`  ${format(locale, 'cli.refresh.added', { count: diff.rowsAdded })}`);
  if (diff.rowsChanged !== null) lines.push(`  ${format(locale, 'cli.refresh.changed', { count: diff.rowsChanged, key: diff.key ?? '' })}`);
  for (const [column, count] of Object.entries(diff.changedCells)) lines.push(`    ${column}: ${count}`);
  for (const u of diff.uncovered) lines.push(`  ${format(locale, 'cli.refresh.uncovered', { column: u.column, count: u.total, values: u.values.map((v) => v.value).join(', ') })}`);
  return lines;
}

function resultRows(result: QueryResult): CellValue[][] {
  const table = tableFromIPC(result.arrow);
  const vectors = result.columns.map((c) => table.getChild(c.name));
  return Array.from({ length: table.numRows }, (_, i) => vectors.map((v) => (v?.get(i) ?? null) as CellValue));
}

async function query(args: ParsedArgs): Promise<void> {
  const specFile = requiredFlag(args, 'spec');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  } catch (error) {
    throw new RootwiseError('error.invalidRequest', { method: 'query', detail: `${specFile}: ${error instanceof Error ? error.message : String(error)}` });
  }
  const parsed = querySpecSchema.safeParse(raw);
  if (!parsed.success) throw new RootwiseError('error.invalidRequest', { method: 'query', detail: `${specFile}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}` });
  const e = engine();
  await e.openWorkbench({ path: requiredFlag(args, 'workbench') });
  const result = await e.query({ spec: parsed.data });
  e.close();
  const rows = resultRows(result);
  if ((stringFlag(args, 'format') ?? 'json') === 'csv') {
    process.stdout.write(toCsv(result.columns.map((c) => c.name), rows));
    return;
  }
  console.log(JSON.stringify({ columns: result.columns, rows, rowCount: result.rowCount, truncated: result.truncated, elapsedMs: result.elapsedMs }));
}

const METRIC_COLUMNS = ['metric', 'group', 'value', 'unit', 'n', 'low', 'high', 'low_n', 'table', 'version'] as const;

async function metrics(args: ParsedArgs): Promise<void> {
  const outputFormat = stringFlag(args, 'format') ?? 'text';
  if (!['text', 'csv', 'json'].includes(outputFormat)) throw new RootwiseError('error.invalidRequest', { method: 'metrics', detail: '--format must be text, csv or json' });
  const e = engine();
  await e.openWorkbench({ path: requiredFlag(args, 'workbench') });
  const report = await e.computeMetrics({
    table: stringFlag(args, 'table'),
    metrics: stringFlag(args, 'metric')?.split(',').map((m) => m.trim()),
    by: stringFlag(args, 'by'),
    from: stringFlag(args, 'from'),
    to: stringFlag(args, 'to'),
  });
  e.close();
  // nobody confirmed these roles: say which suggestions the numbers stand on
  for (const used of report.suggestedRolesUsed) console.error(format(locale, 'cli.metrics.suggestedRole', { table: used.table, role: used.role, field: used.field, confidence: Math.round(used.confidence * 100) }));
  if (report.pauses !== null) {
    const { rule, source } = report.pauses;
    console.error(format(locale, source === 'suggested' ? 'cli.metrics.pausesSuggested' : 'cli.metrics.pauses', { table: rule.table, field: rule.statusField, statuses: rule.statuses.join(', ') }));
  }
  for (const missing of report.unavailable) {
    console.error(
      missing.missing.length === 0 ? format(locale, 'cli.metrics.needsPolicy', { metric: missing.metric }) : format(locale, 'cli.metrics.unavailable', { metric: missing.metric, roles: missing.missing.join(', ') }),
    );
  }
  if (outputFormat === 'json') {
    console.log(JSON.stringify(report));
    return;
  }
  const rows = report.results.map((r) => [r.metric, r.group, r.value, r.unit, r.n, r.low, r.high, r.lowN ? 1 : 0, r.table, r.version]);
  if (outputFormat === 'csv') {
    process.stdout.write(toCsv([...METRIC_COLUMNS], rows));
    return;
  }
  const shown = (value: number | null): string => (value === null ? '–' : Number.isInteger(value) ? String(value) : value.toFixed(2));
  const lines = report.results.map((r) => [
    r.metric,
    ...(report.by === null ? [] : [String(r.group ?? '∅')]),
    `${shown(r.value)}${r.lowN ? ' *' : ''}`,
    r.unit,
    `n=${r.n}`,
    r.low === null ? '' : `[${shown(r.low)}, ${shown(r.high)}]`,
  ]);
  const widths = lines.reduce<number[]>((w, line) => line.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  for (const line of lines) console.log(line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  if (report.results.some((r) => r.lowN)) console.log(format(locale, 'cli.metrics.lowN'));
}

const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `2024-10`, `2024-10-01..2024-10-31` or `2024-09..2024-10` as whole days (a month from its first to its last day). */
export function parsePeriod(text: string, option: string): ExplainPeriod {
  const [from = '', to = from] = text.split('..');
  const first = (part: string): string | undefined => (DAY.test(part) ? part : MONTH.test(part) ? `${part}-01` : undefined);
  const last = (part: string): string | undefined => {
    if (DAY.test(part)) return part;
    const m = MONTH.exec(part);
    if (m === null) return undefined;
    const days = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return `${part}-${String(days).padStart(2, '0')}`;
  };
  const period = { from: first(from), to: last(to) };
  if (period.from === undefined || period.to === undefined) throw new RootwiseError('error.invalidRequest', { method: 'explain', detail: `${option} ${text}: write a period as 2024-10 or 2024-10-01..2024-10-31` });
  return { from: period.from, to: period.to };
}

/** `region=四川,华东;channel=电话` as filters (an empty value stands for an empty field). */
function filtersFlag(text: string | undefined): ExplainFilter[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(';')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const at = part.indexOf('=');
      if (at <= 0) throw new RootwiseError('error.invalidRequest', { method: 'explain', detail: `--filter ${part}: write DIM=VALUE` });
      return { field: part.slice(0, at).trim(), values: part.slice(at + 1).split(',').map((v) => (v.trim() === '' ? null : v.trim())) };
    });
}

async function explain(args: ParsedArgs): Promise<void> {
  const outputFormat = stringFlag(args, 'format') ?? 'text';
  if (!['text', 'json'].includes(outputFormat)) throw new RootwiseError('error.invalidRequest', { method: 'explain', detail: '--format must be text or json' });
  const request = {
    table: stringFlag(args, 'table'),
    metric: requiredFlag(args, 'metric'),
    periodA: parsePeriod(requiredFlag(args, 'vs'), '--vs'),
    periodB: parsePeriod(requiredFlag(args, 'period'), '--period'),
    filters: filtersFlag(stringFlag(args, 'filter')),
    dimensions: stringFlag(args, 'dimensions')?.split(',').map((d) => d.trim()),
  };
  const e = engine();
  await e.openWorkbench({ path: requiredFlag(args, 'workbench') });
  let result: ExplainMetricResult;
  try {
    result = await e.explainChange(request);
  } finally {
    e.close();
  }
  if (outputFormat === 'json') {
    console.log(JSON.stringify(result));
    return;
  }
  for (const line of explainLines(result)) console.log(line);
}

/** The explanation as a person reads it: the change, then the segments ranked, then the combinations. */
function explainLines(result: ExplainMetricResult): string[] {
  const label = new Map(result.dimensionLabels.map((d) => [d.field, d.label[locale]]));
  const shown = (value: number | null, digits = 2): string => (value === null ? '–' : value.toFixed(digits));
  const signed = (value: number): string => `${value > 0 ? '+' : ''}${value.toFixed(2)}`;
  const segment = (dimension: string, value: SegmentValue): string => `${label.get(dimension) ?? dimension} = ${value ?? '∅'}`;
  const { total } = result;
  const period = (p: ExplainPeriod): string => `${p.from}..${p.to}`;
  const lines = [
    format(locale, 'cli.explain.header', {
      metric: result.metric.name[locale],
      table: result.table,
      before: period(result.periodA),
      after: period(result.periodB),
      a: shown(total.a),
      b: shown(total.b),
      delta: total.delta === null ? '–' : signed(total.delta),
      p: total.significance === null ? '–' : total.significance.pValue < 0.001 ? '< 0.001' : total.significance.pValue.toFixed(3),
      nA: total.nA,
      nB: total.nB,
    }),
  ];
  const ranked = result.adtributor.flatMap((d) => d.elements.map((e) => ({ segment: segment(d.dimension, e.value), effect: e.effect, share: e.share, nA: e.nA, nB: e.nB, lowN: e.lowN })));
  const table = (rows: { segment: string; effect: number; share: number; nA: number; nB: number; lowN: boolean }[]): string[] => {
    const cells = rows.map((r, i) => [String(i + 1), r.segment, signed(r.effect), `${Math.round(r.share * 100)}%`, `${r.nA} → ${r.nB}${r.lowN ? ' *' : ''}`]);
    const header = [format(locale, 'cli.explain.rank'), format(locale, 'cli.explain.segment'), format(locale, 'cli.explain.effect'), format(locale, 'cli.explain.share'), 'n'];
    const widths = [header, ...cells].reduce<number[]>((w, line) => line.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
    return [header, ...cells].map((line) => `  ${line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}`);
  };
  lines.push(format(locale, 'cli.explain.ranked'));
  lines.push(...(ranked.length === 0 ? [`  ${format(locale, 'cli.explain.none')}`] : table(ranked)));
  if (result.combinations.length > 0) {
    lines.push(format(locale, 'cli.explain.combinations'));
    lines.push(...table(result.combinations.map((c) => ({ segment: c.items.map((i) => segment(i.dimension, i.value)).join(' · '), effect: c.effect, share: c.share, nA: c.nA, nB: c.nB, lowN: c.lowN }))));
  }
  if ([...ranked, ...result.combinations].some((r) => r.lowN)) lines.push(format(locale, 'cli.metrics.lowN'));
  return lines;
}

async function serve(args: ParsedArgs): Promise<void> {
  const e = engine();
  await openOrCreateDemo(e, stringFlag(args, 'workbench') ?? args.positional[0]);
  const host = await startHost({
    dispatch: createDispatcher(e),
    events: e.events,
    rendererDir: path.join(__dirname, '..', 'renderer'),
    port: integerFlag(args, 'port', 0),
  });
  console.log(format('en', 'cli.serve.available', { url: host.url }));
  const stop = (): void => {
    void host.close().then(() => {
      e.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Electron ≥ 45 downloads its binary on first use; try that once (it fails at once offline). */
function fetchElectronBinary(): void {
  let installScript: string;
  try {
    installScript = require.resolve('electron/install.js');
  } catch {
    return;
  }
  console.log('Fetching the Electron binary…');
  spawnSync(process.execPath, [installScript], { stdio: 'pipe', timeout: 10 * 60_000 });
}

async function start(args: ParsedArgs): Promise<void> {
  let binary = findElectronBinary();
  if (!binary.ok) {
    fetchElectronBinary();
    binary = findElectronBinary();
  }
  const sqlite = binary.ok ? ensureElectronSqliteBinding(installedElectronVersion() ?? '') : undefined;
  if (!binary.ok || sqlite?.ok !== true) {
    const reason = !binary.ok ? binary.reason : sqlite?.ok === false ? sqlite.reason : 'unknown';
    console.error(format(locale, 'cli.start.noElectron', { reason }));
    await serve(args);
    return;
  }
  const child = spawn(binary.path, [path.join(__dirname, 'main.cjs'), ...args.positional], {
    stdio: 'inherit',
    env: { ...process.env, ROOTWISE_SQLITE_BINDING: sqlite.path },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const COMMANDS: Readonly<Record<string, (args: ParsedArgs) => Promise<void>>> = { new: newWorkbench, demo, import: importFile, query, metrics, explain, export: exportReport, serve, start };

const REPORT_FORMATS = ['pdf', 'pptx', 'xlsx', 'html'] as const;

async function exportReport(args: ParsedArgs): Promise<void> {
  const reportFormat = requiredFlag(args, 'format');
  if (!(REPORT_FORMATS as readonly string[]).includes(reportFormat)) throw new RootwiseError('error.invalidRequest', { method: 'export', detail: '--format must be pdf, pptx, xlsx or html' });
  const reportLocale = stringFlag(args, 'locale') ?? locale;
  if (reportLocale !== 'en' && reportLocale !== 'zh-CN') throw new RootwiseError('error.invalidRequest', { method: 'export', detail: '--locale must be en or zh-CN' });
  const template = stringFlag(args, 'template');
  const named = stringFlag(args, 'report');
  if ((template === undefined) === (named === undefined)) throw new RootwiseError('error.invalidRequest', { method: 'export', detail: 'name a saved report with --report NAME, or --template monthly-review' });
  if (template !== undefined && template !== 'monthly-review') throw new RootwiseError('error.invalidRequest', { method: 'export', detail: '--template must be monthly-review' });
  const out = path.resolve(requiredFlag(args, 'out'));
  const e = engine();
  await e.openWorkbench({ path: requiredFlag(args, 'workbench') });
  const bar = terminalProgress(process.stderr);
  const off = e.events.on('onDidReportProgress', (progress) => bar.update(progress));
  const cancel = (): void => void e.cancelJob({ jobId: 'cli-export' });
  process.once('SIGINT', cancel);
  try {
    let report: { readonly id: number } | { readonly template: 'monthly-review'; readonly period?: string | undefined };
    if (named !== undefined) {
      const reports = await e.listReports();
      const found = reports.find((r) => r.name === named) ?? reports.find((r) => String(r.id) === named);
      if (found === undefined) throw new RootwiseError('error.invalidRequest', { method: 'export', detail: `no report is called "${named}"; the workbench has: ${reports.map((r) => `${r.id} ${r.name}`).join(', ') || 'none'}` });
      report = { id: found.id };
    } else report = { template: 'monthly-review', period: stringFlag(args, 'period') };
    const tables = stringFlag(args, 'tables')?.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const started = Date.now();
    const result = await e.exportReport({ report, format: reportFormat as (typeof REPORT_FORMATS)[number], locale: reportLocale, jobId: 'cli-export', path: out, tables });
    bar.done();
    console.log(format(locale, 'cli.export.done', { path: out, size: (result.size / 1e6).toFixed(1), seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  } finally {
    bar.done();
    off();
    process.removeListener('SIGINT', cancel);
    e.close();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, new Set(['json', 'help', 'version', 'all-sheets', 'dry-run']));
  if (args.command === '--version' || args.command === '-v') {
    console.log(APP_VERSION);
    return;
  }
  const command = args.command === undefined ? undefined : COMMANDS[args.command];
  if (command === undefined || args.command === '--help' || args.command === '-h') {
    (command === undefined && args.command !== undefined && !args.command.startsWith('-') ? console.error : console.log)(HELP);
    if (args.command !== undefined && !['--help', '-h'].includes(args.command)) process.exitCode = 2;
    return;
  }
  await command(args);
}

// `rootwise query … | head` closes the pipe early; that is not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  const payload = error instanceof ApiCallError ? error.payload : toErrorPayload(error);
  console.error(`rootwise: ${payload.message[locale]}`);
  process.exit(1);
});

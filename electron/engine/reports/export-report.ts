import fs from 'node:fs';
import path from 'node:path';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { exportFileName } from '../../../shared/format/file-name';
import { toCsv } from '../../../shared/format/csv';
import type { DocBlock, DocTable, ExportedReport, ReportDocument } from '../../../shared/report/report-document';
import { printableArea, reportHtml } from '../../../shared/report/report-html';
import type { ReportFormat } from '../../../shared/spec/report-spec';
import { personalKind } from '../export/export-table';
import { pptxImageKeys, reportPptx } from './export-pptx';
import { reportXlsx, type XlsxExtraTable } from './export-xlsx';
import { reportAssets } from './report-assets';
import type { ReportPrinter } from './report-printer';

export const REPORT_EXTENSIONS: Readonly<Record<ReportFormat, string>> = { pdf: 'pdf', pptx: 'pptx', xlsx: 'xlsx', html: 'html' };

/** Every table a document holds, with the block it is in. */
function documentTables(block: DocBlock): { readonly title: string; readonly table: DocTable }[] {
  switch (block.kind) {
    case 'chart':
      return [{ title: block.title, table: block.chart.data }];
    case 'dashboard':
      return block.charts.map((c) => ({ title: `${block.title} · ${c.title}`, table: c.chart.data }));
    case 'table':
    case 'actions':
      return [{ title: block.title, table: block.table }];
    case 'board':
      return [{ title: block.title, table: block.whys }];
    case 'explainer':
      return [
        { title: block.title, table: block.candidates },
        { title: block.title, table: block.chart.data },
      ];
    default:
      return [];
  }
}

/**
 * Share-safe mode: refuses a report one of whose tables shows personal data in the clear (a chart
 * by customer phone number, say), naming the block and the column, as a table export is refused.
 */
export function checkShareSafe(doc: ReportDocument): void {
  for (const block of doc.blocks)
    for (const { title, table } of documentTables(block)) {
      const columns = table.columns.flatMap((column, i) => {
        if (column.type !== 'text' && column.type !== 'integer') return [];
        // the raw values: a phone number stored as a number is shown grouped (13,800,138,000)
        const values = table.rows.flatMap((row) => (row[i] === null || row[i] === undefined || row[i] === '' ? [] : [String(row[i])]));
        return values.length > 0 && personalKind(column.label, values) !== undefined ? [column.label] : [];
      });
      if (columns.length > 0) throw new RootwiseError('error.shareSafe.unmasked', { table: title, columns: columns.join(', ') });
    }
}

/** All the document's words, so the HTML carries the font pieces that draw them. */
function documentText(doc: ReportDocument): string {
  return JSON.stringify(doc);
}

/** The report as self-contained HTML (interactive, or laid out for printing). */
export function documentHtml(doc: ReportDocument, mode: 'interactive' | 'print'): string {
  const assets = reportAssets();
  return reportHtml(doc, { mode, plotly: assets.plotly, fontCss: assets.fontCss(documentText(doc)) });
}

/** Selectors of the pictures a deck needs (see `pptxImageKeys`). */
function pictureSelectors(doc: ReportDocument): Map<string, string> {
  const kinds = new Map(doc.blocks.map((b) => [b.id, b.kind]));
  const selectors = new Map<string, string>();
  for (const key of pptxImageKeys(doc)) {
    const [id, part] = key.split('/') as [string, string | undefined];
    const css = cssId(id);
    if (part === undefined) selectors.set(key, kinds.get(id) === 'board' ? `#${css} .board-svg` : `#${css}-chart`);
    else if (part === 'waterfall') selectors.set(key, `#${css}-waterfall`);
    else selectors.set(key, `#${css}-tile-${part}`);
  }
  return selectors;
}

/** An id for a CSS selector: letters, digits, `-` and `_` as they are (block ids are made of them), anything else escaped. */
const cssId = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `).replace(/^(\d)/, '\\3$1 ');

export interface RenderOptions {
  /** Made on first use and closed after (PDF, and the pictures of a deck). */
  readonly printer: () => ReportPrinter;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** XLSX only: workbench tables added as sheets of their own. */
  readonly extraTables?: readonly XlsxExtraTable[] | undefined;
}

/** The document in one format, with the file name it suggests. */
export async function renderReport(doc: ReportDocument, format: ReportFormat, options: RenderOptions): Promise<ExportedReport> {
  const name = exportFileName(doc.title, REPORT_EXTENSIONS[format], 'report');
  const aborted = (): void => {
    if (options.signal?.aborted === true) throw new RootwiseError('error.export.cancelled', {});
  };
  aborted();
  switch (format) {
    case 'html':
      return { name, bytes: new TextEncoder().encode(documentHtml(doc, 'interactive')) };
    case 'xlsx':
      return { name, bytes: await reportXlsx(doc, { extraTables: options.extraTables, signal: options.signal, onProgress: options.onProgress }) };
    case 'pdf':
    case 'pptx': {
      const printer = options.printer();
      try {
        if (format === 'pdf') {
          const footer = [doc.title, doc.periodText].filter((t) => t !== null && t !== '').join(' · ');
          const bytes = await printer.pdf(documentHtml(doc, 'print'), doc.page, footer);
          aborted();
          return { name, bytes };
        }
        const selectors = pictureSelectors(doc);
        const pictures = selectors.size === 0 ? new Map() : await printer.pictures(documentHtml(doc, 'print'), printableArea({ size: 'A4', orientation: 'landscape' }).width, selectors);
        aborted();
        return { name, bytes: await reportPptx(doc, pictures, { signal: options.signal }) };
      } finally {
        await printer.close();
      }
    }
  }
}

const BOM = '\uFEFF';

/** A one-chart document's chart as CSV, PNG or SVG (see the API's `exportChart`). */
export async function renderChart(doc: ReportDocument, format: 'csv' | 'png' | 'svg', printer: () => ReportPrinter): Promise<ExportedReport> {
  const block = doc.blocks[0];
  if (block === undefined) throw new RootwiseError('error.internal', { detail: 'an empty chart document' });
  if (block.kind === 'missing') throw new RootwiseError('error.export.chartMissing', { message: block.message });
  if (block.kind !== 'chart') throw new RootwiseError('error.internal', { detail: `a ${block.kind} block is not a chart` });
  const name = exportFileName(block.title, format, 'chart');
  if (format === 'csv') {
    const { data } = block.chart;
    return { name, bytes: new TextEncoder().encode(BOM + toCsv(data.columns.map((c) => c.label), data.rows)) };
  }
  if (format === 'svg' && block.chart.figure === null) throw new RootwiseError('error.export.noSvg', { chart: block.title });
  const html = documentHtml({ ...doc, blocks: [block] }, 'print');
  const width = printableArea({ size: 'A4', orientation: 'landscape' }).width;
  const opened = printer();
  try {
    if (format === 'svg') {
      const svg = await opened.chartSvg(html, width, `#${cssId(block.id)}-chart`);
      // the fonts go inside, so Chinese labels draw the same on any machine
      const fonts = `<style>${reportAssets().fontCss(svg)}</style>`;
      return { name, bytes: new TextEncoder().encode(svg.replace(/(<svg[^>]*>)/, `$1${fonts}`)) };
    }
    const selector = block.chart.figure === null ? `#${cssId(block.id)} table` : `#${cssId(block.id)}-chart`;
    const picture = (await opened.pictures(html, width, new Map([['chart', selector]]))).get('chart');
    if (picture === undefined) throw new RootwiseError('error.export.drawFailed', { message: selector });
    return { name, bytes: picture.png };
  } finally {
    await opened.close();
  }
}

/**
 * Writes bytes to `target` so that it is either the whole new file or untouched: into a hidden
 * file beside it, then renamed over it. A failure removes the partial file.
 */
export function writeFileAtomically(target: string, bytes: Uint8Array): void {
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new RootwiseError('error.export.writeFailed', { path: target, message: error instanceof Error ? error.message : String(error) });
  }
}

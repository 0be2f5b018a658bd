import { setImmediate as nextTurn } from 'node:timers/promises';
import JSZip from 'jszip';
import type PptxGenJS from 'pptxgenjs';
import { CATEGORICAL_PALETTE } from '../../../shared/chart/chart-palette';
import type { KpiChangeTone } from '../../../shared/chart/kpi-format';
import type { ChartKind } from '../../../shared/chart/show-me';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { neutraliseFormula } from '../../../shared/format/csv';
import { format, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n/messages';
import type { DocBlock, DocChart, DocColumn, DocKpiCard, DocParagraph, DocRun, DocTable, NativeChart, ReportDocument } from '../../../shared/report/report-document';

/**
 * The PowerPoint form of a report: one 16:9 slide per block (tables continue on further slides),
 * native editable charts where the document has a `NativeChart`, pictures the caller rasterised
 * elsewhere, and speaker notes holding each block's period, filters and numbers.
 */

/** Pictures the caller rasterised (PNG bytes with their pixel size), keyed by `${blockId}` for a board or a chart block with no native form, `${blockId}/${i}` for the i-th chart of a dashboard block, `${blockId}/waterfall` for an explainer. */
export type SlideImages = ReadonlyMap<string, { readonly png: Uint8Array; readonly width: number; readonly height: number }>;

type SlideImage = SlideImages extends ReadonlyMap<string, infer I> ? I : never;
type Slide = PptxGenJS.Slide;
type TableRow = PptxGenJS.TableRow;
type TextProps = PptxGenJS.TextProps;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** What every slide builder needs: the deck, the document and its language. */
interface Deck {
  readonly pptx: PptxGenJS;
  readonly doc: ReportDocument;
  readonly images: SlideImages;
  readonly font: string;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
}

// LAYOUT_WIDE, in inches
const SLIDE_W = 13.333;
const MARGIN = 0.6;
const CONTENT_W = SLIDE_W - 2 * MARGIN;
const BODY_BOTTOM = 6.8;
/** Where a slide's body starts under a title with no context line. */
const BODY_TOP = 1.3;
const FOOTER_Y = 7.0;

const INK = '1F2933';
const MUTED = '6B7280';
const RULE = 'D9DEE4';
const GRID = 'E5E7EB';
const HEADER_FILL = 'EEF2F6';
const CARD_FILL = 'F7F9FB';
const hex = (color: string): string => color.replace('#', '').toUpperCase();
const ACCENT = hex(CATEGORICAL_PALETTE[0]);
const TONE_COLORS: Readonly<Record<KpiChangeTone, string>> = { better: hex(CATEGORICAL_PALETTE[2]), worse: hex(CATEGORICAL_PALETTE[3]), neutral: MUTED };

const CONTENT_MASTER = 'ROOTWISE_CONTENT';
const TITLE_MASTER = 'ROOTWISE_TITLE';

const TABLE_ROWS_PER_SLIDE = 14;
const CANDIDATE_ROWS = 10;
const NOTE_DATA_ROWS = 20;
const CHARTS_PER_SLIDE = 4;
const TABLE_ROW_H = 0.32;

/** Chart kinds drawn from their data as a table rather than as a picture. */
const TABLE_KINDS: ReadonlySet<ChartKind> = new Set<ChartKind>(['table', 'pivot', 'kpi']);

/** The slides' typeface. A deck cannot carry fallbacks the way CSS does, and the viewer's fonts
 * draw the text: Microsoft YaHei and Calibri are on most office machines, and LibreOffice
 * substitutes a metric-compatible face where they are not. */
function deckFont(locale: Locale): string {
  return locale === 'zh-CN' ? 'Microsoft YaHei' : 'Calibri';
}

/** Which image keys the deck needs (so the caller rasterises only those). */
export function pptxImageKeys(doc: ReportDocument): string[] {
  return doc.blocks.flatMap(blockImageKeys);
}

function blockImageKeys(block: DocBlock): string[] {
  switch (block.kind) {
    case 'chart':
      return needsPicture(block.chart) ? [block.id] : [];
    case 'dashboard':
      return block.charts.flatMap((entry, i) => (needsPicture(entry.chart) ? [`${block.id}/${i}`] : []));
    case 'board':
      return [block.id];
    case 'explainer':
      return block.chart.native === null ? [`${block.id}/waterfall`] : [];
    default:
      return [];
  }
}

function needsPicture(chart: DocChart): boolean {
  return chart.native === null && !TABLE_KINDS.has(chart.kind);
}

/** The report as a PowerPoint deck (the bytes of a .pptx file). */
export async function reportPptx(report: ReportDocument, images: SlideImages, options: { readonly signal?: AbortSignal } = {}): Promise<Uint8Array> {
  const { signal } = options;
  throwIfCancelled(signal);
  const doc = withXmlSafeText(report);
  // loaded on the first deck: the engine does not carry it (about 11 MB) until then
  const { default: Pptx } = await import('pptxgenjs');
  const pptx = new Pptx();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = doc.title;
  pptx.subject = doc.periodText ?? '';
  pptx.author = 'Rootwise';
  const font = deckFont(doc.locale);
  pptx.theme = { headFontFace: font, bodyFontFace: font };
  defineMasters(pptx, doc, font);
  const deck: Deck = { pptx, doc, images, font, t: (key, params) => format(doc.locale, key, params) };
  let slides = 0;
  for (const block of doc.blocks) {
    // building is synchronous: a turn of the event loop lets an abort arrive between slides
    await nextTurn();
    throwIfCancelled(signal);
    slides += addBlockSlides(deck, block);
  }
  if (slides === 0) addTitleSlide(deck, doc.title, doc.periodText ?? '', []);
  throwIfCancelled(signal);
  const bytes = await pptx.write({ outputType: 'uint8array' });
  if (!(bytes instanceof Uint8Array)) throw new RootwiseError('error.internal', { detail: 'pptxgenjs returned no bytes' });
  return repairParagraphs(bytes);
}

/** A paragraph property element after a run (or a break) of the same paragraph. */
const LATE_PARAGRAPH_PROPERTIES = /(<\/a:r>|<a:br\/>)<a:pPr\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/a:pPr>)/g;

/** pptxgenjs writes a paragraph's `<a:pPr>` again before each of its runs; the schema allows it
 * first only, and PowerPoint 2016 refuses such a file (gitbrent/PptxGenJS#1083). The first one
 * holds the paragraph's properties, so the others are dropped. */
async function repairParagraphs(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const file of Object.values(zip.files)) {
    if (!/^ppt\/(slides|slideMasters|slideLayouts|notesSlides)\/[^/]+\.xml$/.test(file.name)) continue;
    const xml = await file.async('string');
    const fixed = xml.replace(LATE_PARAGRAPH_PROPERTIES, '$1');
    if (fixed !== xml) zip.file(file.name, fixed);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Drops what XML 1.0 cannot hold (control characters an imported file may carry, lone
 * surrogates): pptxgenjs writes text as it gets it, and one such character makes the whole deck unreadable. */
function xmlSafe(text: string): string {
  let safe = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    if (!control && code !== 0xfffe && code !== 0xffff && (code < 0xd800 || code > 0xdfff)) safe += char;
  }
  return safe;
}

function withXmlSafeText(doc: ReportDocument): ReportDocument {
  return JSON.parse(JSON.stringify(doc), (_key, value: unknown) => (typeof value === 'string' ? xmlSafe(value) : value)) as ReportDocument;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new RootwiseError('error.export.cancelled', {});
}

// No `background`: pptxgenjs writes a solid one without the `<a:effectLst/>` the schema wants
// (PowerPoint then offers to repair the file); the theme's background is white already.
function defineMasters(pptx: PptxGenJS, doc: ReportDocument, font: string): void {
  const footer = [doc.title, doc.periodText ?? ''].filter((part) => part !== '').join(' · ');
  pptx.defineSlideMaster({
    title: CONTENT_MASTER,
    objects: [{ text: { text: footer, options: { x: MARGIN, y: FOOTER_Y, w: CONTENT_W - 1, h: 0.3, fontSize: 9, color: MUTED, fontFace: font, margin: 0, valign: 'middle' } } }],
    slideNumber: { x: SLIDE_W - MARGIN - 0.8, y: FOOTER_Y, w: 0.8, h: 0.3, fontSize: 9, color: MUTED, fontFace: font, align: 'right' },
  });
  pptx.defineSlideMaster({ title: TITLE_MASTER, objects: [] });
}

/** Adds the block's slides; returns how many. */
function addBlockSlides(deck: Deck, block: DocBlock): number {
  switch (block.kind) {
    case 'title':
      addTitleSlide(deck, block.title, block.subtitle, block.context);
      return 1;
    case 'heading':
      addSectionSlide(deck, block.title, block.level);
      return 1;
    case 'text':
      return addTextSlides(deck, block.title, block.paragraphs);
    case 'kpis':
      addKpiSlide(deck, block.title, block.context, block.cards);
      return 1;
    case 'chart':
      return addChartSlides(deck, block.id, block.title, block.context, block.chart);
    case 'dashboard':
      return addDashboardSlides(deck, block);
    case 'table':
    case 'actions':
      return addTableSlides(deck, block.title, block.context, block.table, [block.title, ...block.context]);
    case 'board':
      return addBoardSlides(deck, block);
    case 'explainer':
      return addExplainerSlides(deck, block);
    case 'pageBreak':
      return 0;
    case 'missing':
      addMissingSlide(deck, block.title, block.message);
      return 1;
  }
}

// ---- slide frames -------------------------------------------------------------------------------

/** A content slide with its title, the accent rule and the context line; returns where the body starts. */
function contentSlide(deck: Deck, title: string, context: readonly string[]): { readonly slide: Slide; readonly top: number } {
  const slide = deck.pptx.addSlide({ masterName: CONTENT_MASTER });
  slide.addText(title, { x: MARGIN, y: 0.3, w: CONTENT_W, h: 0.7, fontSize: 26, color: INK, fontFace: deck.font, valign: 'bottom', margin: 0, fit: 'shrink' });
  addShape(deck, slide, deck.pptx.ShapeType.line, { x: MARGIN, y: 1.08, w: CONTENT_W, h: 0, line: { color: ACCENT, width: 1.25 } });
  if (context.length === 0) return { slide, top: BODY_TOP };
  slide.addText(context.join('   ·   '), { x: MARGIN, y: 1.14, w: CONTENT_W, h: 0.3, fontSize: 11, color: MUTED, fontFace: deck.font, margin: 0, valign: 'middle' });
  return { slide, top: 1.55 };
}

/** Speaker notes, one line each; an empty line only separates two groups. */
/** A shape drawn as an empty text box: pptxgenjs writes `addShape` shapes without a text body,
 * which PowerPoint may offer to repair (gitbrent/PptxGenJS#1441). */
function addShape(deck: Deck, slide: Slide, shape: PptxGenJS.SHAPE_NAME, options: PptxGenJS.TextPropsOptions): void {
  slide.addText('', { ...options, shape, fontFace: deck.font });
}

function addNotes(slide: Slide, lines: readonly string[]): void {
  const kept = lines.filter((line, i) => line !== '' || (i > 0 && lines[i - 1] !== '' && i < lines.length - 1));
  slide.addNotes(kept.join('\n'));
}

function addTitleSlide(deck: Deck, title: string, subtitle: string, context: readonly string[]): void {
  const { doc, font, t } = deck;
  const slide = deck.pptx.addSlide({ masterName: TITLE_MASTER });
  addShape(deck, slide, deck.pptx.ShapeType.rect, { x: MARGIN, y: 2.2, w: 1.0, h: 0.07, fill: { color: ACCENT }, line: { color: ACCENT, width: 0 } });
  slide.addText(title === '' ? doc.title : title, { x: MARGIN, y: 2.4, w: CONTENT_W, h: 1.2, fontSize: 36, bold: true, color: INK, fontFace: font, valign: 'top', margin: 0, fit: 'shrink' });
  if (subtitle !== '') slide.addText(subtitle, { x: MARGIN, y: 3.65, w: CONTENT_W, h: 0.6, fontSize: 20, color: MUTED, fontFace: font, valign: 'top', margin: 0 });
  const facts = [t('report.pptx.source', { source: doc.source }), t('report.pptx.generated', { date: generatedText(doc) })];
  slide.addText(facts.join('\n'), { x: MARGIN, y: 5.5, w: CONTENT_W, h: 0.8, fontSize: 12, color: MUTED, fontFace: font, valign: 'bottom', margin: 0 });
  addNotes(slide, [title, subtitle, ...context, ...facts]);
}

function generatedText(doc: ReportDocument): string {
  const date = new Date(doc.generatedAt);
  if (Number.isNaN(date.getTime())) return doc.generatedAt;
  return new Intl.DateTimeFormat(doc.locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

function addSectionSlide(deck: Deck, title: string, level: 1 | 2): void {
  const slide = deck.pptx.addSlide({ masterName: CONTENT_MASTER });
  addShape(deck, slide, deck.pptx.ShapeType.rect, { x: MARGIN, y: 2.95, w: 1.0, h: 0.07, fill: { color: ACCENT }, line: { color: ACCENT, width: 0 } });
  slide.addText(title, { x: MARGIN, y: 3.15, w: CONTENT_W, h: 1.2, fontSize: level === 1 ? 34 : 28, color: INK, fontFace: deck.font, valign: 'top', margin: 0, fit: 'shrink' });
  addNotes(slide, [title]);
}

function addMissingSlide(deck: Deck, title: string, message: string): void {
  const { slide, top } = contentSlide(deck, title, []);
  slide.addText(message, { x: MARGIN, y: top + 0.3, w: CONTENT_W, h: 0.8, fontSize: 16, color: MUTED, fontFace: deck.font, valign: 'top', margin: 0 });
  addNotes(slide, [title, message]);
}

// ---- text ---------------------------------------------------------------------------------------

/** Text blocks: as many slides as the paragraphs need, each titled "(i/n)" when there are several. */
function addTextSlides(deck: Deck, title: string, paragraphs: readonly DocParagraph[]): number {
  const pages = textPages(paragraphs, BODY_BOTTOM - BODY_TOP - 0.1);
  pages.forEach((page, i) => {
    const { slide, top } = contentSlide(deck, pages.length > 1 ? `${title} (${i + 1}/${pages.length})` : title, []);
    const runs = page.flatMap((paragraph) => paragraphRuns(paragraph, deck.doc.locale));
    // shrinking is left on for what the estimate below gets wrong
    if (runs.length > 0) slide.addText(runs, { x: MARGIN, y: top + 0.1, w: CONTENT_W, h: BODY_BOTTOM - top - 0.1, fontFace: deck.font, color: INK, valign: 'top', margin: 0, fit: 'shrink' });
    addNotes(slide, [title, ...page.map(paragraphText)]);
  });
  return pages.length;
}

/** Inches a paragraph takes across the content width: its lines (CJK characters count double) at its size. */
function paragraphHeight(paragraph: DocParagraph): number {
  const size = paragraph.kind === 'heading' ? HEADING_SIZES[paragraph.level] : 14;
  const lines = (runs: readonly DocRun[]): number => Math.max(1, Math.ceil((textWidth(runs.map((r) => r.text).join('')) * size * 0.5) / 72 / CONTENT_W));
  const lineHeight = (size * 1.25) / 72;
  if (paragraph.kind === 'list') return paragraph.items.reduce((sum, item) => sum + lines(item) * lineHeight + 4 / 72, 0);
  return lines(paragraph.runs) * lineHeight + (paragraph.kind === 'heading' ? 14 : 8) / 72;
}

/** The paragraphs in slide-sized pages (a paragraph taller than a page gets one of its own). */
export function textPages(paragraphs: readonly DocParagraph[], pageHeight: number): DocParagraph[][] {
  const pages: DocParagraph[][] = [[]];
  let used = 0;
  for (const paragraph of paragraphs) {
    const height = paragraphHeight(paragraph);
    if (used > 0 && used + height > pageHeight) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1]!.push(paragraph);
    used += height;
  }
  return pages;
}

const HEADING_SIZES = { 1: 22, 2: 19, 3: 16 } as const;

/** One paragraph as text runs; the last run breaks the line. pptxgenjs takes a paragraph's
 * properties (bullet, spacing) from its first run, and a run with a bullet opens a new paragraph. */
function paragraphRuns(paragraph: DocParagraph, locale: Locale): TextProps[] {
  const lang = locale === 'zh-CN' ? 'zh-CN' : 'en-US';
  const line = (runs: readonly DocRun[], first: PptxGenJS.TextPropsOptions, every: PptxGenJS.TextPropsOptions): TextProps[] => {
    const shown = runs.length > 0 ? runs : [{ text: ' ' }];
    return shown.map((run, i) => ({
      text: run.text,
      options: { ...every, ...(i === 0 ? first : {}), lang, bold: (every.bold ?? false) || run.bold === true, italic: run.italic === true, breakLine: i === shown.length - 1 },
    }));
  };
  switch (paragraph.kind) {
    case 'heading':
      return line(paragraph.runs, { paraSpaceBefore: 10, paraSpaceAfter: 4 }, { fontSize: HEADING_SIZES[paragraph.level], bold: true });
    case 'paragraph':
      return line(paragraph.runs, { paraSpaceAfter: 8 }, { fontSize: 14 });
    case 'list':
      return paragraph.items.flatMap((item) => line(item, { bullet: paragraph.ordered ? { type: 'number' } : true, paraSpaceAfter: 4 }, { fontSize: 14 }));
  }
}

function paragraphText(paragraph: DocParagraph): string {
  const runs = (items: readonly DocRun[]): string => items.map((run) => run.text).join('');
  switch (paragraph.kind) {
    case 'heading':
    case 'paragraph':
      return runs(paragraph.runs);
    case 'list':
      return paragraph.items.map((item, i) => `${paragraph.ordered ? `${i + 1}.` : '•'} ${runs(item)}`).join('\n');
  }
}

// ---- KPI cards ----------------------------------------------------------------------------------

function addKpiSlide(deck: Deck, title: string, context: readonly string[], cards: readonly DocKpiCard[]): void {
  const { slide, top } = contentSlide(deck, title, context);
  const rows = Math.ceil(cards.length / 4);
  const h = Math.min(rows * 2.0 + (rows - 1) * 0.25, BODY_BOTTOM - top - 0.2);
  // one row sits in the upper third rather than at the very top: a KPI slide has little else
  const y = rows === 1 ? Math.max(top + 0.2, 2.2) : top + 0.2;
  addKpiCards(deck, slide, cards, { x: MARGIN, y, w: CONTENT_W, h }, 4);
  addNotes(slide, [title, ...context, ...cards.map((card) => kpiLine(deck, card))]);
}

function kpiLine(deck: Deck, card: DocKpiCard): string {
  const change = card.change === undefined ? '' : ` (${card.change.text}; ${deck.t('report.pptx.previous', { value: card.change.previousText })})`;
  return `${card.label}: ${card.valueText}${change}`;
}

/** Cards in rows of at most `perRow`, as wide as the box allows but no wider than 3.6 in. */
function addKpiCards(deck: Deck, slide: Slide, cards: readonly DocKpiCard[], box: Box, perRow: number): void {
  if (cards.length === 0) return;
  const gap = 0.25;
  const columns = Math.min(cards.length, perRow);
  const rows = Math.ceil(cards.length / columns);
  const w = Math.min(3.6, (box.w - gap * (columns - 1)) / columns);
  const h = Math.min(2.0, (box.h - gap * (rows - 1)) / rows);
  const left = box.x + (box.w - (columns * w + (columns - 1) * gap)) / 2;
  const compact = h < 1.5;
  cards.forEach((card, i) => {
    const x = left + (i % columns) * (w + gap);
    const y = box.y + Math.floor(i / columns) * (h + gap);
    addShape(deck, slide, deck.pptx.ShapeType.roundRect, { x, y, w, h, fill: { color: CARD_FILL }, line: { color: RULE, width: 0.75 }, rectRadius: 0.08 });
    const inner = { x: x + 0.18, w: w - 0.36, fontFace: deck.font, margin: 0 };
    slide.addText(card.label, { ...inner, y: y + 0.1, h: 0.32, fontSize: compact ? 11 : 12, color: MUTED, valign: 'top' });
    slide.addText(card.valueText, { ...inner, y: y + (compact ? 0.38 : 0.45), h: compact ? 0.5 : 0.75, fontSize: compact ? 22 : 30, bold: true, color: INK, valign: 'middle', fit: 'shrink' });
    if (card.change === undefined) return;
    slide.addText(
      [
        { text: card.change.text, options: { color: TONE_COLORS[card.change.tone], bold: true } },
        { text: `   ${deck.t('report.pptx.previous', { value: card.change.previousText })}`, options: { color: MUTED } },
      ],
      { ...inner, y: y + h - (compact ? 0.38 : 0.5), h: 0.32, fontSize: compact ? 10 : 12, valign: 'middle' },
    );
  });
}

// ---- charts -------------------------------------------------------------------------------------

function addChartSlides(deck: Deck, id: string, title: string, context: readonly string[], chart: DocChart): number {
  if (TABLE_KINDS.has(chart.kind)) return addTableSlides(deck, title, context, chart.data, [title, ...context]);
  const { slide, top } = contentSlide(deck, title, context);
  addChart(deck, slide, chart, id, title, { x: MARGIN, y: top + 0.1, w: CONTENT_W, h: BODY_BOTTOM - top - 0.1 }, false);
  addNotes(slide, [title, ...context, ...dataNoteLines(deck, chart.data)]);
  return 1;
}

/** A chart in a box: a table for table kinds, a native chart where one fits, else the caller's picture. */
function addChart(deck: Deck, slide: Slide, chart: DocChart, imageKey: string, title: string, box: Box, compact: boolean): void {
  if (TABLE_KINDS.has(chart.kind)) {
    // a row to spare: a header that wraps takes two lines
    const rows = Math.max(1, Math.floor(box.h / 0.28) - 2);
    addTable(deck, slide, chart.data, 0, Math.min(rows, chart.data.rows.length), box, 10, 0.28);
  } else if (chart.native !== null) {
    addNativeChart(deck, slide, chart.native, chart.data, box, compact, title);
  } else {
    addPicture(slide, requireImage(deck, imageKey, title), box, title);
  }
}

/** A series as pptxgenjs takes it (its `values` are typed `number[]`, but it writes a gap for null). */
interface ChartSeriesData {
  readonly name: string;
  readonly labels?: string[];
  readonly values: (number | null)[];
}

/** Categories and series names land in the chart's embedded workbook, so they are written inert;
 * an empty label would shift pptxgenjs's shared strings, so it becomes a space. */
function workbookText(text: string): string {
  return text === '' ? ' ' : neutraliseFormula(text);
}

function nativeChartData(native: NativeChart): ChartSeriesData[] {
  if (native.type !== 'scatter') {
    const labels = native.categories.map(workbookText);
    return native.series.map((series) => ({ name: workbookText(series.name), labels, values: [...series.values] }));
  }
  // pptxgenjs draws every scatter series against one x column: each series gets its own run of rows
  const points = native.series.flatMap((series, s) =>
    series.values.flatMap((y, i) => {
      const x = series.x === undefined ? Number(native.categories[i]) : series.x[i];
      return typeof x !== 'number' || !Number.isFinite(x) || y === null ? [] : [{ s, x, y }];
    }),
  );
  return [
    { name: workbookText(native.categoryAxisTitle ?? 'X'), values: points.map((p) => p.x) },
    ...native.series.map((series, s) => ({ name: workbookText(series.name), values: points.map((p) => (p.s === s ? p.y : null)) })),
  ];
}

function nativeChartOptions(deck: Deck, native: NativeChart, box: Box, compact: boolean, title: string): PptxGenJS.IChartOpts {
  const round = native.type === 'pie' || native.type === 'doughnut';
  const small = compact ? 9 : 11;
  const percent = native.grouping === 'percentStacked';
  const colours = (round ? native.categories : native.series).map((_, i) => hex(CATEGORICAL_PALETTE[i % CATEGORICAL_PALETTE.length]!));
  const axes: PptxGenJS.IChartOpts = round
    ? {}
    : {
        catAxisLabelFontFace: deck.font,
        catAxisLabelFontSize: small,
        catAxisLabelColor: MUTED,
        catAxisLineColor: RULE,
        catGridLine: { style: 'none' },
        valAxisLabelFontFace: deck.font,
        valAxisLabelFontSize: small,
        valAxisLabelColor: MUTED,
        valAxisLabelFormatCode: percent ? '0%' : native.numberFormat,
        valAxisLineShow: false,
        valGridLine: { color: GRID, size: 0.5 },
        ...(native.categoryAxisTitle === undefined ? {} : { showCatAxisTitle: true, catAxisTitle: native.categoryAxisTitle, catAxisTitleFontFace: deck.font, catAxisTitleFontSize: small, catAxisTitleColor: MUTED }),
        ...(native.valueAxisTitle === undefined ? {} : { showValAxisTitle: true, valAxisTitle: native.valueAxisTitle, valAxisTitleFontFace: deck.font, valAxisTitleFontSize: small, valAxisTitleColor: MUTED }),
      };
  const stacking = native.grouping === 'stacked' || native.grouping === 'percentStacked' ? { barGrouping: native.grouping } : {};
  const byType: Readonly<Record<NativeChart['type'], PptxGenJS.IChartOpts>> = {
    bar: { barDir: native.horizontal === true ? 'bar' : 'col', barGrouping: native.grouping ?? 'clustered', barGapWidthPct: 60 },
    line: { lineSize: 2, lineDataSymbolSize: 5 },
    area: stacking,
    pie: {},
    doughnut: { holeSize: 55 },
    scatter: { lineSize: 0, lineDataSymbolSize: 6 },
  };
  return {
    ...box,
    ...axes,
    ...byType[native.type],
    altText: title,
    chartColors: colours,
    showLegend: native.series.length > 1 || round,
    legendPos: 'b',
    legendFontFace: deck.font,
    legendFontSize: small,
    legendColor: INK,
    showValue: false,
    showLabel: false,
    showPercent: false,
    showTitle: false,
    dataLabelFormatCode: native.numberFormat,
  };
}

const CHART_TYPES: Readonly<Record<NativeChart['type'], PptxGenJS.CHART_NAME>> = { bar: 'bar', line: 'line', area: 'area', pie: 'pie', doughnut: 'doughnut', scatter: 'scatter' };

function addNativeChart(deck: Deck, slide: Slide, native: NativeChart, data: DocTable, box: Box, compact: boolean, title: string): void {
  const series = nativeChartData(native);
  if (series.length < (native.type === 'scatter' ? 2 : 1) || series[0]!.values.length === 0) {
    // nothing to plot (pptxgenjs throws on an empty chart): the data, empty or not, says so instead
    addTable(deck, slide, data, 0, Math.min(CANDIDATE_ROWS, data.rows.length), box, 11, 0.3);
    return;
  }
  slide.addChart(CHART_TYPES[native.type], series, nativeChartOptions(deck, native, box, compact, title));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The caller's picture for a key; one that is absent, empty or not a PNG counts as not drawn. */
function requireImage(deck: Deck, key: string, title: string): SlideImage {
  const image = deck.images.get(key);
  const png = image !== undefined && PNG_SIGNATURE.every((byte, i) => image.png[i] === byte);
  if (image === undefined || !png || image.width <= 0 || image.height <= 0) throw new RootwiseError('error.export.imageMissing', { block: title });
  return image;
}

/** The picture kept to its aspect, as large as the box allows, centred in it. */
function addPicture(slide: Slide, image: SlideImage, box: Box, title: string): void {
  const scale = Math.min(box.w / image.width, box.h / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  const data = `image/png;base64,${Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength).toString('base64')}`;
  slide.addImage({ data, x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h, altText: title });
}

/** The first rows of a chart's data as text lines, so the presenter sees the numbers. */
function dataNoteLines(deck: Deck, table: DocTable): string[] {
  if (table.rows.length === 0) return [];
  const rows = table.text.slice(0, NOTE_DATA_ROWS).map((row) => row.join(' | '));
  const more = (table.totalRows ?? table.rows.length) - rows.length;
  return [deck.t('report.pptx.notesData'), table.columns.map((column) => column.label).join(' | '), ...rows, ...(more > 0 ? [deck.t('report.pptx.notesMore', { count: more })] : [])];
}

// ---- dashboards ---------------------------------------------------------------------------------

type DashboardBlock = Extract<DocBlock, { kind: 'dashboard' }>;

function addDashboardSlides(deck: Deck, block: DashboardBlock): number {
  const charts = block.charts.map((entry, index) => ({ ...entry, index }));
  const pages: (typeof charts)[] = [];
  for (let i = 0; i < charts.length; i += CHARTS_PER_SLIDE) pages.push(charts.slice(i, i + CHARTS_PER_SLIDE));
  if (pages.length === 0) pages.push([]);
  pages.forEach((page, p) => {
    const { slide, top } = contentSlide(deck, p === 0 ? block.title : `${block.title} (${p + 1})`, block.context);
    let y = top + 0.1;
    const cards = p === 0 ? block.kpis : [];
    if (cards.length > 0) {
      const rows = Math.ceil(cards.length / 6);
      const h = page.length === 0 ? Math.min(2.0 * rows, BODY_BOTTOM - y) : 1.25 * rows + 0.2 * (rows - 1);
      addKpiCards(deck, slide, cards, { x: MARGIN, y, w: CONTENT_W, h }, 6);
      y += h + 0.25;
    }
    const cells = gridCells(page.length, { x: MARGIN, y, w: CONTENT_W, h: BODY_BOTTOM - y });
    page.forEach((entry, i) => {
      const cell = cells[i]!;
      slide.addText(entry.title, { x: cell.x, y: cell.y, w: cell.w, h: 0.3, fontSize: 12, bold: true, color: INK, fontFace: deck.font, margin: 0, valign: 'top' });
      addChart(deck, slide, entry.chart, `${block.id}/${entry.index}`, entry.title, { x: cell.x, y: cell.y + 0.35, w: cell.w, h: cell.h - 0.35 }, true);
    });
    addNotes(slide, [
      block.title,
      ...block.context,
      ...cards.map((card) => kpiLine(deck, card)),
      ...page.flatMap((entry) => ['', entry.title, ...dataNoteLines(deck, entry.chart.data)]),
    ]);
  });
  return pages.length;
}

/** Up to four cells: side by side when there is room for them, two by two for four. */
function gridCells(count: number, box: Box): Box[] {
  if (count === 0) return [];
  const columns = count === 4 ? 2 : count;
  const rows = Math.ceil(count / columns);
  const gap = 0.3;
  const w = (box.w - gap * (columns - 1)) / columns;
  const h = (box.h - gap * (rows - 1)) / rows;
  return Array.from({ length: count }, (_, i) => ({ x: box.x + (i % columns) * (w + gap), y: box.y + Math.floor(i / columns) * (h + gap), w, h }));
}

// ---- tables -------------------------------------------------------------------------------------

/** A table over as many slides as it needs, the header repeated, "(2/3)" after the title. */
function addTableSlides(deck: Deck, title: string, context: readonly string[], table: DocTable, notes: readonly string[]): number {
  const pages = Math.max(1, Math.ceil(table.rows.length / TABLE_ROWS_PER_SLIDE));
  const cut = table.totalRows !== undefined && table.totalRows > table.rows.length;
  for (let page = 0; page < pages; page++) {
    const { slide, top } = contentSlide(deck, pages > 1 ? `${title} (${page + 1}/${pages})` : title, context);
    const from = page * TABLE_ROWS_PER_SLIDE;
    const to = Math.min(table.rows.length, from + TABLE_ROWS_PER_SLIDE);
    addTable(deck, slide, table, from, to, { x: MARGIN, y: top + 0.1, w: CONTENT_W, h: BODY_BOTTOM - top - 0.5 }, table.columns.length > 7 ? 10 : 12, TABLE_ROW_H);
    if (cut && page === pages - 1) {
      const shown = deck.t('report.pptx.rowsShown', { shown: table.rows.length, total: table.totalRows ?? table.rows.length });
      slide.addText(shown, { x: MARGIN, y: BODY_BOTTOM - 0.3, w: CONTENT_W, h: 0.3, fontSize: 11, italic: true, color: MUTED, fontFace: deck.font, margin: 0, valign: 'middle' });
    }
    addNotes(slide, notes);
  }
  return pages;
}

const isNumeric = (column: DocColumn): boolean => column.type === 'integer' || column.type === 'number';

/** Rows `from`–`to` of a table with its header. Every text that came from the data is written
 * inert: a table pasted from the slide into a spreadsheet must not run formulas. The cells of
 * numeric columns are numbers the engine formatted (`+94 %`, `−0.11`) and are shown as they are. */
function tableRows(table: DocTable, from: number, to: number): TableRow[] {
  const totals = new Set(table.totalRowIndexes ?? []);
  const header: TableRow = table.columns.map((column) => ({
    text: neutraliseFormula(column.label),
    options: { bold: true, fill: { color: HEADER_FILL }, align: isNumeric(column) ? 'right' : 'left' },
  }));
  const body = table.text.slice(from, to).map((row, r): TableRow =>
    table.columns.map((column, c) => ({
      text: isNumeric(column) ? (row[c] ?? '') : neutraliseFormula(row[c] ?? ''),
      options: { bold: totals.has(from + r), color: column.detail === true ? MUTED : INK, align: isNumeric(column) ? 'right' : 'left' },
    })),
  );
  return [header, ...body];
}

function addTable(deck: Deck, slide: Slide, table: DocTable, from: number, to: number, box: Box, fontSize: number, rowH: number): void {
  if (table.columns.length === 0) return;
  slide.addTable(tableRows(table, from, to), {
    x: box.x,
    y: box.y,
    w: box.w,
    colW: columnWidths(table, box.w),
    rowH,
    fontSize,
    fontFace: deck.font,
    color: INK,
    valign: 'middle',
    border: { type: 'solid', pt: 0.5, color: RULE },
  });
}

/** Width in half-ems: a CJK character takes two. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

/** Columns share the width by how wide their text runs (within bounds, so one long cell cannot starve the rest). */
function columnWidths(table: DocTable, width: number): number[] {
  const weights = table.columns.map((column, c) => {
    const cells = table.text.slice(0, 50).map((row) => textWidth(row[c] ?? ''));
    return Math.min(40, Math.max(isNumeric(column) ? 8 : 6, textWidth(column.label), ...cells));
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => (width * weight) / sum);
}

// ---- boards and explainers ----------------------------------------------------------------------

type BoardBlock = Extract<DocBlock, { kind: 'board' }>;
type ExplainerBlock = Extract<DocBlock, { kind: 'explainer' }>;

/** Text lines stacked in a box at the top of the body; returns where the body continues. */
function addLines(deck: Deck, slide: Slide, lines: readonly string[], top: number): number {
  if (lines.length === 0) return top;
  const h = Math.min(1.4, 0.34 * lines.length);
  slide.addText(lines.join('\n'), { x: MARGIN, y: top + 0.05, w: CONTENT_W, h, fontSize: 14, color: INK, fontFace: deck.font, valign: 'top', margin: 0, fit: 'shrink' });
  return top + h + 0.15;
}

function addBoardSlides(deck: Deck, block: BoardBlock): number {
  const { slide, top } = contentSlide(deck, block.title, block.context);
  const below = addLines(deck, slide, block.problem, top);
  addPicture(slide, requireImage(deck, block.id, block.title), { x: MARGIN, y: below, w: CONTENT_W, h: BODY_BOTTOM - below }, block.title);
  addNotes(slide, [block.title, ...block.context, ...block.problem]);
  if (block.whys.rows.length === 0) return 1;
  const title = deck.t('report.pptx.whys', { title: block.title });
  return 1 + addTableSlides(deck, title, block.context, block.whys, [title, ...block.context, ...block.problem]);
}

/** The waterfall across a slide of its own under the summary, then the ranked candidates as a table slide. */
function addExplainerSlides(deck: Deck, block: ExplainerBlock): number {
  const { slide, top } = contentSlide(deck, block.title, block.context);
  const below = addLines(deck, slide, block.summary, top);
  const chartBox = { x: MARGIN, y: below, w: CONTENT_W, h: BODY_BOTTOM - below };
  if (block.chart.native !== null) addNativeChart(deck, slide, block.chart.native, block.chart.data, chartBox, false, block.title);
  else addPicture(slide, requireImage(deck, `${block.id}/waterfall`, block.title), chartBox, block.title);
  addNotes(slide, [block.title, ...block.context, ...block.summary, ...dataNoteLines(deck, block.chart.data)]);
  if (block.candidates.rows.length === 0 || block.candidates.columns.length === 0) return 1;
  const shown = Math.min(CANDIDATE_ROWS, block.candidates.rows.length);
  const candidates: DocTable = { ...block.candidates, rows: block.candidates.rows.slice(0, shown), text: block.candidates.text.slice(0, shown) };
  const title = `${block.title} · ${deck.t('board.explain.candidates', { n: block.candidates.rows.length })}`;
  return 1 + addTableSlides(deck, title, block.context, candidates, [title, ...block.context, ...dataNoteLines(deck, block.candidates)]);
}

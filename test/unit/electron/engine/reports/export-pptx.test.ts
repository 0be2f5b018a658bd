import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { pptxImageKeys, reportPptx, textPages, type SlideImages } from '../../../../../electron/engine/reports/export-pptx';
import type { Locale } from '../../../../../shared/i18n/messages';
import type { DocBlock, DocParagraph, DocTable, ReportDocument } from '../../../../../shared/report/report-document';
import { solidPng } from '../../../../support/png';
import { INJECTION_CELLS, sampleReportDocument } from '../../../../support/report-document-fixture';

type Block<K extends DocBlock['kind']> = Extract<DocBlock, { kind: K }>;

function blockOf<K extends DocBlock['kind']>(doc: ReportDocument, id: string, kind: K): Block<K> {
  const block = doc.blocks.find((b) => b.id === id);
  if (block?.kind !== kind) throw new Error(`no ${kind} block ${id}`);
  return block as Block<K>;
}

/** The fixture plus what it lacks: a dashboard of five charts (two slides), a 30-row table (three
 * slides), more native chart types, and text that XML must escape. */
function extendedDocument(locale: Locale): ReportDocument {
  const doc = sampleReportDocument(locale);
  const kpis = blockOf(doc, 'b3', 'kpis');
  const line = blockOf(doc, 'b4', 'chart');
  const bars = blockOf(doc, 'b5', 'chart');
  const box = blockOf(doc, 'b6', 'chart');
  const categories = blockOf(doc, 'b9', 'table').table;
  const long: DocTable = {
    columns: categories.columns,
    rows: Array.from({ length: 30 }, (_, i) => [`Row ${i + 1}`, i, 50]),
    text: Array.from({ length: 30 }, (_, i) => [i === 29 ? 'Total' : `Row ${i + 1}`, String(i), '50.0 %']),
    totalRowIndexes: [29],
  };
  const extra: DocBlock[] = [
    {
      id: 'd1',
      kind: 'dashboard',
      title: 'Service dashboard',
      context: line.context,
      kpis: kpis.cards,
      charts: [
        { title: 'Volume', chart: line.chart },
        { title: 'Spread', chart: box.chart },
        { title: 'As a table', chart: { kind: 'table', figure: null, native: null, data: categories } },
        { title: 'By channel', chart: { ...bars.chart, kind: 'bar_stacked', native: { type: 'bar', grouping: 'stacked', horizontal: true, categories: ['Phone', 'Mail'], series: [{ name: 'Open', values: [3, 4] }, { name: '+Closed', values: [5, null] }], numberFormat: '#,##0' } } },
        { title: 'Wait against CSAT', chart: { ...bars.chart, kind: 'scatter', native: { type: 'scatter', categories: ['1', '2', '3'], series: [{ name: 'CSAT', values: [4.1, 3.9, 4.4], x: [1, 2, 3] }], numberFormat: '0.0', categoryAxisTitle: 'Wait (h)' } } },
      ],
    },
    {
      id: 'c7',
      kind: 'chart',
      title: 'Channel share',
      context: [],
      chart: { kind: 'donut', figure: null, native: { type: 'doughnut', categories: ['Phone', '-Mail', 'Chat'], series: [{ name: 'Tickets', values: [50, 30, 20] }], numberFormat: '0' }, data: bars.chart.data },
    },
    { id: 't2', kind: 'table', title: 'All rows', context: [], table: long },
    { id: 'x1', kind: 'text', title: 'Escapes', context: [], paragraphs: [{ kind: 'paragraph', runs: [{ text: 'Tickets < 5 & rising' }, { text: ' "quoted"', bold: true }] }] },
  ];
  return { ...doc, blocks: [...doc.blocks, ...extra] };
}

/** How many slides a document makes, counted from its blocks independently of the exporter. */
function expectedSlides(doc: ReportDocument): number {
  const pages = (rows: number, per: number): number => Math.max(1, Math.ceil(rows / per));
  return doc.blocks.reduce((sum, block) => {
    switch (block.kind) {
      case 'pageBreak':
        return sum;
      case 'table':
      case 'actions':
        return sum + pages(block.table.rows.length, 14);
      case 'chart':
        return sum + (['table', 'pivot', 'kpi'].includes(block.chart.kind) ? pages(block.chart.data.rows.length, 14) : 1);
      case 'dashboard':
        return sum + pages(block.charts.length, 4);
      case 'board':
        return sum + 1 + (block.whys.rows.length > 0 ? pages(block.whys.rows.length, 14) : 0);
      case 'explainer':
        return sum + 1 + (block.candidates.rows.length > 0 ? pages(Math.min(10, block.candidates.rows.length), 14) : 0);
      default:
        return sum + 1;
    }
  }, 0);
}

/** Distinct sizes, so each picture's bytes can be found again in the deck. */
function imagesFor(doc: ReportDocument): Map<string, ReturnType<typeof solidPng>> {
  return new Map(pptxImageKeys(doc).map((key, i) => [key, solidPng(80 + 10 * i, 40 + 5 * i, [i * 40, 114, 178])]));
}

interface Deck {
  readonly doc: ReportDocument;
  readonly images: SlideImages;
  readonly bytes: Uint8Array;
  readonly zip: JSZip;
}

async function makeDeck(locale: Locale): Promise<Deck> {
  const doc = extendedDocument(locale);
  const images = imagesFor(doc);
  const bytes = await reportPptx(doc, images);
  return { doc, images, bytes, zip: await JSZip.loadAsync(bytes) };
}

function names(zip: JSZip, pattern: RegExp): string[] {
  const number = (name: string): number => Number(/(\d+)\.\w+$/.exec(name)?.[1] ?? 0);
  return Object.keys(zip.files)
    .filter((name) => pattern.test(name))
    .sort((a, b) => number(a) - number(b));
}

async function text(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (file === null) throw new Error(`${name} is not in the deck`);
  return file.async('string');
}

function decode(xml: string): string {
  return xml
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The texts of `<tag>` elements (DrawingML `a:t`, SpreadsheetML `t`, chart caches `c:v`). */
function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => decode(m[1]!));
}

const slideTitle = (xml: string): string => texts(xml, 'a:t')[0] ?? '';
const FORMULA_START = /^[=+\-@\t\r]/;

describe('reportPptx', () => {
  it('makes one slide per block, native charts with their workbooks, notes and pictures', async () => {
    const { doc, images, bytes, zip } = await makeDeck('en');
    const expected = expectedSlides(doc);
    // the fixture's 12 slides and its explainer's candidates, then the dashboard (2), the donut, the long table (3), the escapes
    expect(expected).toBe(14 + 2 + 1 + 3 + 1);

    const slides = names(zip, /^ppt\/slides\/slide\d+\.xml$/);
    expect(slides).toHaveLength(expected);
    const contentTypes = await text(zip, '[Content_Types].xml');
    for (let n = 1; n <= expected; n++) expect(contentTypes).toContain(`/ppt/slides/slide${n}.xml`);
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');

    const slideXml = await Promise.all(slides.map((name) => text(zip, name)));
    expect(slideXml.map(slideTitle)).toEqual([
      'Monthly service review',
      'Key figures',
      'Key figures',
      'Ticket volume',
      'Top categories',
      'Response time spread',
      'Notes',
      'Categories in detail',
      'Sichuan CSAT drop',
      'Sichuan CSAT drop: the 5 Whys',
      'Where it moved',
      'Where it moved · Candidate causes (1)',
      'Actions',
      'A deleted chart',
      'Service dashboard',
      'Service dashboard (2)',
      'Channel share',
      'All rows (1/3)',
      'All rows (2/3)',
      'All rows (3/3)',
      'Escapes',
    ]);
    // the title slide, the KPI cards with a worse change in vermillion, the cut table's note, the missing block
    expect(texts(slideXml[0]!, 'a:t')).toEqual(expect.arrayContaining(['October 2024 vs September 2024', 'Source: demo.rootwise']));
    expect(slideXml[2]).toMatch(/<a:srgbClr val="D55E00"\/><\/a:solidFill>[^]*?<a:t>−3\.1 pts<\/a:t>/);
    expect(texts(slideXml[2]!, 'a:t')).toEqual(expect.arrayContaining(['5,230', '81.4 %', '   Previous: 84.5 %']));
    expect(texts(slideXml[7]!, 'a:t')).toContain('Showing 9 of 120 rows');
    expect(texts(slideXml[13]!, 'a:t')).toContain('Chart #9 was deleted.');
    // a long table continues with its header repeated; the total row is bold
    for (const xml of slideXml.slice(17, 20)) expect(texts(xml, 'a:t')).toContain('Category');
    expect(slideXml.slice(17, 20).map((xml) => xml.match(/<a:tr /g)?.length)).toEqual([15, 15, 3]);
    expect(slideXml[19]).toMatch(/b="1"[^>]*>(?:(?!<\/a:r>)[^])*<a:t>Total<\/a:t>/);
    // numbers are right-aligned, text left
    expect(slideXml[7]).toMatch(/<a:pPr algn="r"[^>]*>(?:(?!<\/a:p>)[^])*<a:t>1,204<\/a:t>/);
    // the paragraph properties pptxgenjs repeats before each run are gone (PowerPoint 2016 refuses them)
    for (const xml of slideXml) expect(xml).not.toMatch(/<\/a:r><a:pPr/);
    expect(slideXml[6]).toMatch(/<a:t>CSAT in <\/a:t>(?:(?!<\/a:p>)[^])*<a:t>Sichuan dropped<\/a:t>/);
    // escaped by pptxgenjs, not lost
    expect(slideXml[20]).toContain('<a:t>Tickets &lt; 5 &amp; rising</a:t>');

    // native charts: line, bar, stacked horizontal bars, scatter, doughnut; each with its workbook
    const charts = names(zip, /^ppt\/charts\/chart\d+\.xml$/);
    const chartXml = await Promise.all(charts.map((name) => text(zip, name)));
    for (const kind of ['lineChart', 'barChart', 'scatterChart', 'doughnutChart']) expect(chartXml.some((xml) => xml.includes(`<c:${kind}>`))).toBe(true);
    const horizontal = chartXml.find((xml) => xml.includes('<c:barDir val="bar"/>'));
    expect(horizontal).toContain('<c:grouping val="stacked"/>');
    const columns = chartXml.find((xml) => xml.includes('<c:barDir val="col"/>'));
    expect(columns).toContain('<c:grouping val="clustered"/>');
    expect(columns).toContain('formatCode="#,##0"');
    expect(chartXml.find((xml) => xml.includes('<c:lineChart>'))).toContain('Tickets');
    for (const name of charts) {
      const rels = await text(zip, name.replace('charts/', 'charts/_rels/') + '.rels');
      const target = /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(rels)?.[1];
      expect(target, name).toBeDefined();
      expect(zip.file(`ppt/embeddings/${target!}`), name).not.toBeNull();
    }
    expect(chartXml).toHaveLength(1 + 1 + 1 + 2 + 1);

    // speaker notes on every slide, with the context and, for a chart, its numbers
    const notes = names(zip, /^ppt\/notesSlides\/notesSlide\d+\.xml$/);
    expect(notes).toHaveLength(expected);
    const notesText = await Promise.all(notes.map(async (name) => texts(await text(zip, name), 'a:t').join('\n')));
    expect(notesText[4]).toContain('Period: Oct 1, 2024 – Oct 31, 2024');
    expect(notesText[4]).toContain('Filters: Channel = Phone');
    expect(notesText[4]).toContain('Late delivery | 1,204 | 62.5 %');
    expect(notesText[14]).toContain('SLA attainment: 81.4 % (−3.1 pts; Previous: 84.5 %)');

    // the pictures the caller drew (the box chart, the board, the waterfall, the dashboard's box chart), byte for byte
    const media = await Promise.all(names(zip, /^ppt\/media\/.+\.png$/).map((name) => zip.file(name)!.async('nodebuffer')));
    expect([...images.keys()]).toEqual(['b6', 'b10', 'b11/waterfall', 'd1/1']);
    for (const [key, image] of images) expect(media.some((png) => png.equals(Buffer.from(image.png))), key).toBe(true);
    // kept to its aspect: the box chart's picture is 80 × 40 px
    const picture = /<p:pic>[^]*?<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(slideXml[5]!);
    expect(Number(picture![1]) / Number(picture![2])).toBeCloseTo(2, 2);
  });

  it('writes a Chinese deck in a Chinese typeface', async () => {
    const { zip } = await makeDeck('zh-CN');
    const first = await text(zip, 'ppt/slides/slide1.xml');
    expect(slideTitle(first)).toBe('月度服务复盘');
    expect(first).toContain('typeface="Microsoft YaHei"');
    expect(first).not.toContain('typeface="Calibri"');
    expect(texts(await text(zip, 'ppt/slides/slide10.xml'), 'a:t')[0]).toBe('四川满意度下降：五问分析');
    expect(texts(await text(zip, 'ppt/notesSlides/notesSlide3.xml'), 'a:t').join('\n')).toContain('期间：2024年10月1日 – 2024年10月31日');
  });

  it('writes no table cell and no chart workbook cell a spreadsheet would run as a formula', async () => {
    const { zip } = await makeDeck('en');
    const cells: string[] = [];
    for (const name of names(zip, /^ppt\/slides\/slide\d+\.xml$/)) {
      for (const cell of texts(await text(zip, name), 'a:tc')) cells.push(texts(cell, 'a:t').join(''));
    }
    for (const name of names(zip, /^ppt\/charts\/chart\d+\.xml$/)) cells.push(...texts(await text(zip, name), 'c:v'));
    const workbooks = names(zip, /^ppt\/embeddings\/.+\.xlsx$/);
    expect(workbooks.length).toBeGreaterThanOrEqual(5);
    for (const name of workbooks) {
      const workbook = await JSZip.loadAsync(await zip.file(name)!.async('uint8array'));
      cells.push(...texts(await text(workbook, 'xl/sharedStrings.xml'), 't'));
      cells.push(...texts(await text(workbook, 'xl/worksheets/sheet1.xml'), 't'));
    }
    // the check saw the fixture's formula-like cells, written inert with a leading quote
    for (const cell of INJECTION_CELLS) expect(cells).toContain(`'${cell}`);
    expect(cells).toContain("'+Closed");
    expect(cells).toContain("'-Mail");
    expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
  });

  it('lists the pictures it needs and refuses to go without one', async () => {
    const doc = sampleReportDocument('en');
    expect(pptxImageKeys(doc)).toEqual(['b6', 'b10', 'b11/waterfall']);
    const images = imagesFor(doc);
    images.delete('b10');
    await expect(reportPptx(doc, images)).rejects.toMatchObject({ key: 'error.export.imageMissing', params: { block: 'Sichuan CSAT drop' } });
    images.set('b10', { png: new Uint8Array([1, 2, 3]), width: 10, height: 10 });
    await expect(reportPptx(doc, images)).rejects.toMatchObject({ key: 'error.export.imageMissing', params: { block: 'Sichuan CSAT drop' } });
  });

  it('shows the data of a chart with nothing to plot, and drops characters XML cannot hold', async () => {
    const doc = sampleReportDocument('en');
    const line = blockOf(doc, 'b4', 'chart');
    const empty: DocBlock = {
      ...line,
      title: 'Nothing\u0001 yet',
      chart: { ...line.chart, native: { type: 'line', categories: [], series: [], numberFormat: '0' }, data: { columns: line.chart.data.columns, rows: [], text: [] } },
    };
    const zip = await JSZip.loadAsync(await reportPptx({ ...doc, blocks: [empty] }, new Map()));
    expect(names(zip, /^ppt\/slides\/slide\d+\.xml$/)).toHaveLength(1);
    const slide = await text(zip, 'ppt/slides/slide1.xml');
    expect(slideTitle(slide)).toBe('Nothing yet');
    expect(texts(slide, 'a:t')).toContain('Created month');
    expect(names(zip, /^ppt\/charts\/chart\d+\.xml$/)).toEqual([]);
  });

  it('stops when the export is cancelled, before or between slides', async () => {
    const doc = sampleReportDocument('en');
    const images = imagesFor(doc);
    await expect(reportPptx(doc, images, { signal: AbortSignal.abort() })).rejects.toMatchObject({ key: 'error.export.cancelled' });
    const controller = new AbortController();
    const running = reportPptx(doc, images, { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ key: 'error.export.cancelled' });
  });
});

const TOOLS_MISSING = 'LibreOffice and poppler are needed to check that the deck opens: run `apt-get install -y --no-install-recommends libreoffice-impress poppler-utils`';

function onPath(tool: string): boolean {
  return (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, tool)));
}

describe('a deck LibreOffice opens', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rootwise-pptx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts to a PDF with one page per slide holding the slides’ text', { timeout: 90_000 }, async () => {
    for (const tool of ['soffice', 'pdftotext', 'pdfinfo']) expect(onPath(tool), `${tool} is missing. ${TOOLS_MISSING}`).toBe(true);
    const decks = await Promise.all((['en', 'zh-CN'] as const).map(async (locale) => ({ locale, deck: await makeDeck(locale) })));
    for (const { locale, deck } of decks) writeFileSync(path.join(dir, `${locale}.pptx`), deck.bytes);
    const started = Date.now();
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'en.pptx'), path.join(dir, 'zh-CN.pptx')], {
      timeout: 80_000,
      stdio: 'pipe',
    });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(80);
    for (const { locale, deck } of decks) {
      const pdf = path.join(dir, `${locale}.pdf`);
      expect(existsSync(pdf), `LibreOffice made no PDF of the ${locale} deck`).toBe(true);
      const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1];
      expect(Number(pages)).toBe(expectedSlides(deck.doc));
      execFileSync('pdftotext', ['-layout', pdf, `${pdf}.txt`]);
      const words = readFileSync(`${pdf}.txt`, 'utf8');
      expect(words).toContain(deck.doc.title);
      expect(words).toContain('5,230');
      if (locale === 'zh-CN') expect(words).toContain('月度服务复盘');
      else expect(words).toContain('Tickets < 5 & rising');
    }
  });
});

describe('long text blocks', () => {
  const paragraph = (i: number, zh: boolean): DocParagraph => ({ kind: 'paragraph', runs: [{ text: zh ? `第 ${i} 段：四川地区的满意度在十月明显下降，主要与物流承运商更换有关。`.repeat(3) : `Paragraph ${i}: CSAT in Sichuan fell in October, mostly with the change of carrier. `.repeat(3) }] });

  it('fills slides in order, every paragraph once, Chinese taking more room than Latin', () => {
    const latin = Array.from({ length: 30 }, (_, i) => paragraph(i, false));
    const pages = textPages(latin, 5.4);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(latin);
    const chinese = textPages(Array.from({ length: 30 }, (_, i) => paragraph(i, true)), 5.4);
    expect(chinese.length).toBeGreaterThanOrEqual(pages.length);
    expect(textPages([paragraph(1, false)], 5.4)).toEqual([[paragraph(1, false)]]);
  });

  it('continues a long text block on further slides titled (i/n), its words in the notes of each', async () => {
    const doc: ReportDocument = { ...sampleReportDocument('en'), blocks: [{ id: 't', kind: 'text', title: 'Notes', context: [], paragraphs: Array.from({ length: 30 }, (_, i) => paragraph(i, false)) }] };
    const zip = await JSZip.loadAsync(await reportPptx(doc, new Map()));
    const slides = names(zip, /^ppt\/slides\/slide\d+\.xml$/);
    expect(slides.length).toBeGreaterThan(1);
    const titles = await Promise.all(slides.map(async (name) => slideTitle(await text(zip, name))));
    expect(titles).toEqual(slides.map((_, i) => `Notes (${i + 1}/${slides.length})`));
    const all = (await Promise.all(slides.map((name) => text(zip, name)))).join('');
    for (let i = 0; i < 30; i++) expect(all).toContain(`Paragraph ${i}:`);
  });
});

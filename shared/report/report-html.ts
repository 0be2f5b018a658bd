import type { Figure } from '../chart/chart-figure';
import { format } from '../i18n/messages';
import type { DocBlock, DocChart, DocKpiCard, DocParagraph, DocRun, DocTable, ReportDocument } from './report-document';

/**
 * A report document as one self-contained HTML file: the text, tables and pictures in the markup,
 * the charts drawn by plotly from figures embedded as JSON, fonts inlined by the caller, and a
 * content security policy that lets nothing leave the page. In `print` mode the same file is laid
 * out for paper (the engine prints it with Chromium): fixed-width pages, static charts, each block
 * kept whole where it fits, and a script that works out on which page every block lands so the
 * table of contents can say so. `window.__reportReady` turns true once every chart is drawn.
 */
export interface ReportHtmlOptions {
  readonly mode: 'interactive' | 'print';
  /** plotly.min.js. */
  readonly plotly: string;
  /** `@font-face` rules (data URLs). */
  readonly fontCss: string;
}

/** Page sizes in millimetres, and the margins the printer leaves (the footer sits in the bottom one). */
export const PAGE_MM = { A4: { width: 210, height: 297 }, Letter: { width: 215.9, height: 279.4 } } as const;
export const PAGE_MARGIN_MM = { top: 12, right: 12, bottom: 16, left: 12 } as const;
const PX_PER_MM = 96 / 25.4;

/** The printable area of a page in CSS pixels. */
export function printableArea(page: ReportDocument['page']): { readonly width: number; readonly height: number } {
  const size = PAGE_MM[page.size];
  const [w, h] = page.orientation === 'landscape' ? [size.height, size.width] : [size.width, size.height];
  return {
    width: Math.floor((w - PAGE_MARGIN_MM.left - PAGE_MARGIN_MM.right) * PX_PER_MM),
    height: Math.floor((h - PAGE_MARGIN_MM.top - PAGE_MARGIN_MM.bottom) * PX_PER_MM),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that can sit inside a <script> element: no `</script>`, no HTML comment openers. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const TONE_CLASS = { better: 'is-better', worse: 'is-worse', neutral: 'is-neutral' } as const;

function sparkline(values: readonly (number | null)[]): string {
  const points = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (points.length < 2) return '';
  const ys = points.map((p) => p[1]);
  const min = Math.min(...ys);
  const span = Math.max(...ys) - min || 1;
  const last = values.length - 1 || 1;
  const path = points.map(([i, v]) => `${((i / last) * 118 + 1).toFixed(1)},${(30 - ((v - min) / span) * 28).toFixed(1)}`).join(' ');
  return `<svg class="spark" viewBox="0 0 120 32" width="120" height="32" aria-hidden="true"><polyline points="${path}" fill="none" stroke="#0072B2" stroke-width="1.6"/></svg>`;
}

function kpiCards(cards: readonly DocKpiCard[], locale: ReportDocument['locale']): string {
  if (cards.length === 0) return '';
  const items = cards.map((card) => {
    const previous = card.change === undefined ? '' : format(locale, 'report.kpi.previous', { value: card.change.previousText });
    const change = card.change === undefined ? '' : `<div class="kpi-change ${TONE_CLASS[card.change.tone]}">${escapeHtml(card.change.text)} <span class="kpi-prev">${escapeHtml(previous)}</span></div>`;
    return `<div class="kpi"><div class="kpi-label">${escapeHtml(card.label)}</div><div class="kpi-value">${escapeHtml(card.valueText)}</div>${change}${sparkline(card.trend)}</div>`;
  });
  return `<div class="kpis">${items.join('')}</div>`;
}

function runs(list: readonly DocRun[]): string {
  return list
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.italic === true) html = `<em>${html}</em>`;
      if (run.bold === true) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function paragraphs(list: readonly DocParagraph[]): string {
  return list
    .map((p) => {
      if (p.kind === 'heading') return `<h${p.level + 2} class="md-h">${runs(p.runs)}</h${p.level + 2}>`;
      if (p.kind === 'paragraph') return `<p>${runs(p.runs)}</p>`;
      const tag = p.ordered ? 'ol' : 'ul';
      return `<${tag}>${p.items.map((item) => `<li>${runs(item)}</li>`).join('')}</${tag}>`;
    })
    .join('');
}

/** A table whose head (the block's title and context, then the column labels) repeats on every page it spans. */
function table(t: DocTable, caption: { readonly title: string; readonly context: readonly string[] } | null, locale: ReportDocument['locale']): string {
  const numeric = t.columns.map((c) => c.type === 'integer' || c.type === 'number');
  const head = t.columns.map((c, i) => `<th scope="col" class="${numeric[i] === true ? 'num' : ''}${c.detail === true ? ' detail' : ''}">${escapeHtml(c.label)}</th>`).join('');
  const captionRow =
    caption === null || (caption.title === '' && caption.context.length === 0)
      ? ''
      : `<tr class="caption-row"><th colspan="${t.columns.length}">${caption.title === '' ? '' : `<span class="cap-title">${escapeHtml(caption.title)}</span>`}${caption.context.map((c) => `<span class="cap-context">${escapeHtml(c)}</span>`).join('')}</th></tr>`;
  const totals = new Set(t.totalRowIndexes ?? []);
  const body = t.text
    .map((row, r) => `<tr${totals.has(r) ? ' class="total"' : ''}>${row.map((cell, i) => `<td class="${numeric[i] === true ? 'num' : ''}${t.columns[i]?.detail === true ? ' detail' : ''}">${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  const more = t.totalRows !== undefined && t.totalRows > t.rows.length ? `<p class="note">${escapeHtml(format(locale, 'report.table.more', { shown: t.rows.length.toLocaleString(locale), total: t.totalRows.toLocaleString(locale) }))}</p>` : '';
  return `<table class="data"><thead>${captionRow}<tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

function contextLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `<p class="context">${lines.map(escapeHtml).join('<span class="sep"> · </span>')}</p>`;
}

interface Rendered {
  readonly html: string;
  readonly figures: { readonly id: string; readonly figure: Figure; readonly height: number }[];
}

function chartBody(id: string, chart: DocChart, height: number, locale: ReportDocument['locale'], figures: Rendered['figures']): string {
  if (chart.figure === null) return table(chart.data, null, locale);
  figures.push({ id, figure: chart.figure, height });
  return `<div class="chart" id="${escapeHtml(id)}" style="height:${height}px"></div>`;
}

/** Blocks right under a heading of the same words (the template's "Key figures" over its KPI cards): their own title is not repeated. */
function underSameHeading(doc: ReportDocument): ReadonlySet<string> {
  const ids = new Set<string>();
  doc.blocks.forEach((b, i) => {
    const before = doc.blocks[i - 1];
    if (before?.kind === 'heading' && b.kind !== 'heading' && before.title === b.title) ids.add(b.id);
  });
  return ids;
}

function blockHtml(block: DocBlock, doc: ReportDocument, chartHeight: number, figures: Rendered['figures'], untitled: boolean): string {
  const { locale } = doc;
  const head = (tag: string): string => `${untitled ? '' : `<${tag} class="block-title">${escapeHtml(block.title)}</${tag}>`}${contextLines(block.context)}`;
  // a table's head repeats on every page it spans, so its title and context go there
  const caption = { title: untitled ? '' : block.title, context: block.context };
  const attrs = (kind: string, extra = ''): string => `class="block block-${kind}${extra}" id="${escapeHtml(block.id)}" data-title="${escapeHtml(block.title)}"`;
  switch (block.kind) {
    case 'title':
      return `<section ${attrs('title')} data-break="after"><div class="cover"><h1>${escapeHtml(block.title)}</h1><p class="subtitle">${escapeHtml(block.subtitle)}</p><p class="meta">${escapeHtml(doc.source)} · ${escapeHtml(new Date(doc.generatedAt).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' }))}</p></div></section>`;
    case 'heading':
      return block.level === 1 ? `<section ${attrs('heading', ' level-1')} data-break="before"><h1 class="section">${escapeHtml(block.title)}</h1></section>` : `<section ${attrs('heading', ' level-2')}><h2 class="section">${escapeHtml(block.title)}</h2></section>`;
    case 'text':
      return `<section ${attrs('text')} data-split="yes">${paragraphs(block.paragraphs)}</section>`;
    case 'pageBreak':
      return `<section ${attrs('break')} data-break="after"></section>`;
    case 'kpis':
      return `<section ${attrs('kpis')}>${head('h2')}${kpiCards(block.cards, locale)}</section>`;
    case 'chart':
      if (block.chart.figure === null) return `<section ${attrs('table')} data-split="yes">${table(block.chart.data, caption, locale)}</section>`;
      return `<section ${attrs('chart')}>${head('h2')}${chartBody(`${block.id}-chart`, block.chart, chartHeight, locale, figures)}</section>`;
    case 'dashboard': {
      const charts = block.charts.map((c, i) => `<div class="tile"><h3>${escapeHtml(c.title)}</h3>${chartBody(`${block.id}-tile-${i}`, c.chart, Math.round(chartHeight * 0.62), locale, figures)}</div>`).join('');
      return `<section ${attrs('dashboard')} data-split="yes">${head('h2')}${kpiCards(block.kpis, locale)}<div class="tiles">${charts}</div></section>`;
    }
    case 'table':
      return `<section ${attrs('table')} data-split="yes">${table(block.table, caption, locale)}</section>`;
    case 'board': {
      const whys = block.whys.rows.length === 0 ? '' : `<h3>${escapeHtml(format(locale, 'board.why.title'))}</h3>${table(block.whys, null, locale)}`;
      return `<section ${attrs('board')} data-split="yes">${head('h2')}${contextLines(block.problem)}<div class="board-svg" style="aspect-ratio:${block.svgSize.width}/${block.svgSize.height}">${block.svg}</div>${whys}</section>`;
    }
    case 'explainer': {
      const summary = block.summary.map((s) => `<p class="summary">${escapeHtml(s)}</p>`).join('');
      const candidates = block.candidates.rows.length === 0 ? '' : table(block.candidates, null, locale);
      return `<section ${attrs('explainer')} data-split="yes">${head('h2')}${summary}${block.chart.figure === null ? '' : chartBody(`${block.id}-waterfall`, block.chart, chartHeight, locale, figures)}${candidates}</section>`;
    }
    case 'actions':
      return `<section ${attrs('actions')} data-split="yes">${block.table.rows.length === 0 ? head('h2') : table(block.table, caption, locale)}</section>`;
    case 'missing':
      return `<section ${attrs('missing')}>${head('h2')}<p class="missing">${escapeHtml(block.message)}</p></section>`;
  }
}

/** Blocks listed in the table of contents: sections and everything with a title of its own. */
function tocEntries(doc: ReportDocument): DocBlock[] {
  const repeated = underSameHeading(doc);
  return doc.blocks.filter((b) => b.kind !== 'title' && b.kind !== 'pageBreak' && b.title !== '' && !repeated.has(b.id));
}

function toc(doc: ReportDocument): string {
  const entries = tocEntries(doc);
  if (entries.length < 2) return '';
  const items = entries.map((b) => `<li class="${b.kind === 'heading' ? `toc-h${b.level}` : 'toc-item'}"><a href="#${escapeHtml(b.id)}">${escapeHtml(b.title)}</a><span class="toc-page" data-toc-for="${escapeHtml(b.id)}"></span></li>`).join('');
  return `<section class="block block-toc" id="toc" data-break="after" data-split="yes"><h1 class="section">${escapeHtml(format(doc.locale, 'report.toc'))}</h1><ol class="toc">${items}</ol></section>`;
}

const STYLE = `
:root{--text:#1f2933;--muted:#52606d;--line:#d9dee3;--soft:#f4f6f8;--accent:#0072B2;--better:#007a55;--worse:#c2410c}
*{box-sizing:border-box}
html{font-family:'Noto Sans SC',sans-serif;color:var(--text);font-size:13px;line-height:1.5;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;padding:24px;max-width:1120px;background:#fff}
h1,h2,h3,strong,th{font-weight:500}
.cover{display:flex;flex-direction:column;justify-content:center;border-left:6px solid var(--accent);padding:36px 0 36px 28px;margin-bottom:28px}
.cover h1{font-size:34px;margin:0 0 8px}.cover .subtitle{font-size:18px;color:var(--muted);margin:0 0 24px}.cover .meta{color:var(--muted);margin:0}
h1.section{font-size:22px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--accent)}
h2.section{font-size:17px;margin:8px 0}
.block{margin:0 0 22px}
.block-title{font-size:15px;margin:0 0 2px}
.context{color:var(--muted);font-size:11.5px;margin:0 0 8px}.context .sep{color:var(--line)}
.chart{width:100%}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.kpi{border:1px solid var(--line);border-radius:8px;padding:10px 12px;break-inside:avoid}
.kpi-label{color:var(--muted);font-size:12px}.kpi-value{font-size:24px;font-weight:500;margin:2px 0}
.kpi-change{font-size:12px}.kpi-change.is-better{color:var(--better)}.kpi-change.is-worse{color:var(--worse)}.kpi-change.is-neutral{color:var(--muted)}
.kpi-prev{color:var(--muted)}.spark{display:block;margin-top:4px}
table.data{border-collapse:collapse;width:100%;font-size:11.5px;margin:4px 0 6px}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.data thead tr:last-child th{background:var(--soft);border-bottom:1px solid #b8c2cc}
table.data .num{text-align:right;font-variant-numeric:tabular-nums}
table.data .detail{color:var(--muted)}
table.data tr.total td{font-weight:500;background:#fafbfc}
tr.caption-row th{background:#fff;border-bottom:none;padding:0 0 6px}
.cap-title{display:block;font-size:15px;color:var(--text)}.cap-context{display:inline-block;margin-right:14px;color:var(--muted);font-weight:400;font-size:11.5px}
.note{color:var(--muted);font-size:11px}
.tiles{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:10px}.tile{border:1px solid var(--line);border-radius:8px;padding:8px 10px;break-inside:avoid}.tile h3{font-size:13px;margin:0 0 4px}
.board-svg svg{width:100%;height:auto;display:block}
.summary{font-size:14px;margin:0 0 6px}
.missing{border:1px dashed var(--line);border-radius:8px;padding:16px;color:var(--muted);background:var(--soft)}
.md-h{margin:10px 0 4px}
ol.toc{list-style:none;padding:0;margin:0}
ol.toc li{display:flex;gap:8px;padding:3px 0;border-bottom:1px dotted var(--line)}
ol.toc li a{color:var(--text);text-decoration:none;flex:1}
ol.toc .toc-h1{font-weight:500;margin-top:8px}ol.toc .toc-item{padding-left:18px}ol.toc .toc-h2{padding-left:9px}
.toc-page{color:var(--muted);font-variant-numeric:tabular-nums}
`;

function printStyle(doc: ReportDocument): string {
  const area = printableArea(doc.page);
  return `
@page{size:${doc.page.size} ${doc.page.orientation};margin:${PAGE_MARGIN_MM.top}mm ${PAGE_MARGIN_MM.right}mm ${PAGE_MARGIN_MM.bottom}mm ${PAGE_MARGIN_MM.left}mm}
body{padding:0;max-width:none;width:${area.width}px;margin:0}
.cover{min-height:${Math.round(area.height * 0.8)}px}
.block{break-inside:avoid}.block[data-split="yes"]{break-inside:auto}
[data-break="after"]{break-after:page}[data-break="after"] + section,[data-break="before"]{break-before:page}
.kpi,.tile,.chart,.board-svg,tr{break-inside:avoid}
.block-title,.context,h1,h2,h3{break-after:avoid}
`;
}

/** Works out the page each block lands on (the printer breaks where this walk breaks) and fills the table of contents. */
const PAGINATE = `
function paginate(pageHeight){
  var blocks=Array.prototype.slice.call(document.querySelectorAll('body > section.block'));
  var page=1, used=0, pages={}, breakNext=false;
  blocks.forEach(function(el){
    var style=getComputedStyle(el);
    var h=el.getBoundingClientRect().height+parseFloat(style.marginTop)+parseFloat(style.marginBottom);
    if((el.dataset.break==='before'||breakNext)&&used>0){page++;used=0;}
    breakNext=el.dataset.break==='after';
    if(used>0&&el.dataset.split!=='yes'&&used+h>pageHeight){el.style.breakBefore='page';page++;used=0;}
    pages[el.id]=page;
    if(used+h<=pageHeight){used+=h;}else{var rest=used+h-pageHeight;page+=Math.ceil(rest/pageHeight);used=rest-Math.floor(rest/pageHeight)*pageHeight;}
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-toc-for]'),function(el){var p=pages[el.getAttribute('data-toc-for')];el.textContent=p===undefined?'':String(p);});
  window.__reportPages=pages;
}`;

/** WebGL does not print: on paper a WebGL scatter is drawn as an SVG one. */
function printableTrace(trace: Figure['data'][number]): Figure['data'][number] {
  return trace.type === 'scattergl' ? { ...trace, type: 'scatter' } : trace;
}

/** The report as HTML (see ReportHtmlOptions). */
export function reportHtml(doc: ReportDocument, options: ReportHtmlOptions): string {
  const print = options.mode === 'print';
  const area = printableArea(doc.page);
  // on paper two charts fit one page under their titles
  const chartHeight = print ? Math.min(440, Math.floor((area.height - 150) / 2)) : 380;
  const figures: Rendered['figures'] = [];
  const repeated = underSameHeading(doc);
  const blocks = doc.blocks.map((b) => blockHtml(b, doc, chartHeight, figures, repeated.has(b.id)));
  const cover = doc.blocks[0]?.kind === 'title' ? 1 : 0;
  const body = [...blocks.slice(0, cover), toc(doc), ...blocks.slice(cover)].join('\n');
  const data = { print, pageHeight: area.height, figures: figures.map((f) => ({ id: f.id, data: print ? f.figure.data.map(printableTrace) : f.figure.data, layout: f.figure.layout, height: f.height })) };
  const csp = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; font-src data:; img-src data: blob:; connect-src 'none'";
  return `<!doctype html>
<html lang="${doc.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Rootwise">
<title>${escapeHtml(doc.title)}</title>
<style>${options.fontCss}</style>
<style>${STYLE}${print ? printStyle(doc) : ''}</style>
</head>
<body>
${body}
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${options.plotly.replace(/<\/script/gi, '<\\/script')}</script>
<script>
(function(){
${PAGINATE}
var data=JSON.parse(document.getElementById('report-data').textContent);
var config={displaylogo:false,responsive:!data.print,staticPlot:data.print,displayModeBar:false};
var draws=data.figures.map(function(f){
  var el=document.getElementById(f.id);
  var layout=Object.assign({},f.layout,{height:f.height,width:el.clientWidth,paper_bgcolor:'#ffffff',plot_bgcolor:'#ffffff',font:Object.assign({},(f.layout&&f.layout.font)||{},{family:"'Noto Sans SC',sans-serif"})});
  return Plotly.newPlot(el,f.data,layout,config);
});
Promise.all(draws).then(function(){return document.fonts?document.fonts.ready:null;}).then(function(){
  if(data.print)paginate(data.pageHeight);
  window.__reportReady=true;
},function(e){window.__reportError=String(e&&e.message||e);window.__reportReady=true;});
})();
</script>
</body>
</html>
`;
}

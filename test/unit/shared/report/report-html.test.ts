import { describe, expect, it } from 'vitest';
import { escapeHtml, printableArea, reportHtml, scriptJson } from '../../../../shared/report/report-html';
import { sampleReportDocument } from '../../../support/report-document-fixture';

const assets = { plotly: 'window.Plotly={newPlot:function(){return Promise.resolve()}};', fontCss: '@font-face{font-family:"Noto Sans SC"}' };

describe('a report as one HTML file', () => {
  it('lets nothing leave the page and carries its script and fonts inside', () => {
    const html = reportHtml(sampleReportDocument('en'), { mode: 'interactive', ...assets });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).toContain("connect-src 'none'");
    expect(html).toContain(assets.plotly);
    expect(html).toContain(assets.fontCss);
    expect(html).not.toMatch(/<script[^>]+src=|<link /);
  });

  it('escapes every text of the document and keeps the figures’ JSON from closing its script', () => {
    const doc = sampleReportDocument('en');
    const evil = { ...doc, title: '</title><script>alert(1)</script>', blocks: [...doc.blocks, { id: 'x', kind: 'heading' as const, title: '<img src=x onerror=alert(1)>', level: 2 as const, context: [] }] };
    const html = reportHtml(evil, { mode: 'interactive', ...assets });
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(scriptJson({ a: '</script><!--' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--"}');
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('lists the blocks in a table of contents, without a block that repeats the heading above it', () => {
    const html = reportHtml(sampleReportDocument('en'), { mode: 'print', ...assets });
    const entries = [...html.matchAll(/data-toc-for="([^"]+)"/g)].map((m) => m[1]);
    // b3 (Key figures) sits under the heading of the same words
    expect(entries).toEqual(['b2', 'b4', 'b5', 'b6', 'b8', 'b9', 'b10', 'b11', 'b12', 'b13']);
    expect(html).toMatch(/<section class="block block-kpis" id="b3"[^>]*><p class="context">/);
  });

  it('prints on the page size asked for, repeats a table’s title and context on every page, and marks what breaks where', () => {
    const doc = { ...sampleReportDocument('zh-CN'), page: { size: 'Letter' as const, orientation: 'portrait' as const } };
    const html = reportHtml(doc, { mode: 'print', ...assets });
    expect(html).toContain('@page{size:Letter portrait;');
    expect(html).toContain(`width:${printableArea(doc.page).width}px`);
    expect(html).toMatch(/<thead><tr class="caption-row"><th colspan="3"><span class="cap-title">类别明细<\/span><span class="cap-context">期间：2024年10月1日 – 2024年10月31日<\/span>/);
    expect(html).toContain('id="b1" data-title="月度服务复盘" data-break="after"');
    expect(html).toContain('仅显示前 9 行，共 120 行；Excel 导出包含全部行。');
    // a missing block says so in its place
    expect(html).toContain('<p class="missing">图表 #9 已被删除。</p>');
  });

  it('has the printable area of A4 and Letter in either orientation', () => {
    expect(printableArea({ size: 'A4', orientation: 'landscape' })).toEqual({ width: 1031, height: 687 });
    expect(printableArea({ size: 'A4', orientation: 'portrait' })).toEqual({ width: 702, height: 1016 });
    expect(printableArea({ size: 'Letter', orientation: 'portrait' }).width).toBeGreaterThan(702);
  });
});

import { describe, expect, it } from 'vitest';
import { layoutFishbone, type FishboneInput } from '../../../../shared/board/fishbone-layout';
import { escapeXml, fishboneSvg } from '../../../../shared/board/fishbone-svg';

interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');

/**
 * A strict little XML reader, enough for our own output: balanced tags, quoted attributes, only the
 * five predefined entities, no stray `<` or `&`. Throws on anything else.
 */
function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: new Map(), children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(source)) !== null) {
    const [, closing, name, attrs, selfClosing, text, stray] = match;
    const top = stack[stack.length - 1]!;
    if (stray !== undefined) throw new Error(`stray < at ${match.index}`);
    if (text !== undefined) {
      if (/&(?!(lt|gt|quot|apos|amp);)/.test(text)) throw new Error(`bad entity in ${text}`);
      top.text += unescapeXml(text);
      continue;
    }
    if (closing === '/') {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes = new Map<string, string>();
    for (const [, key, value] of (attrs ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (/&(?!(lt|gt|quot|apos|amp);)/.test(value!)) throw new Error(`bad entity in attribute ${key}`);
      if (attributes.has(key!)) throw new Error(`duplicate attribute ${key}`);
      attributes.set(key!, unescapeXml(value!));
    }
    const element: XmlElement = { name: name!, attributes, children: [], text: '' };
    top.children.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('not a single root element');
  return root.children[0]!;
}

function all(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => all(child, name))];
}

const NASTY = `R&D's "fast" <fix> & more`;

const input: FishboneInput = {
  effect: `FRT up 40% <after> release & "v2"`,
  bones: [
    {
      id: 'people',
      label: '人 & <员>',
      causes: [
        { id: 'a', text: NASTY, status: 'root-cause', children: [{ id: 'a1', text: "it's 'quoted'", children: [] }] },
        { id: 'b', text: '周末排班不足，新人没有经过培训就上岗处理电话工单', status: 'rejected', collapsed: true, children: [{ id: 'b1', text: 'hidden', children: [] }] },
      ],
    },
    { id: 'machine', label: 'Machine', causes: [{ id: 'c', text: 'CRM slow', status: 'hypothesis', children: [] }] },
  ],
};

describe('escapeXml', () => {
  it('escapes the five XML specials and drops characters XML cannot hold', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
    expect(escapeXml('bell\u0007 tab\t')).toBe('bell tab\t');
    expect(escapeXml('中文')).toBe('中文');
  });
});

describe('fishboneSvg', () => {
  const layout = layoutFishbone(input);
  const svg = fishboneSvg(layout, {
    title: 'Board <1> & "more"',
    theme: { line: '#123456' },
    fontFamily: `"Noto Sans SC", sans-serif`,
    statusColor: (status) => (status === 'root-cause' ? '#dc2626' : status === 'rejected' ? null : '#999999'),
  });
  const doc = parseXml(svg);

  it('is one well-formed, standalone SVG element sized like the layout', () => {
    expect(doc.name).toBe('svg');
    expect(doc.attributes.get('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(doc.attributes.get('width')).toBe(String(layout.width));
    expect(doc.attributes.get('height')).toBe(String(layout.height));
    expect(doc.attributes.get('viewBox')).toBe(`0 0 ${layout.width} ${layout.height}`);
    expect(doc.attributes.get('font-family')).toBe(`"Noto Sans SC", sans-serif`);
    // nothing fetched from elsewhere
    expect(svg).not.toMatch(/href|url\(|<image|@import/);
    expect(svg.match(/https?:/g)).toEqual(['http:']);
  });

  it('writes every label line as a tspan, escaped, so the text reads back unchanged', () => {
    const spans = all(doc, 'tspan').map((span) => span.text);
    const expected = [...layout.head.lines, ...layout.bones.flatMap((b) => b.label.lines), ...layout.causes.flatMap((c) => c.lines)].map((l) => l.text);
    expect(spans).toEqual(expected);
    expect(spans.join('')).toContain('FRT up 40%');
    expect(spans.join(' ')).toContain(NASTY.split(' ')[0]);
    // every label, across its wrapped lines
    for (const text of [input.effect, NASTY, '人 & <员>', "it's 'quoted'", '周末排班不足，新人没有经过培训就上岗处理电话工单', 'Machine', 'CRM slow']) {
      expect(spans.join('').replace(/\s/g, '')).toContain(text.replace(/\s/g, ''));
    }
    expect(spans).not.toContain('hidden');
    expect(svg).toContain('R&amp;D&apos;s &quot;fast&quot; &lt;fix&gt;');
    expect(all(doc, 'title')[0]?.text).toBe('Board <1> & "more"');
  });

  it('draws the spine, each bone, each connector and the "+N" of a collapsed cause', () => {
    expect(all(doc, 'line')).toHaveLength(1 + layout.bones.length);
    expect(all(doc, 'polyline')).toHaveLength(layout.causes.length);
    const texts = all(doc, 'text').map((t) => t.text);
    expect(texts).toContain('+1');
    const group = all(doc, 'g')[0]!;
    expect(group.attributes.get('stroke')).toBe('#123456');
    const spine = all(doc, 'line')[0]!;
    expect(Number(spine.attributes.get('x2'))).toBe(layout.spine.x2);
  });

  it('outlines causes in their status colour, falling back to the theme', () => {
    const strokes = all(doc, 'rect').map((r) => r.attributes.get('stroke'));
    expect(strokes).toContain('#dc2626');
    expect(strokes).toContain('#999999');
    // rejected → null → the default box stroke
    expect(strokes).toContain('#d1d5db');
  });

  it('is the same string for the same layout, and fine without options', () => {
    expect(fishboneSvg(layoutFishbone(input))).toBe(fishboneSvg(layoutFishbone(input)));
    const plain = parseXml(fishboneSvg(layoutFishbone({ effect: '', bones: [] })));
    expect(plain.name).toBe('svg');
    expect(all(plain, 'title')).toHaveLength(0);
  });

  it('the reader used here refuses broken XML', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg>a & b</svg>')).toThrow();
    expect(() => parseXml('<svg>a < b</svg>')).toThrow();
    expect(() => parseXml('<svg/><svg/>')).toThrow();
    expect(() => parseXml('<svg x="1" x="2"/>')).toThrow();
    expect(parseXml('<svg><g a="&amp;"/></svg>').children[0]?.attributes.get('a')).toBe('&');
  });
});

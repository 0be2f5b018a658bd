import type { CauseStatus } from '../spec/board-spec';
import type { FishboneLayout, FishboneTextLine } from './fishbone-layout';
import type { Rect } from './fishbone-geometry';

/** Colours of an exported fishbone; any CSS colour string. */
export interface FishboneSvgTheme {
  readonly background: string;
  readonly line: string;
  readonly text: string;
  readonly boxFill: string;
  readonly boxStroke: string;
  readonly headFill: string;
  readonly headText: string;
  readonly boneLabelFill: string;
  readonly badgeFill: string;
  readonly badgeText: string;
}

/** How `fishboneSvg` draws a layout; every option may be left out. */
export interface FishboneSvgOptions {
  /** Written as the SVG's <title> (the accessible name of the picture). */
  readonly title?: string | undefined;
  readonly theme?: Partial<FishboneSvgTheme> | undefined;
  readonly fontFamily?: string | undefined;
  /** Outline colour of a cause box by its status; null or absent: the theme's box stroke. */
  readonly statusColor?: ((status: CauseStatus) => string | null) | undefined;
}

/** A light theme that prints well. */
export const DEFAULT_FISHBONE_SVG_THEME: FishboneSvgTheme = {
  background: '#ffffff',
  line: '#4b5563',
  text: '#111827',
  boxFill: '#ffffff',
  boxStroke: '#d1d5db',
  headFill: '#1f2937',
  headText: '#ffffff',
  boneLabelFill: '#e5e7eb',
  badgeFill: '#e5e7eb',
  badgeText: '#374151',
};

/** A cause box's outline by status, the same colours in every format. */
export function statusColor(status: CauseStatus): string | null {
  return status === 'root-cause' ? '#D55E00' : status === 'supported' ? '#0072B2' : status === 'rejected' ? '#B0B0B0' : null;
}

const DEFAULT_FONT_FAMILY = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

/** Escapes text for XML content and attribute values (both quote kinds included). */
export function escapeXml(text: string): string {
  // characters XML 1.0 forbids even as references are dropped
  // eslint-disable-next-line no-control-regex
  const legal = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return legal.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const num = (value: number): string => String(Math.round(value * 10) / 10 + 0);

function rectElement(rect: Rect, fill: string, stroke: string | null, radius: number): string {
  const strokeAttrs = stroke === null ? '' : ` stroke="${escapeXml(stroke)}" stroke-width="1"`;
  return `<rect x="${num(rect.x)}" y="${num(rect.y)}" width="${num(rect.width)}" height="${num(rect.height)}" rx="${num(radius)}" fill="${escapeXml(fill)}"${strokeAttrs}/>`;
}

// one weight throughout: the layout measured the text at normal weight, bold would overflow its box
function textElement(lines: readonly FishboneTextLine[], fontSize: number, fill: string): string {
  const spans = lines.map((line) => `<tspan x="${num(line.x)}" y="${num(line.y)}">${escapeXml(line.text)}</tspan>`).join('');
  return `<text font-size="${num(fontSize)}" fill="${escapeXml(fill)}" xml:space="preserve">${spans}</text>`;
}

/**
 * A standalone SVG document of a laid-out fishbone: no external references, fonts named but not
 * embedded, every text XML-escaped. The PNG and PDF exports rasterise or embed this string.
 */
export function fishboneSvg(layout: FishboneLayout, options: FishboneSvgOptions = {}): string {
  const theme: FishboneSvgTheme = { ...DEFAULT_FISHBONE_SVG_THEME, ...options.theme };
  const fontFamily = options.fontFamily ?? DEFAULT_FONT_FAMILY;
  const { width, height } = layout;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(fontFamily)}">`,
  ];
  if (options.title !== undefined) parts.push(`<title>${escapeXml(options.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="${escapeXml(theme.background)}"/>`);

  const { spine } = layout;
  parts.push(`<g stroke="${escapeXml(theme.line)}" fill="none" stroke-linecap="round" stroke-linejoin="round">`);
  parts.push(`<line x1="${num(spine.x1)}" y1="${num(spine.y1)}" x2="${num(spine.x2)}" y2="${num(spine.y2)}" stroke-width="3"/>`);
  for (const bone of layout.bones) {
    const { line } = bone;
    parts.push(`<line x1="${num(line.x1)}" y1="${num(line.y1)}" x2="${num(line.x2)}" y2="${num(line.y2)}" stroke-width="2"/>`);
  }
  for (const cause of layout.causes) {
    const points = cause.connector.map((p) => `${num(p.x)},${num(p.y)}`).join(' ');
    parts.push(`<polyline points="${points}" stroke-width="1"/>`);
  }
  parts.push('</g>');

  parts.push(rectElement(layout.head.rect, theme.headFill, null, 6));
  parts.push(textElement(layout.head.lines, layout.headFontSize, theme.headText));
  for (const bone of layout.bones) {
    parts.push(rectElement(bone.label.rect, theme.boneLabelFill, null, 4));
    parts.push(textElement(bone.label.lines, layout.boneFontSize, theme.text));
  }
  for (const cause of layout.causes) {
    const stroke = (cause.status === null ? null : options.statusColor?.(cause.status)) ?? theme.boxStroke;
    parts.push(rectElement(cause.rect, theme.boxFill, stroke, 3));
    parts.push(textElement(cause.lines, layout.fontSize, theme.text));
    if (cause.badge !== null) {
      const { rect, text } = cause.badge;
      const badgeFont = layout.fontSize * 0.85;
      parts.push(rectElement(rect, theme.badgeFill, null, rect.height / 2));
      parts.push(
        `<text x="${num(rect.x + rect.width / 2)}" y="${num(rect.y + rect.height / 2 + badgeFont * 0.35)}" font-size="${num(badgeFont)}" text-anchor="middle" fill="${escapeXml(theme.badgeText)}">${escapeXml(text)}</text>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}

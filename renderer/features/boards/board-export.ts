import type { FishboneLayout, FishboneTextLine } from '../../../shared/board/fishbone-layout';
import { DEFAULT_FISHBONE_SVG_THEME, fishboneSvg, statusColor } from '../../../shared/board/fishbone-svg';
import { imagePdf } from '../../../shared/board/image-pdf';
import type { Locale } from '../../../shared/i18n/messages';
import { asApiCallError } from '../../state/workbench-store';
import { saveFile } from '../../ui/save-file';
import { useToastStore } from '../toasts/toast-store';
import { boardLayout, windowMeasure } from './board-layout';
import { useBoardStore } from './board-store';
import { categoryName } from '../../../shared/board/board-view';
import { format } from '../../../shared/i18n/messages';
import { exportFileName } from '../../../shared/format/file-name';

export type BoardExportFormat = 'svg' | 'png' | 'pdf';

/** The font the export draws with: the app's, which the window has loaded (CJK included). */
const EXPORT_FONT = '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

function lines(context: CanvasRenderingContext2D, text: readonly FishboneTextLine[], size: number, color: string): void {
  context.font = `${size}px ${EXPORT_FONT}`;
  context.fillStyle = color;
  context.textBaseline = 'alphabetic';
  context.textAlign = 'left';
  for (const line of text) context.fillText(line.text, line.x, line.y);
}

function roundRect(context: CanvasRenderingContext2D, r: { x: number; y: number; width: number; height: number }, radius: number, fill: string, stroke: string | null): void {
  context.beginPath();
  context.roundRect(r.x, r.y, r.width, r.height, radius);
  context.fillStyle = fill;
  context.fill();
  if (stroke !== null) {
    context.strokeStyle = stroke;
    context.lineWidth = 1;
    context.stroke();
  }
}

/**
 * Paints the layout as the SVG export draws it, with the window's fonts (an SVG drawn as an image
 * cannot reach them, so Chinese would fall back to whatever the system has).
 */
export function paintFishbone(context: CanvasRenderingContext2D, layout: FishboneLayout): void {
  const theme = DEFAULT_FISHBONE_SVG_THEME;
  context.fillStyle = theme.background;
  context.fillRect(0, 0, layout.width, layout.height);
  context.strokeStyle = theme.line;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  const segment = (x1: number, y1: number, x2: number, y2: number, width: number) => {
    context.beginPath();
    context.moveTo(x1, y1);
    context.lineTo(x2, y2);
    context.lineWidth = width;
    context.stroke();
  };
  segment(layout.spine.x1, layout.spine.y1, layout.spine.x2, layout.spine.y2, 3);
  for (const bone of layout.bones) segment(bone.line.x1, bone.line.y1, bone.line.x2, bone.line.y2, 2);
  for (const cause of layout.causes) {
    context.beginPath();
    cause.connector.forEach((p, i) => (i === 0 ? context.moveTo(p.x, p.y) : context.lineTo(p.x, p.y)));
    context.lineWidth = 1;
    context.stroke();
  }
  roundRect(context, layout.head.rect, 6, theme.headFill, null);
  lines(context, layout.head.lines, layout.headFontSize, theme.headText);
  for (const bone of layout.bones) {
    roundRect(context, bone.label.rect, 4, theme.boneLabelFill, null);
    lines(context, bone.label.lines, layout.boneFontSize, theme.text);
  }
  for (const cause of layout.causes) {
    roundRect(context, cause.rect, 3, theme.boxFill, (cause.status === null ? null : statusColor(cause.status)) ?? theme.boxStroke);
    lines(context, cause.lines, layout.fontSize, theme.text);
    if (cause.badge !== null) {
      roundRect(context, cause.badge.rect, cause.badge.rect.height / 2, theme.badgeFill, null);
      context.font = `${layout.fontSize * 0.85}px ${EXPORT_FONT}`;
      context.fillStyle = theme.badgeText;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillText(cause.badge.text, cause.badge.rect.x + cause.badge.rect.width / 2, cause.badge.rect.y + cause.badge.rect.height / 2);
    }
  }
}

async function raster(layout: FishboneLayout, type: 'image/png' | 'image/jpeg', scale: number): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const texts = [...layout.head.lines, ...layout.bones.flatMap((b) => b.label.lines), ...layout.causes.flatMap((c) => c.lines)].map((l) => l.text).join('');
  // the CJK font loads by unicode range: ask for the ranges this drawing needs before painting
  await document.fonts.load(`${layout.fontSize}px ${EXPORT_FONT}`, texts).catch(() => undefined);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(layout.width * scale);
  canvas.height = Math.ceil(layout.height * scale);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas');
  context.scale(scale, scale);
  paintFishbone(context, layout);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.92));
  if (blob === null) throw new Error('the canvas gave no image');
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height };
}

/** Exports the open board's fishbone as SVG, PNG (2×) or a one-page PDF (A4 landscape). */
export async function exportBoard(kind: BoardExportFormat, locale: Locale): Promise<void> {
  const { spec, open } = useBoardStore.getState();
  if (spec === null || open === null) return;
  try {
    const t = (key: Parameters<typeof format>[1]) => format(locale, key);
    const layout = boardLayout(spec, { effect: open.name, boneName: (c) => categoryName(c, t), measure: windowMeasure(EXPORT_FONT) });
    if (kind === 'svg') {
      saveFile(exportFileName(open.name, 'svg', 'board'), fishboneSvg(layout, { title: open.name, statusColor, fontFamily: EXPORT_FONT }), 'image/svg+xml;charset=utf-8');
      return;
    }
    if (kind === 'png') {
      const png = await raster(layout, 'image/png', 2);
      saveFile(exportFileName(open.name, 'png', 'board'), png.bytes, 'image/png');
      return;
    }
    const jpeg = await raster(layout, 'image/jpeg', 2);
    const page = layout.width >= layout.height ? { width: 842, height: 595 } : { width: 595, height: 842 };
    saveFile(exportFileName(open.name, 'pdf', 'board'), imagePdf({ jpeg: jpeg.bytes, width: jpeg.width, height: jpeg.height, page, title: open.name }), 'application/pdf');
  } catch (error) {
    const failure = asApiCallError(error);
    useToastStore.getState().show({ tone: 'error', title: 'board.export.failed', message: (l) => failure.messageFor(l) });
  }
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * What an exported HTML report carries inside it so it needs no network: plotly's script, and the
 * app's font (Noto Sans SC, from @fontsource) as data URLs — only the unicode-range pieces holding
 * characters the report uses, so an English report carries a few hundred KB of font and a Chinese
 * one a few MB. The build copies these files to `dist/node/report-assets/`; run from the sources
 * (tests), they are read from node_modules.
 */
export interface ReportAssets {
  readonly plotly: string;
  /** `@font-face` rules with the font pieces the text needs, inlined. */
  readonly fontCss: (text: string) => string;
}

interface FontPiece {
  readonly weight: number;
  readonly file: string;
  readonly ranges: readonly (readonly [number, number])[];
  readonly rangeText: string;
}

/** Weights the report uses: text, and headings and bold. */
export const REPORT_FONT_WEIGHTS = [400, 500] as const;

function assetRoots(): { readonly plotly: string; readonly fonts: string } {
  const bundled = path.join(__dirname, 'report-assets');
  if (fs.existsSync(path.join(bundled, 'plotly.min.js'))) return { plotly: path.join(bundled, 'plotly.min.js'), fonts: path.join(bundled, 'fonts') };
  return { plotly: require.resolve('plotly.js-dist-min/plotly.min.js'), fonts: path.dirname(require.resolve('@fontsource/noto-sans-sc/400.css')) };
}

/** `U+4e00-9fff,U+3000` → [[0x4e00, 0x9fff], [0x3000, 0x3000]]. */
export function parseUnicodeRange(text: string): [number, number][] {
  return text.split(',').flatMap((part) => {
    const match = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
    if (match === null) return [];
    const from = parseInt(match[1]!, 16);
    return [[from, match[2] === undefined ? from : parseInt(match[2], 16)] as [number, number]];
  });
}

/** The @font-face pieces of one weight's CSS: the woff2 file and its unicode-range. */
export function fontPieces(css: string, weight: number): FontPiece[] {
  const pieces: FontPiece[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file === undefined || range === undefined) continue;
    pieces.push({ weight, file, ranges: parseUnicodeRange(range), rangeText: range.trim() });
  }
  return pieces;
}

/** The pieces holding at least one of the text's characters. */
export function piecesFor(pieces: readonly FontPiece[], text: string): FontPiece[] {
  const codes = new Set<number>();
  for (const char of text) codes.add(char.codePointAt(0)!);
  const sorted = [...codes].sort((a, b) => a - b);
  return pieces.filter((piece) => piece.ranges.some(([from, to]) => sorted.some((code) => code >= from && code <= to)));
}

let loaded: ReportAssets | undefined;

/** The assets, read once per process. */
export function reportAssets(): ReportAssets {
  if (loaded !== undefined) return loaded;
  const roots = assetRoots();
  const plotly = fs.readFileSync(roots.plotly, 'utf8');
  const pieces = REPORT_FONT_WEIGHTS.flatMap((weight) => fontPieces(fs.readFileSync(path.join(roots.fonts, `${weight}.css`), 'utf8'), weight));
  const data = new Map<string, string>();
  const fontCss = (text: string): string =>
    piecesFor(pieces, text)
      .map((piece) => {
        let url = data.get(piece.file);
        if (url === undefined) {
          url = `data:font/woff2;base64,${fs.readFileSync(path.join(roots.fonts, 'files', piece.file)).toString('base64')}`;
          data.set(piece.file, url);
        }
        return `@font-face{font-family:'Noto Sans SC';font-style:normal;font-weight:${piece.weight};font-display:block;src:url(${url}) format('woff2');unicode-range:${piece.rangeText};}`;
      })
      .join('\n');
  loaded = { plotly, fontCss };
  return loaded;
}

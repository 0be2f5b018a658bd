/**
 * A one-page PDF showing one JPEG image, centred and scaled to fit the page's margins. Used to
 * export a board where no print engine is at hand (the served app in a browser); the desktop app
 * can print the same drawing with Electron's printToPDF. The PDF is 1.4 with a cross-reference
 * table whose offsets are exact, and a title in the document information (UTF-16 for Chinese).
 */
export interface ImagePdfInput {
  /** Baseline JPEG bytes (a canvas's `toBlob('image/jpeg')`). */
  readonly jpeg: Uint8Array;
  /** The image's size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Page size in points (default A4 landscape, 842 × 595). */
  readonly page?: { readonly width: number; readonly height: number };
  /** Margin in points (default 28). */
  readonly margin?: number;
  readonly title?: string;
}

/** The bytes of PDF syntax, which is ASCII (text strings are hex-encoded). */
function ascii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0x7f;
  return bytes;
}

/** A PDF text string as UTF-16BE hex with a byte-order mark, so any script survives. */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** Where the image sits on the page: as large as the margins allow, aspect kept, centred. */
export function fitImage(image: { readonly width: number; readonly height: number }, page: { readonly width: number; readonly height: number }, margin: number): { x: number; y: number; width: number; height: number } {
  const scale = Math.min((page.width - 2 * margin) / image.width, (page.height - 2 * margin) / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  return { x: (page.width - width) / 2, y: (page.height - height) / 2, width, height };
}

const round = (n: number): string => (Math.round(n * 100) / 100).toString();

export function imagePdf(input: ImagePdfInput): Uint8Array {
  if (!(input.width > 0 && input.height > 0)) throw new RangeError('imagePdf: the image has no size');
  const page = input.page ?? { width: 842, height: 595 };
  const box = fitImage(input, page, input.margin ?? 28);
  const draw = `q ${round(box.width)} 0 0 ${round(box.height)} ${round(box.x)} ${round(box.y)} cm /Im0 Do Q`;
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, body: string, stream?: Uint8Array) => {
    offsets[n] = length;
    if (stream === undefined) {
      push(ascii(`${n} 0 obj\n${body}\nendobj\n`));
      return;
    }
    push(ascii(`${n} 0 obj\n${body}\nstream\n`));
    push(stream);
    push(ascii('\nendstream\nendobj\n'));
  };
  // the binary comment tells readers the file holds 8-bit data
  push(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${round(page.width)} ${round(page.height)}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`);
  object(4, `<< /Type /XObject /Subtype /Image /Width ${input.width} /Height ${input.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${input.jpeg.length} >>`, input.jpeg);
  const content = ascii(draw);
  object(5, `<< /Length ${content.length} >>`, content);
  object(6, `<< /Producer (Rootwise)${input.title === undefined ? '' : ` /Title ${pdfTextString(input.title)}`} >>`);
  const xref = length;
  let table = `xref\n0 7\n0000000000 65535 f \n`;
  for (let n = 1; n <= 6; n++) table += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  push(ascii(`${table}trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

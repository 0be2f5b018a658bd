import { describe, expect, it } from 'vitest';
import { fitImage, imagePdf, pdfTextString } from '../../../../shared/board/image-pdf';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('imagePdf', () => {
  // not a decodable JPEG, but the PDF writer only frames the bytes
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
  const pdf = imagePdf({ jpeg, width: 1200, height: 600, title: '鱼骨图 CSAT' });
  const text = latin1(pdf);

  it('starts as a PDF and ends with the end-of-file marker', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });

  it('has a cross-reference table whose offsets point at their objects', () => {
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = text.slice(startxref).split('\n').slice(3, 9);
    entries.forEach((entry, i) => {
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
  });

  it('embeds the image bytes whole, with their length', () => {
    expect(text).toContain(`/Length ${jpeg.length} >>\nstream\n${latin1(jpeg)}\nendstream`);
    expect(text).toContain('/Width 1200 /Height 600');
  });

  it('writes the title as UTF-16 so Chinese survives', () => {
    expect(text).toContain(`/Title ${pdfTextString('鱼骨图 CSAT')}`);
    expect(pdfTextString('鱼')).toBe('<FEFF9C7C>');
  });

  it('refuses an image without size', () => {
    expect(() => imagePdf({ jpeg, width: 0, height: 10 })).toThrow(RangeError);
  });
});

describe('fitImage', () => {
  it('keeps the aspect and centres inside the margins', () => {
    const box = fitImage({ width: 2000, height: 500 }, { width: 842, height: 595 }, 28);
    expect(box.width).toBeCloseTo(786);
    expect(box.height).toBeCloseTo(196.5);
    expect(box.x).toBeCloseTo(28);
    expect(box.y).toBeCloseTo((595 - 196.5) / 2);
  });
  it('fits a tall image by its height', () => {
    const box = fitImage({ width: 100, height: 1000 }, { width: 842, height: 595 }, 28);
    expect(box.height).toBeCloseTo(539);
    expect(box.width).toBeCloseTo(53.9);
  });
});

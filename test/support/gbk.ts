/**
 * Text encoded as GBK/GB18030, the way Chinese Excel saves a CSV. Node encodes only UTF-8, so the
 * table is built by decoding every two-byte GB18030 code once (the decoder is the reference).
 */
let table: Map<string, readonly [number, number]> | undefined;

function codes(): Map<string, readonly [number, number]> {
  if (table !== undefined) return table;
  const decoder = new TextDecoder('gb18030');
  table = new Map();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([hi, lo]));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [hi, lo]);
    }
  }
  return table;
}

export function encodeGbk(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const pair = codes().get(char);
      if (pair === undefined) throw new Error(`${char} has no two-byte GBK code`);
      out.push(...pair);
    }
  }
  const bytes = Buffer.from(out);
  if (new TextDecoder('gb18030').decode(bytes) !== text) throw new Error('GBK round trip failed');
  return bytes;
}

import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS } from '../../../../shared/api/contract';
import { apiRequestSchemas, parseRequest } from '../../../../shared/api/schemas';
import { decodeBase64, decodeWire, encodeBase64, encodeWire } from '../../../../shared/api/wire';
import { APP_VERSION } from '../../../../shared/app-version';
import packageJson from '../../../../package.json';

describe('API contract', () => {
  it('has one runtime schema per method, and no schema without a method', () => {
    expect(Object.keys(apiRequestSchemas).sort()).toEqual([...API_METHODS].sort());
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
    expect(API_EVENTS.every((e) => /^onDid[A-Z]/.test(e))).toBe(true);
  });

  it('rejects malformed requests and names the offending path', () => {
    expect(parseRequest('getTableSchema', {}).ok).toBe(false);
    const bad = parseRequest('query', { spec: { version: 1, table: 't', dimensions: [{ field: 'a', timeUnit: 'fortnight' }], measures: [], filters: [], sort: [] } });
    expect(bad).toMatchObject({ ok: false });
    expect(bad.ok ? '' : bad.detail).toContain('spec.dimensions.0.timeUnit');
    expect(parseRequest('previewRows', { table: 't', limit: 5, extra: true }).ok).toBe(false);
    expect(parseRequest('importFile', { source: { kind: 'bytes', name: 'a.csv', bytes: new Uint8Array([1]) } }).ok).toBe(true);
    expect(parseRequest('listTables', undefined).ok).toBe(true);
  });

  it('carries bytes over JSON, including Node Buffers, unchanged', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
    const decoded = decodeWire(encodeWire({ a: Buffer.from('根因'), b: [new Uint8Array([0, 255])], c: 'x' })) as { a: Uint8Array; b: Uint8Array[]; c: string };
    expect(new TextDecoder().decode(decoded.a)).toBe('根因');
    expect(decoded.b[0]).toEqual(new Uint8Array([0, 255]));
    expect(decoded.c).toBe('x');
  });

  it('keeps the app version equal to package.json', () => {
    expect(APP_VERSION).toBe(packageJson.version);
  });
});

import { describe, expect, it } from 'vitest';
import { firstJsonError, flattenRecord, jsonFlavour, parseJsonTable } from '../../../../../electron/engine/import/parse-json';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';

describe('JSON as a table', () => {
  it('tells JSON from JSON Lines by name or by content', () => {
    expect(jsonFlavour('[{"a":1}]', 'x.txt')).toBe('json');
    expect(jsonFlavour('{"a":1}\n{"a":2}\n', 'export')).toBe('jsonl');
    expect(jsonFlavour('{\n  "a": 1\n}\n', 'export')).toBe('json');
    expect(jsonFlavour('a,b\n1,2', 'x.csv')).toBeUndefined();
    expect(jsonFlavour('', 'events.ndjson')).toBe('jsonl');
  });

  it('flattens nested objects to dotted columns and keeps arrays as JSON text', () => {
    expect([...flattenRecord({ id: 7, customer: { id: 'C1', vip: true }, tags: ['a', 'b'], note: null })]).toEqual([
      ['id', '7'],
      ['customer.id', 'C1'],
      ['customer.vip', 'true'],
      ['tags', '["a","b"]'],
      ['note', ''],
    ]);
  });

  it('reads an array of records with their lines and raw text, the header being every key in first-seen order', () => {
    const text = '[\n  {"id": 1, "csat": 5},\n  {"id": 2, "channel": "电话"}\n]\n';
    const records = parseJsonTable(text, 'a.json', 'json');
    expect(records.map((r) => r.fields)).toEqual([
      ['id', 'csat', 'channel'],
      ['1', '5', ''],
      ['2', '', '电话'],
    ]);
    expect(records.slice(1).map((r) => [r.line, text.slice(r.start, r.end)])).toEqual([
      [2, '{"id": 1, "csat": 5}'],
      [3, '{"id": 2, "channel": "电话"}'],
    ]);
  });

  it('unwraps an API response and keeps bad JSON Lines lines as rejects', () => {
    expect(parseJsonTable('{"total": 2, "data": [{"a": 1}, {"a": 2}]}', 'r.json', 'json').map((r) => r.fields)).toEqual([['a'], ['1'], ['2']]);
    const lines = parseJsonTable('{"a": 1}\n{"a": oops}\n{"a": 3}\n', 'e.jsonl', 'jsonl');
    expect(lines.map((r) => [r.line, r.fields, r.rejectReason])).toEqual([
      [0, ['a'], undefined],
      [1, ['1'], undefined],
      [2, [], 'reject.invalidJson'],
      [3, ['3'], undefined],
    ]);
  });

  it('names the line and column of broken JSON', () => {
    try {
      parseJsonTable('[\n  {"a": 1},\n  {"a": }\n]', 'bad.json', 'json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RootwiseError);
      expect((error as RootwiseError).key).toBe('error.import.invalidJson');
      expect((error as RootwiseError).params).toEqual({ file: 'bad.json', line: 3, column: 9 });
    }
  });

  it('finds the first syntax error itself', () => {
    expect(firstJsonError('{"a": [1, 2, {"b": "c"}], "d": -1.5e3}')).toBe(-1);
    expect(firstJsonError('{"a": 1,}')).toBe(8);
    expect(firstJsonError('[1, 2')).toBe(5);
    expect(firstJsonError(String.raw`{"a": "x\n"}`)).toBe(-1);
    // a raw line break inside a string is not JSON
    expect(firstJsonError('{"a": "x\ny"}')).toBe(8);
    expect(firstJsonError('{"a": tru}')).toBe(6);
  });
});

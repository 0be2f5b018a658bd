import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import type { SynonymDictionaryView } from '../../../../../shared/cleaning/synonym-dictionary';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

let engine: Engine;
let file: string;
let cleanup: () => void;

const bytes = (name: string, text: string) => ({ kind: 'bytes' as const, name, bytes: new TextEncoder().encode(text) });

function members(): string {
  const lines = ['客户编号,等级'];
  for (let i = 1; i <= 20; i++) lines.push(`C${1000 + i},${i % 3 === 0 ? '金卡' : '普通'}`);
  return lines.join('\n');
}
/** Next month's: the customer column is headed 会员卡号, and its customers are all new. */
function nextMonth(): string {
  const lines = ['会员卡号,等级'];
  for (let i = 21; i <= 30; i++) lines.push(`C${1000 + i},普通`);
  return lines.join('\n');
}

const customer = (view: SynonymDictionaryView) => view.roles.find((r) => r.role === 'customer_id')!;

beforeAll(async () => {
  const made = tempDir();
  cleanup = made.cleanup;
  file = path.join(made.dir, 'synonyms.rootwise');
  engine = new Engine({ workerScript: JOB_WORKER });
  await engine.createWorkbench({ path: file });
  await engine.importFile({ source: bytes('会员.csv', members()), table: 'members' });
}, 60_000);
afterAll(() => {
  engine.close();
  cleanup();
});

const stored = (): unknown => {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare("SELECT value FROM rw_meta WHERE key = 'synonym_dictionary'").get() as { value: string } | undefined;
    return row === undefined ? undefined : JSON.parse(row.value);
  } finally {
    db.close();
  }
};

describe('the synonym dictionary through the engine', () => {
  it('lists every role with its localized label and built-in synonyms', async () => {
    const view = await engine.getSynonymDictionary({});
    expect(view.roles.map((r) => r.role)).toContain('ticket_id');
    expect(customer(view).label).toEqual({ en: 'Customer ID', 'zh-CN': expect.any(String) as string });
    expect(customer(view).label['zh-CN']).not.toBe('Customer ID');
    expect(customer(view).synonyms).toContainEqual({ synonym: '会员号', builtIn: true });
    expect(customer(view).removed).toEqual([]);
  });

  it('adds and removes synonyms, keeps them in the workbench, and refuses an empty one', async () => {
    const added = await engine.saveSynonymDictionary({ change: 'add', role: 'customer_id', synonym: '会员 卡号' });
    expect(customer(added).synonyms).toContainEqual({ synonym: '会员卡号', builtIn: false });
    expect(stored()).toEqual({ version: 1, added: [{ role: 'customer_id', synonym: '会员卡号' }], removed: [] });

    const removed = await engine.saveSynonymDictionary({ change: 'remove', role: 'customer_id', synonym: '会员号' });
    expect(customer(removed).synonyms.map((s) => s.synonym)).not.toContain('会员号');
    expect(customer(removed).removed).toEqual(['会员号']);
    // put back, as the dialog's undo does
    const back = await engine.saveSynonymDictionary({ change: 'add', role: 'customer_id', synonym: '会员号' });
    expect(customer(back).synonyms).toContainEqual({ synonym: '会员号', builtIn: true });
    expect(customer(back).removed).toEqual([]);
    expect(await engine.getSynonymDictionary({})).toEqual(back);

    const error = await engine.saveSynonymDictionary({ change: 'add', role: 'customer_id', synonym: ' _- ' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RootwiseError);
    expect((error as RootwiseError).key).toBe('error.synonym.empty');
  });

  it('maps a refreshed file’s column by a synonym the user added, and asks again once it is removed', async () => {
    const withSynonym = await engine.refreshSource({ source: bytes('会员-11月.csv', nextMonth()), into: 'members', dryRun: true });
    const match = withSynonym.mapping.matched.find((m) => m.incoming === '会员卡号');
    expect(match).toMatchObject({ column: '客户编号' });
    expect(match!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(withSynonym.mapping.applied.find((a) => a.incoming === '会员卡号')).toMatchObject({ column: '客户编号', isNew: false });

    await engine.saveSynonymDictionary({ change: 'remove', role: 'customer_id', synonym: '会员卡号' });
    expect(stored()).toEqual({ version: 1, added: [], removed: [] });
    const without = await engine.refreshSource({ source: bytes('会员-11月.csv', nextMonth()), into: 'members', dryRun: true });
    // with no customer in common, the values' shape alone is too little to propose it
    expect(without.mapping.asked).toContainEqual({ incoming: '会员卡号', suggestedColumn: null, confidence: 0 });
    expect(without.mapping.applied.find((a) => a.incoming === '会员卡号')).toMatchObject({ column: '会员卡号', isNew: true });
  }, 60_000);
});

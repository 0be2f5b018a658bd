import { describe, expect, it } from 'vitest';
import {
  EMPTY_SYNONYM_DICTIONARY,
  SYNONYM_DICTIONARY_VERSION,
  addSynonym,
  lookupRoles,
  removeSynonym,
  restoreSynonymDictionary,
  roleSynonyms,
} from '../../../../shared/cleaning/synonym-dictionary';

const best = (name: string, dictionary = EMPTY_SYNONYM_DICTIONARY) => lookupRoles(dictionary, name)[0];

describe('lookupRoles', () => {
  it('knows the built-in Chinese and English synonyms whatever their width, case, spaces or underscores', () => {
    for (const name of ['客户编号', '客户 编号', '用户ID', '用户ｉｄ', 'Cust No', 'cust_no', 'CUST-NO', 'ＣＵＳＴ　ＮＯ', ' Customer_ID ']) {
      expect(best(name), name).toEqual(expect.objectContaining({ role: 'customer_id', score: 1 }));
    }
    expect(best('首次响应时间')).toEqual({ role: 'first_response_at', score: 1, synonym: '首次响应时间' });
    expect(best('Case Number')).toEqual({ role: 'ticket_id', score: 1, synonym: 'casenumber' });
  });

  it('scores a name that only contains a synonym by how much of the name it covers', () => {
    // 来源 covers two of the four characters: 0.55 + 0.35 × 2/4
    expect(lookupRoles(EMPTY_SYNONYM_DICTIONARY, '工单来源')).toEqual([{ role: 'channel', score: 0.725, synonym: '来源' }]);
    // 'created' covers 7 of 'createdon''s 9 letters
    expect(best('Created On')).toEqual({ role: 'created_at', score: 0.822, synonym: 'created' });
  });

  it('returns every role a shared synonym means, in role order, and nothing for names it does not know', () => {
    expect(lookupRoles(EMPTY_SYNONYM_DICTIONARY, 'Responded At').map(({ role, score }) => [role, score])).toEqual([
      ['first_response_at', 1],
      ['survey_responded_at', 1],
    ]);
    expect(lookupRoles(EMPTY_SYNONYM_DICTIONARY, '片区')).toEqual([]);
    expect(lookupRoles(EMPTY_SYNONYM_DICTIONARY, '—— ')).toEqual([]);
    // two-letter Latin synonyms are not looked for inside longer names
    expect(lookupRoles(EMPTY_SYNONYM_DICTIONARY, 'Flat Rate').map(({ role }) => role)).toEqual([]);
  });
});

describe('the user’s synonyms', () => {
  it('adds a synonym, normalised, without changing the dictionary it was given', () => {
    const dictionary = addSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'agent', synonym: 'Service Rep' });
    expect(dictionary.added).toEqual([{ role: 'agent', synonym: 'servicerep' }]);
    expect(best('SERVICE_REP', dictionary)).toEqual({ role: 'agent', score: 1, synonym: 'servicerep' });
    expect(best('SERVICE_REP')).toBeUndefined();
    expect(EMPTY_SYNONYM_DICTIONARY.added).toEqual([]);
    // adding a built-in synonym or the same one twice records nothing new
    expect(addSynonym(addSynonym(dictionary, { role: 'agent', synonym: 'service rep' }), { role: 'agent', synonym: '处理人' })).toEqual(dictionary);
  });

  it('remembers a removed built-in synonym until it is added back', () => {
    const removed = removeSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'agent', synonym: '处理 人' });
    expect(removed.removed).toEqual([{ role: 'agent', synonym: '处理人' }]);
    expect(lookupRoles(removed, '处理人')).toEqual([]);
    expect(roleSynonyms(removed, 'agent')).not.toContain('处理人');
    expect(roleSynonyms(removed, 'agent')).toContain('坐席');
    const restored = addSynonym(removed, { role: 'agent', synonym: '处理人' });
    expect(restored).toEqual(EMPTY_SYNONYM_DICTIONARY);
    expect(best('处理人', restored)?.role).toBe('agent');
  });

  it('forgets a removed synonym of the user’s own instead of remembering it as removed', () => {
    const added = addSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'region', synonym: '片区' });
    expect(best('片区', added)).toEqual({ role: 'region', score: 1, synonym: '片区' });
    expect(removeSynonym(added, { role: 'region', synonym: '片区' })).toEqual(EMPTY_SYNONYM_DICTIONARY);
  });

  it('moves a synonym to another role when the user removes it from one and adds it to the other', () => {
    const moved = addSynonym(removeSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'channel', synonym: '来源' }), { role: 'product', synonym: '来源' });
    expect(lookupRoles(moved, '来源')).toEqual([{ role: 'product', score: 1, synonym: '来源' }]);
  });

  it('refuses an empty synonym and an unknown role', () => {
    expect(() => addSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'agent', synonym: ' _ ' })).toThrow(RangeError);
    expect(() => addSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'owner' as 'agent', synonym: 'owner' })).toThrow(RangeError);
  });
});

describe('restoreSynonymDictionary', () => {
  it('reads back what was saved as JSON', () => {
    let dictionary = addSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'region', synonym: '片区' });
    dictionary = removeSynonym(dictionary, { role: 'comment', synonym: '备注' });
    const restored = restoreSynonymDictionary(JSON.parse(JSON.stringify(dictionary)));
    expect(restored).toEqual({ version: SYNONYM_DICTIONARY_VERSION, added: [{ role: 'region', synonym: '片区' }], removed: [{ role: 'comment', synonym: '备注' }] });
    expect(best('备注', restored)).toBeUndefined();
  });

  it('normalises hand-edited entries and drops duplicates and removals of synonyms that are not built in', () => {
    const restored = restoreSynonymDictionary({
      version: 1,
      added: [{ role: 'agent', synonym: 'Service Rep' }, { role: 'agent', synonym: 'service_rep' }, { role: 'agent', synonym: '  ' }],
      removed: [{ role: 'city', synonym: 'not a synonym' }],
    });
    expect(restored).toEqual({ version: 1, added: [{ role: 'agent', synonym: 'servicerep' }], removed: [] });
  });

  it('refuses anything that is not a dictionary of this version', () => {
    expect(() => restoreSynonymDictionary({ version: 2, added: [], removed: [] })).toThrow();
    expect(() => restoreSynonymDictionary({ version: 1, added: [{ role: 'owner', synonym: 'x' }], removed: [] })).toThrow();
    expect(() => restoreSynonymDictionary({ version: 1, added: [] })).toThrow();
  });
});

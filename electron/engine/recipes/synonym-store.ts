import type Database from 'better-sqlite3';
import { normalizeFieldName, type FieldRole } from '../../../shared/model/field-roles';
import {
  addSynonym,
  describeSynonymDictionary,
  EMPTY_SYNONYM_DICTIONARY,
  removeSynonym,
  restoreSynonymDictionary,
  type SynonymDictionary,
  type SynonymDictionaryView,
} from '../../../shared/cleaning/synonym-dictionary';
import { RootwiseError } from '../../../shared/errors/rootwise-error';

const DICTIONARY_KEY = 'synonym_dictionary';

/** The workbench's synonym dictionary (the built-in one until the user edits it). */
export function synonymDictionary(db: Database.Database): SynonymDictionary {
  const row = db.prepare('SELECT value FROM rw_meta WHERE key = ?').get(DICTIONARY_KEY) as { value: string } | undefined;
  return row === undefined ? EMPTY_SYNONYM_DICTIONARY : restoreSynonymDictionary(JSON.parse(row.value));
}

/** Adds a synonym to a role, or removes one (a built-in one is remembered as removed), and keeps the dictionary. */
export function changeSynonym(db: Database.Database, change: { readonly change: 'add' | 'remove'; readonly role: FieldRole; readonly synonym: string }): SynonymDictionaryView {
  if (normalizeFieldName(change.synonym) === '') throw new RootwiseError('error.synonym.empty', { synonym: change.synonym });
  const entry = { role: change.role, synonym: change.synonym };
  const before = synonymDictionary(db);
  const after = change.change === 'add' ? addSynonym(before, entry) : removeSynonym(before, entry);
  db.prepare('INSERT INTO rw_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(DICTIONARY_KEY, JSON.stringify(after));
  return describeSynonymDictionary(after);
}

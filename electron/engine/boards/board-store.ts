import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import {
  MAX_BOARD_ATTACHMENT_BYTES,
  MAX_BOARD_REVISIONS,
  type BoardAttachment,
  type BoardImageMime,
  type BoardRevision,
  type BoardSpec,
  type BoardSummary,
  type Evidence,
  type SavedBoard,
} from '../../../shared/spec/board-spec';

interface BoardRow {
  id: number;
  name: string;
  spec: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, spec, revision, created_at, updated_at';

function toBoard(row: BoardRow): SavedBoard {
  return {
    id: row.id,
    name: row.name,
    spec: JSON.parse(row.spec) as BoardSpec,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function boardRow(db: Database.Database, id: number): BoardRow {
  const row = db.prepare(`SELECT ${COLUMNS} FROM rw_boards WHERE id = ?`).get(id) as BoardRow | undefined;
  if (row === undefined) throw new RootwiseError('error.board.notFound', { id });
  return row;
}

/** The boards in the order of their position, counted from their specs without parsing them here. */
export function listBoards(db: Database.Database): BoardSummary[] {
  return db
    .prepare(
      `SELECT id, name, json_extract(spec, '$.problem.metric') AS metric, json_array_length(spec, '$.causes') AS causes,
              json_array_length(spec, '$.actions') AS actions, revision, updated_at AS updatedAt
         FROM rw_boards ORDER BY position, id`,
    )
    .all() as BoardSummary[];
}

export function getBoard(db: Database.Database, id: number): SavedBoard {
  return toBoard(boardRow(db, id));
}

/** What saving a board takes: without `id` a new board, else the next revision of that one. */
export interface BoardSave {
  readonly id?: number | undefined;
  readonly name: string;
  readonly spec: BoardSpec;
  /** What changed, for the history (e.g. "cause added"). */
  readonly summary: string;
  /** The revision the editor started from; when the board has moved on since, the save is refused. */
  readonly baseRevision?: number | undefined;
}

/**
 * Saves a board as its next revision (a new board is revision 1) and records the revision in the
 * history, which keeps the last MAX_BOARD_REVISIONS. The spec is checked first: every id is unique,
 * and every reference (bone, parent cause, chain cause, addressed cause or step, image) exists.
 */
export function saveBoard(db: Database.Database, save: BoardSave): SavedBoard {
  const now = new Date().toISOString();
  const spec = JSON.stringify(save.spec);
  return db.transaction(() => {
    const attachments = save.id === undefined ? new Set<number>() : boardAttachmentIds(db, save.id);
    if (save.id === undefined) {
      checkBoardSpec(save.spec, attachments);
      const position = (db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM rw_boards').get() as { p: number }).p;
      const id = Number(
        db
          .prepare('INSERT INTO rw_boards (name, spec, revision, position, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?)')
          .run(save.name, spec, position, now, now).lastInsertRowid,
      );
      recordRevision(db, id, 1, spec, save.summary, now);
      return getBoard(db, id);
    }
    const stored = boardRow(db, save.id);
    if (save.baseRevision !== undefined && save.baseRevision !== stored.revision) {
      throw new RootwiseError('error.board.conflict', { id: save.id, revision: stored.revision, base: save.baseRevision });
    }
    checkBoardSpec(save.spec, attachments);
    const revision = stored.revision + 1;
    db.prepare('UPDATE rw_boards SET name = ?, spec = ?, revision = ?, updated_at = ? WHERE id = ?').run(save.name, spec, revision, now, save.id);
    recordRevision(db, save.id, revision, spec, save.summary, now);
    return getBoard(db, save.id);
  })();
}

function recordRevision(db: Database.Database, boardId: number, revision: number, spec: string, summary: string, savedAt: string): void {
  db.prepare('INSERT INTO rw_board_revisions (board_id, revision, spec, summary, saved_at) VALUES (?, ?, ?, ?, ?)').run(boardId, revision, spec, summary, savedAt);
  db.prepare('DELETE FROM rw_board_revisions WHERE board_id = ? AND revision <= ?').run(boardId, revision - MAX_BOARD_REVISIONS);
}

/** Removes a board with its history and attachments. */
export function deleteBoard(db: Database.Database, id: number): void {
  if (db.prepare('DELETE FROM rw_boards WHERE id = ?').run(id).changes === 0) throw new RootwiseError('error.board.notFound', { id });
}

/** A board's history, newest first. */
export function listBoardRevisions(db: Database.Database, id: number): BoardRevision[] {
  boardRow(db, id);
  return db
    .prepare('SELECT revision, saved_at AS savedAt, summary FROM rw_board_revisions WHERE board_id = ? ORDER BY revision DESC')
    .all(id) as BoardRevision[];
}

/** The board as it was at a revision (its current name); restoring saves this spec as a new revision. */
export function getBoardRevision(db: Database.Database, id: number, revision: number): SavedBoard {
  const board = boardRow(db, id);
  const row = db.prepare('SELECT spec, saved_at FROM rw_board_revisions WHERE board_id = ? AND revision = ?').get(id, revision) as
    | { spec: string; saved_at: string }
    | undefined;
  if (row === undefined) throw new RootwiseError('error.board.revisionNotFound', { id, revision, max: MAX_BOARD_REVISIONS });
  return { ...toBoard(board), spec: JSON.parse(row.spec) as BoardSpec, revision, updatedAt: row.saved_at };
}

function boardAttachmentIds(db: Database.Database, boardId: number): Set<number> {
  return new Set(db.prepare('SELECT id FROM rw_board_attachments WHERE board_id = ?').pluck().all(boardId) as number[]);
}

/** Recognises the image formats a board accepts by their leading bytes; null for anything else. */
export function sniffImageMime(bytes: Uint8Array): BoardImageMime | null {
  const startsWith = (prefix: Uint8Array | readonly number[], at = 0): boolean => prefix.every((byte, i) => bytes[at + i] === byte);
  const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(ascii('GIF87a')) || startsWith(ascii('GIF89a'))) return 'image/gif';
  if (startsWith(ascii('RIFF')) && startsWith(ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Stores an image with a board, for image evidence to show; its format comes from its bytes. */
export function addBoardAttachment(db: Database.Database, attachment: { readonly boardId: number; readonly name: string; readonly bytes: Uint8Array }): BoardAttachment {
  const { boardId, name, bytes } = attachment;
  boardRow(db, boardId);
  const mime = sniffImageMime(bytes);
  if (mime === null) throw new RootwiseError('error.board.attachmentNotImage', { name });
  if (bytes.byteLength > MAX_BOARD_ATTACHMENT_BYTES) {
    throw new RootwiseError('error.board.attachmentTooLarge', { name, size: megabytes(bytes.byteLength), max: megabytes(MAX_BOARD_ATTACHMENT_BYTES) });
  }
  const id = Number(
    db
      .prepare('INSERT INTO rw_board_attachments (board_id, name, mime, bytes, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(boardId, name, mime, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), new Date().toISOString()).lastInsertRowid,
  );
  return { id, name, mime, size: bytes.byteLength };
}

function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/** An attachment's bytes, as a plain Uint8Array (what every transport carries). */
export function getBoardAttachment(db: Database.Database, id: number): { readonly name: string; readonly mime: BoardImageMime; readonly bytes: Uint8Array } {
  const row = db.prepare('SELECT name, mime, bytes FROM rw_board_attachments WHERE id = ?').get(id) as { name: string; mime: BoardImageMime; bytes: Buffer } | undefined;
  if (row === undefined) throw new RootwiseError('error.board.attachmentNotFound', { id });
  return { name: row.name, mime: row.mime, bytes: new Uint8Array(row.bytes) };
}

/**
 * Checks what the shape cannot: ids unique across the whole board, and every reference pointing at
 * something the board holds (`attachments`: the ids of the images attached to it). Throws a
 * RootwiseError naming the first offending id.
 */
export function checkBoardSpec(spec: BoardSpec, attachments: ReadonlySet<number>): void {
  checkUniqueIds(spec);
  const categories = new Set(spec.categories.map((category) => category.id));
  const causes = new Map(spec.causes.map((cause) => [cause.id, cause]));
  for (const cause of spec.causes) {
    if (!categories.has(cause.categoryId)) throw new RootwiseError('error.board.unknownCategory', { cause: cause.id, category: cause.categoryId });
    if (cause.parentId === null) continue;
    const parent = causes.get(cause.parentId);
    if (parent === undefined) throw new RootwiseError('error.board.unknownParent', { cause: cause.id, parent: cause.parentId });
    if (parent.categoryId !== cause.categoryId) throw new RootwiseError('error.board.parentOtherBone', { cause: cause.id, parent: parent.id });
  }
  for (const cause of spec.causes) {
    const seen = new Set<string>();
    for (let at: string | null = cause.id; at !== null; at = causes.get(at)?.parentId ?? null) {
      if (seen.has(at)) throw new RootwiseError('error.board.parentCycle', { cause: cause.id });
      seen.add(at);
    }
  }
  const steps = new Set(spec.chains.flatMap((chain) => chain.steps.map((step) => step.id)));
  for (const chain of spec.chains) {
    if (!causes.has(chain.causeId)) throw new RootwiseError('error.board.unknownChainCause', { chain: chain.id, cause: chain.causeId });
  }
  for (const action of spec.actions) {
    if (action.addresses !== null && !causes.has(action.addresses) && !steps.has(action.addresses)) {
      throw new RootwiseError('error.board.unknownAddressed', { action: action.id, target: action.addresses });
    }
  }
  for (const evidence of boardEvidence(spec)) {
    if (evidence.kind === 'image' && !attachments.has(evidence.attachmentId)) {
      throw new RootwiseError('error.board.unknownAttachment', { evidence: evidence.id, attachment: evidence.attachmentId });
    }
  }
}

/** Every piece of evidence of a board, on causes and on 5-Why steps. */
function boardEvidence(spec: BoardSpec): Evidence[] {
  return [...spec.causes.flatMap((cause) => cause.evidence), ...spec.chains.flatMap((chain) => chain.steps.flatMap((step) => step.evidence))];
}

function checkUniqueIds(spec: BoardSpec): void {
  const ids = [
    ...spec.categories.map((category) => category.id),
    ...spec.causes.map((cause) => cause.id),
    ...spec.chains.flatMap((chain) => [chain.id, ...chain.steps.map((step) => step.id)]),
    ...spec.actions.map((action) => action.id),
    ...boardEvidence(spec).map((evidence) => evidence.id),
  ];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new RootwiseError('error.board.duplicateId', { id });
    seen.add(id);
  }
}

import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addBoardAttachment,
  deleteBoard,
  getBoard,
  getBoardAttachment,
  getBoardRevision,
  listBoardRevisions,
  listBoards,
  saveBoard,
  sniffImageMime,
} from '../../../../../electron/engine/boards/board-store';
import { createDispatcher } from '../../../../../electron/engine/api-dispatcher';
import { createWorkbenchFile, openWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import type { MessageKey } from '../../../../../shared/i18n/messages';
import { MAX_BOARD_ATTACHMENT_BYTES, MAX_BOARD_REVISIONS, newBoardSpec, type BoardCause, type BoardSpec, type Evidence } from '../../../../../shared/spec/board-spec';
import { useEngineWorkbench } from '../../../../support/engine-workbench';
import { tempDir } from '../../../../support/paths';

const PROBLEM = {
  metric: 'csat_mean',
  table: 'tickets',
  filters: [{ field: 'channel', values: ['电话'] }],
  periodA: { from: '2026-01-01', to: '2026-03-31' },
  periodB: { from: '2026-04-01', to: '2026-06-30' },
};

function cause(id: string, categoryId: string, parentId: string | null = null, evidence: readonly Evidence[] = []): BoardCause {
  return { id, categoryId, parentId, text: `cause ${id}`, status: 'hypothesis', votes: 0, evidence };
}

/** A board with a cause and a sub-cause on the people bone, a 5-Why chain and an action on its root cause. */
function fullSpec(): BoardSpec {
  const base = newBoardSpec(PROBLEM);
  return {
    ...base,
    causes: [
      cause('c1', 'people', null, [{ id: 'e1', kind: 'note', text: '新人占比 40%' }]),
      cause('c2', 'people', 'c1'),
      { ...cause('c3', 'method'), status: 'supported', votes: 3, origin: { segment: [{ field: 'region', values: ['四川'] }], share: 0.6 } },
    ],
    chains: [
      {
        id: 'w1',
        causeId: 'c1',
        steps: [
          { id: 's1', answer: '培训不足', status: 'supported', evidence: [] },
          { id: 's2', answer: '培训预算被砍', status: 'root-cause', evidence: [{ id: 'e2', kind: 'note', text: '预算表' }] },
        ],
      },
    ],
    actions: [
      { id: 'a1', kind: 'corrective', title: '补培训', owner: '王芳', due: '2026-07-15', effectiveFrom: null, status: 'open', addresses: 's2', metric: 'csat_mean' },
    ],
  };
}

/** The smallest real PNG: one opaque red pixel (signature, IHDR, IDAT, IEND, each chunk with its CRC). */
function tinyPng(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Uint8Array): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0])); // filter byte, then R G B
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', new Uint8Array())]),
  );
}

function thrown(work: () => unknown): RootwiseError {
  try {
    work();
  } catch (error) {
    if (error instanceof RootwiseError) return error;
    throw error;
  }
  throw new Error('expected a RootwiseError');
}

let dir: string;
let cleanup: () => void;
let db: Database.Database;
let file: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'boards.rootwise');
  db = createWorkbenchFile(file, 'test').db;
});
afterEach(() => {
  if (db.open) db.close();
  cleanup();
});

describe('board store', () => {
  it('saves a board and reads it back, also after the file is opened again, listed in the order they were made', async () => {
    const spec = fullSpec();
    const first = saveBoard(db, { name: '四川 CSAT 下滑', spec, summary: 'board created' });
    expect(first).toMatchObject({ name: '四川 CSAT 下滑', revision: 1, spec });
    expect(first.createdAt).toBe(first.updatedAt);
    const second = saveBoard(db, { name: 'FRT', spec: newBoardSpec({ ...PROBLEM, metric: 'frt_median' }), summary: 'board created' });
    expect(getBoard(db, first.id)).toEqual(first);

    db.close();
    db = (await openWorkbenchFile(file)).db;
    expect(getBoard(db, first.id).spec).toEqual(spec);
    expect(listBoards(db)).toEqual([
      { id: first.id, name: '四川 CSAT 下滑', metric: 'csat_mean', causes: 3, actions: 1, revision: 1, updatedAt: first.updatedAt },
      { id: second.id, name: 'FRT', metric: 'frt_median', causes: 0, actions: 0, revision: 1, updatedAt: second.updatedAt },
    ]);
    expect(thrown(() => getBoard(db, 999)).key).toBe('error.board.notFound');
    expect(thrown(() => saveBoard(db, { id: 999, name: 'x', spec, summary: '' })).key).toBe('error.board.notFound');
  });

  it('records every save as a revision with its summary, newest first, and gives back any revision to restore', () => {
    const spec = fullSpec();
    const board = saveBoard(db, { name: 'b', spec: newBoardSpec(PROBLEM), summary: 'board created' });
    saveBoard(db, { id: board.id, name: 'b', spec: { ...newBoardSpec(PROBLEM), causes: [cause('c1', 'people')] }, summary: 'cause added' });
    const third = saveBoard(db, { id: board.id, name: 'b renamed', spec, summary: 'chain added' });
    expect(third).toMatchObject({ id: board.id, revision: 3, name: 'b renamed', createdAt: board.createdAt });
    expect(listBoardRevisions(db, board.id).map((r) => [r.revision, r.summary])).toEqual([
      [3, 'chain added'],
      [2, 'cause added'],
      [1, 'board created'],
    ]);

    const old = getBoardRevision(db, board.id, 2);
    expect(old).toMatchObject({ id: board.id, name: 'b renamed', revision: 2 });
    expect(old.spec.causes.map((c) => c.id)).toEqual(['c1']);
    // restoring is saving the old spec as the next revision; the history keeps what came between
    const restored = saveBoard(db, { id: board.id, name: old.name, spec: old.spec, summary: 'restored revision 2', baseRevision: 3 });
    expect(restored.revision).toBe(4);
    expect(getBoard(db, board.id).spec).toEqual(old.spec);
    expect(getBoardRevision(db, board.id, 3).spec).toEqual(spec);
    expect(listBoardRevisions(db, board.id)).toHaveLength(4);
    expect(thrown(() => getBoardRevision(db, board.id, 9)).params).toMatchObject({ id: board.id, revision: 9 });
  });

  it('refuses a save started from a revision another window has since saved over, keeping that window’s board', () => {
    const board = saveBoard(db, { name: 'b', spec: newBoardSpec(PROBLEM), summary: 'board created' });
    const mine = { ...newBoardSpec(PROBLEM), causes: [cause('mine', 'people')] };
    const theirs = { ...newBoardSpec(PROBLEM), causes: [cause('theirs', 'machine')] };
    expect(saveBoard(db, { id: board.id, name: 'b', spec: theirs, summary: 'their cause', baseRevision: 1 }).revision).toBe(2);
    const conflict = thrown(() => saveBoard(db, { id: board.id, name: 'b', spec: mine, summary: 'my cause', baseRevision: 1 }));
    expect(conflict.key).toBe('error.board.conflict');
    expect(conflict.params).toMatchObject({ revision: 2, base: 1 });
    expect(conflict.toPayload().message['zh-CN']).toContain('另一个窗口');
    expect(getBoard(db, board.id)).toMatchObject({ revision: 2, spec: theirs });
    expect(listBoardRevisions(db, board.id)).toHaveLength(2);
    // without a base revision the save goes through (a single window)
    expect(saveBoard(db, { id: board.id, name: 'b', spec: mine, summary: 'my cause' }).revision).toBe(3);
  });

  it(`keeps only the last ${MAX_BOARD_REVISIONS} revisions of a board, and those of other boards untouched`, () => {
    const board = saveBoard(db, { name: 'busy', spec: newBoardSpec(PROBLEM), summary: 'rev 1' });
    const quiet = saveBoard(db, { name: 'quiet', spec: newBoardSpec(PROBLEM), summary: 'rev 1' });
    const saves = MAX_BOARD_REVISIONS + 7;
    for (let n = 2; n <= saves; n++) {
      saveBoard(db, { id: board.id, name: 'busy', spec: { ...newBoardSpec(PROBLEM), causes: [{ ...cause('c', 'people'), votes: n }] }, summary: `rev ${n}` });
    }
    const history = listBoardRevisions(db, board.id);
    expect(history).toHaveLength(MAX_BOARD_REVISIONS);
    expect(history[0]).toMatchObject({ revision: saves, summary: `rev ${saves}` });
    expect(history.at(-1)).toMatchObject({ revision: saves - MAX_BOARD_REVISIONS + 1 });
    expect(getBoard(db, board.id).revision).toBe(saves);
    expect(getBoardRevision(db, board.id, saves - MAX_BOARD_REVISIONS + 1).spec.causes[0]?.votes).toBe(saves - MAX_BOARD_REVISIONS + 1);
    expect(thrown(() => getBoardRevision(db, board.id, 7)).key).toBe('error.board.revisionNotFound');
    expect(listBoardRevisions(db, quiet.id)).toHaveLength(1);
  });

  describe('refuses a spec whose ids or references do not hold, naming the offending id in both languages', () => {
    const base = fullSpec();
    const cases: readonly { readonly what: string; readonly spec: BoardSpec; readonly key: MessageKey; readonly names: string }[] = [
      { what: 'a cause with the id of a bone', spec: { ...base, causes: [...base.causes, cause('people', 'people')] }, key: 'error.board.duplicateId', names: 'people' },
      { what: 'a step with the id of an action', spec: { ...base, actions: [{ ...base.actions[0]!, id: 's1', addresses: null }] }, key: 'error.board.duplicateId', names: 's1' },
      {
        what: 'two pieces of evidence with one id',
        spec: { ...base, causes: [...base.causes, cause('c9', 'people', null, [{ id: 'e2', kind: 'note', text: 'again' }])] },
        key: 'error.board.duplicateId',
        names: 'e2',
      },
      { what: 'a cause on a missing bone', spec: { ...base, causes: [...base.causes, cause('c9', 'weather')] }, key: 'error.board.unknownCategory', names: 'weather' },
      { what: 'a missing parent', spec: { ...base, causes: [...base.causes, cause('c9', 'people', 'ghost')] }, key: 'error.board.unknownParent', names: 'ghost' },
      { what: 'a parent on another bone', spec: { ...base, causes: [...base.causes, cause('c9', 'people', 'c3')] }, key: 'error.board.parentOtherBone', names: 'c9' },
      {
        what: 'a cycle of parents',
        spec: { ...base, causes: [cause('x1', 'people', 'x3'), cause('x2', 'people', 'x1'), cause('x3', 'people', 'x2')], chains: [], actions: [] },
        key: 'error.board.parentCycle',
        names: 'x1',
      },
      { what: 'a cause its own parent', spec: { ...base, causes: [cause('self', 'people', 'self')], chains: [], actions: [] }, key: 'error.board.parentCycle', names: 'self' },
      { what: 'a chain from a missing cause', spec: { ...base, chains: [{ ...base.chains[0]!, causeId: 'gone' }] }, key: 'error.board.unknownChainCause', names: 'gone' },
      {
        what: 'an action on a missing cause or step',
        spec: { ...base, actions: [{ ...base.actions[0]!, addresses: 'nowhere' }] },
        key: 'error.board.unknownAddressed',
        names: 'nowhere',
      },
      {
        what: 'an image that is not attached',
        spec: { ...base, causes: [...base.causes, cause('c9', 'people', null, [{ id: 'img', kind: 'image', attachmentId: 4242, name: 'x.png' }])] },
        key: 'error.board.unknownAttachment',
        names: 'img',
      },
    ];
    for (const { what, spec, key, names } of cases) {
      it(what, () => {
        const board = saveBoard(db, { name: 'b', spec: base, summary: 'board created' });
        const error = thrown(() => saveBoard(db, { id: board.id, name: 'b', spec, summary: 'bad' }));
        expect(error.key).toBe(key);
        const { message } = error.toPayload();
        expect(message.en).toContain(`“${names}”`);
        expect(message['zh-CN']).toContain(`“${names}”`);
        expect(getBoard(db, board.id).revision).toBe(1);
        expect(thrown(() => saveBoard(db, { name: 'new', spec, summary: 'bad' })).key).toBe(key);
        expect(listBoards(db)).toHaveLength(1);
      });
    }
  });

  it('stores images recognised from their bytes, refuses other files and images over 5 MB, and checks image evidence against the board’s own', () => {
    const board = saveBoard(db, { name: 'b', spec: fullSpec(), summary: 'board created' });
    const other = saveBoard(db, { name: 'other', spec: newBoardSpec(PROBLEM), summary: 'board created' });
    const png = tinyPng();
    const stored = addBoardAttachment(db, { boardId: board.id, name: '截图.png', bytes: png });
    expect(stored).toMatchObject({ name: '截图.png', mime: 'image/png', size: png.byteLength });
    const back = getBoardAttachment(db, stored.id);
    expect(back).toMatchObject({ name: '截图.png', mime: 'image/png' });
    expect(back.bytes).toEqual(png);
    expect(Object.getPrototypeOf(back.bytes)).toBe(Uint8Array.prototype);

    // named .png or not, a text file is not an image
    const text = thrown(() => addBoardAttachment(db, { boardId: board.id, name: 'notes.png', bytes: new TextEncoder().encode('hello, this is text') }));
    expect(text.key).toBe('error.board.attachmentNotImage');
    expect(text.toPayload().message['zh-CN']).toContain('notes.png');
    expect(thrown(() => addBoardAttachment(db, { boardId: board.id, name: 'empty.png', bytes: new Uint8Array() })).key).toBe('error.board.attachmentNotImage');
    const huge = new Uint8Array(MAX_BOARD_ATTACHMENT_BYTES + 1);
    huge.set(png);
    const tooLarge = thrown(() => addBoardAttachment(db, { boardId: board.id, name: 'huge.png', bytes: huge }));
    expect(tooLarge.key).toBe('error.board.attachmentTooLarge');
    expect(tooLarge.message).toContain('at most 5 MB');
    const exact = new Uint8Array(MAX_BOARD_ATTACHMENT_BYTES);
    exact.set(png);
    expect(addBoardAttachment(db, { boardId: board.id, name: 'exact.png', bytes: exact }).size).toBe(MAX_BOARD_ATTACHMENT_BYTES);
    expect(thrown(() => addBoardAttachment(db, { boardId: 999, name: 'a.png', bytes: png })).key).toBe('error.board.notFound');
    expect(thrown(() => getBoardAttachment(db, 999)).key).toBe('error.board.attachmentNotFound');

    const withImage = (attachmentId: number): BoardSpec => ({
      ...fullSpec(),
      causes: [...fullSpec().causes, cause('c9', 'machine', null, [{ id: 'img', kind: 'image', attachmentId, name: '截图.png' }])],
    });
    expect(saveBoard(db, { id: board.id, name: 'b', spec: withImage(stored.id), summary: 'image attached' }).revision).toBe(2);
    const elsewhere = thrown(() => saveBoard(db, { id: other.id, name: 'other', spec: withImage(stored.id), summary: 'image attached' }));
    expect(elsewhere.key).toBe('error.board.unknownAttachment');
  });

  it('recognises PNG, JPEG, GIF and WebP by their first bytes', () => {
    const ascii = (text: string): number[] => Array.from(Buffer.from(text, 'latin1'));
    expect(sniffImageMime(tinyPng())).toBe('image/png');
    expect(sniffImageMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('image/jpeg');
    expect(sniffImageMime(new Uint8Array(ascii('GIF89a\x01\x00')))).toBe('image/gif');
    expect(sniffImageMime(new Uint8Array(ascii('GIF87a')))).toBe('image/gif');
    expect(sniffImageMime(new Uint8Array([...ascii('RIFF'), 36, 0, 0, 0, ...ascii('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffImageMime(new Uint8Array([...ascii('RIFF'), 36, 0, 0, 0, ...ascii('WAVEfmt ')]))).toBeNull();
    expect(sniffImageMime(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffImageMime(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('removes a board with its history and attachments, leaving other boards whole', () => {
    const board = saveBoard(db, { name: 'b', spec: fullSpec(), summary: 'board created' });
    saveBoard(db, { id: board.id, name: 'b', spec: fullSpec(), summary: 'again' });
    const kept = saveBoard(db, { name: 'kept', spec: fullSpec(), summary: 'board created' });
    const image = addBoardAttachment(db, { boardId: board.id, name: 'a.png', bytes: tinyPng() });
    const keptImage = addBoardAttachment(db, { boardId: kept.id, name: 'b.png', bytes: tinyPng() });
    const count = (table: string, boardId: number): unknown => db.prepare(`SELECT count(*) FROM ${table} WHERE board_id = ?`).pluck().get(boardId);

    deleteBoard(db, board.id);
    expect(count('rw_board_revisions', board.id)).toBe(0);
    expect(count('rw_board_attachments', board.id)).toBe(0);
    expect(thrown(() => getBoard(db, board.id)).key).toBe('error.board.notFound');
    expect(thrown(() => getBoardAttachment(db, image.id)).key).toBe('error.board.attachmentNotFound');
    expect(thrown(() => listBoardRevisions(db, board.id)).key).toBe('error.board.notFound');
    expect(thrown(() => deleteBoard(db, board.id)).key).toBe('error.board.notFound');
    expect(listBoards(db).map((b) => b.id)).toEqual([kept.id]);
    expect(listBoardRevisions(db, kept.id)).toHaveLength(1);
    expect(getBoardAttachment(db, keptImage.id).name).toBe('b.png');
  });
});

describe('boards through the API', () => {
  const bench = useEngineWorkbench();

  it('save, list, restore and attach through the dispatcher; a malformed spec is refused naming its path', async () => {
    const dispatch = createDispatcher(bench.engine);
    const saved = await dispatch('saveBoard', { name: '根因', spec: fullSpec(), summary: 'board created' });
    expect(saved).toMatchObject({ ok: true, value: { revision: 1, name: '根因' } });
    const id = saved.ok ? (saved.value as { id: number }).id : 0;

    const badStatus = { ...fullSpec(), causes: [{ ...cause('c1', 'people'), status: 'maybe' }] };
    const refused = await dispatch('saveBoard', { id, name: '根因', spec: badStatus, summary: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { key: 'error.invalidRequest' } });
    expect(refused.ok ? '' : refused.error.message.en).toContain('spec.causes.0.status');
    const badDue = { ...fullSpec(), actions: [{ ...fullSpec().actions[0]!, due: '15/07/2026' }] };
    const refusedDue = await dispatch('saveBoard', { id, name: '根因', spec: badDue, summary: 'x' });
    expect(refusedDue.ok ? '' : refusedDue.error.message.en).toContain('spec.actions.0.due');
    const extra = await dispatch('saveBoard', { id, name: '根因', spec: { ...fullSpec(), colour: 'red' }, summary: 'x' });
    expect(extra.ok).toBe(false);
    const tooMany = await dispatch('saveBoard', { id, name: '根因', spec: { ...fullSpec(), causes: Array.from({ length: 501 }, (_, i) => cause(`c${i}`, 'people')) }, summary: 'x' });
    expect(tooMany.ok ? '' : tooMany.error.message.en).toContain('spec.causes');

    const conflict = await dispatch('saveBoard', { id, name: '根因', spec: fullSpec(), summary: 'x', baseRevision: 7 });
    expect(conflict).toMatchObject({ ok: false, error: { key: 'error.board.conflict' } });

    const attached = await dispatch('addBoardAttachment', { boardId: id, name: 'a.png', bytes: tinyPng() });
    expect(attached).toMatchObject({ ok: true, value: { mime: 'image/png' } });
    const textual = await dispatch('addBoardAttachment', { boardId: id, name: 'a.txt', bytes: new TextEncoder().encode('text') });
    expect(textual).toMatchObject({ ok: false, error: { key: 'error.board.attachmentNotImage' } });
    expect(await dispatch('addBoardAttachment', { boardId: id, name: 'a.png', bytes: 'iVBORw0KGgo=' })).toMatchObject({ ok: false, error: { key: 'error.invalidRequest' } });

    const { engine } = bench;
    await engine.saveBoard({ id, name: '根因', spec: newBoardSpec(PROBLEM), summary: 'cleared', baseRevision: 1 });
    expect((await engine.listBoardRevisions({ id })).map((r) => r.summary)).toEqual(['cleared', 'board created']);
    expect((await engine.getBoardRevision({ id, revision: 1 })).spec).toEqual(fullSpec());
    expect(await engine.listBoards({})).toMatchObject([{ id, causes: 0, revision: 2 }]);
    const attachmentId = attached.ok ? (attached.value as { id: number }).id : 0;
    expect((await engine.getBoardAttachment({ id: attachmentId })).bytes).toEqual(tinyPng());
    expect(await engine.deleteBoard({ id })).toEqual({ removed: true });
    await expect(engine.getBoard({ id })).rejects.toMatchObject({ key: 'error.board.notFound' });
  });
});

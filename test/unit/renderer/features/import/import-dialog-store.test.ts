import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, BRIDGE_GLOBAL, type RootwiseBridge } from '../../../../../shared/api/contract';
import { createDispatcher } from '../../../../../electron/engine/api-dispatcher';
import { useImportDialogStore } from '../../../../../renderer/features/import/import-dialog-store';
import { useEngineWorkbench } from '../../../../support/engine-workbench';

const wb = useEngineWorkbench();

/**
 * The window's state for the import dialog, driven against the real engine through a bridge built
 * the way the desktop preload builds it: the path the desktop app's File › Import sends.
 */
beforeEach(() => {
  const dispatch = createDispatcher(wb.engine);
  const bridge = {
    ...Object.fromEntries(API_METHODS.map((method) => [method, (request: unknown) => dispatch(method, structuredClone(request))])),
    on: (event: Parameters<RootwiseBridge['on']>[0], listener: (payload: never) => void) => wb.engine.events.on(event, listener as never),
  };
  (globalThis as Record<string, unknown>)['window'] = { [BRIDGE_GLOBAL]: bridge };
});

describe('import dialog state', () => {
  it('previews files chosen by path, imports each with the type the user chose, and moves through the queue', async () => {
    const first = path.join(wb.dir, '九月.csv');
    fs.writeFileSync(first, 'ticket,code,csat\nT1,0071,5\nT2,0072,4\n');
    const second = path.join(wb.dir, 'agents.csv');
    fs.writeFileSync(second, 'agent,team\n李娜,一组\n');
    const store = useImportDialogStore;
    await store.getState().openPaths([first, second]);

    const current = store.getState().current!;
    expect(current.name).toBe('九月.csv');
    expect(current.step.kind).toBe('preview');
    const preview = current.step.kind === 'preview' ? current.step.preview : null;
    expect(preview?.columns.map((c) => [c.name, c.type])).toEqual([
      ['ticket', 'text'],
      ['code', 'text'],
      ['csat', 'integer'],
    ]);
    expect(current.size).toBe(fs.statSync(first).size);
    expect(current.target).toEqual({ mode: 'new', table: '九月', edited: false });
    expect(store.getState()).toMatchObject({ index: 1, total: 2 });

    store.getState().setColumnType('csat', { type: 'real', format: 'decimal' });
    await store.getState().confirm();
    const done = store.getState().current!.step;
    expect(done.kind).toBe('report');
    if (done.kind === 'report') expect(done.report.columns.map((c) => [c.name, c.type])).toEqual([
      ['ticket', 'text'],
      ['code', 'text'],
      ['csat', 'real'],
    ]);

    await store.getState().next();
    expect(store.getState().current?.name).toBe('agents.csv');
    expect(store.getState().index).toBe(2);
    // a reading the user changes is read again: here a delimiter that splits nothing
    await store.getState().setReading({ delimiter: ';' });
    const reread = store.getState().current!.step;
    expect(reread.kind === 'preview' ? reread.preview?.columns.map((c) => c.label) : []).toEqual(['agent,team']);
    store.getState().closeAll();
    expect(store.getState().current).toBeNull();
    expect((await wb.engine.listTables({})).map((t) => t.name)).toEqual(['九月']);
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { useEngineWorkbench } from '../../../../support/engine-workbench';
import { JOB_WORKER } from '../../../../support/paths';

const bench = useEngineWorkbench();
const csv = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('key statistics of relationships', () => {
  it('are counted once per version of the rows, kept in the workbench, and counted again when rows are appended', async () => {
    const { engine, workbenchPath } = bench;
    await engine.importFile({ source: { kind: 'bytes', name: 'orders.csv', bytes: csv('order_id,amount\nA1,1\nA2,2\nA3,3\nA4,4\n') }, table: 'orders' });
    await engine.importFile({ source: { kind: 'bytes', name: 'refunds.csv', bytes: csv('refund_id,order_id\nR1,A1\nR2,A2\nR3,X9\nR4,X8\n') }, table: 'refunds' });
    const first = await engine.addRelationship({ from: { table: 'refunds', field: 'order_id' }, to: { table: 'orders', field: 'order_id' } });
    expect(first).toMatchObject({ cardinality: 'one-to-one', matchShare: 0.5 });

    // kept in the file: another engine (the app opened again) reads the counts instead of counting
    const stored = (): { key: string; value: string }[] => {
      const db = new Database(workbenchPath, { readonly: true });
      try {
        return db.prepare("SELECT key, value FROM rw_meta WHERE key LIKE 'stats:keys:%'").all() as { key: string; value: string }[];
      } finally {
        db.close();
      }
    };
    expect(stored().map((s) => s.key)).toEqual(['stats:keys:refunds.order_id>orders.order_id']);

    // a change of roles is not a change of rows: the same counts serve
    await engine.setFieldRoles({ table: 'orders', roles: { ticket_id: 'order_id' } });
    expect((await engine.getModel({})).relationships.find((r) => r.id === first.id)).toMatchObject({ matchShare: 0.5 });

    // appended rows change the counts: the missing orders arrive, a refund points at the same order twice
    await engine.importFile({ source: { kind: 'bytes', name: 'orders-2.csv', bytes: csv('order_id,amount\nX9,9\nX8,8\n') }, appendTo: { table: 'orders' } });
    await engine.importFile({ source: { kind: 'bytes', name: 'refunds-2.csv', bytes: csv('refund_id,order_id\nR5,A1\n') }, appendTo: { table: 'refunds' } });
    const after = (await engine.getModel({})).relationships.find((r) => r.id === first.id);
    expect(after).toMatchObject({ cardinality: 'many-to-one', matchShare: 1 });

    engine.close();
    const reopened = new Engine({ workerScript: JOB_WORKER });
    try {
      await reopened.openWorkbench({ path: workbenchPath });
      expect((await reopened.getModel({})).relationships.find((r) => r.id === first.id)).toMatchObject({ cardinality: 'many-to-one', matchShare: 1 });
    } finally {
      reopened.close();
    }
  });
});

import type { Locale } from '../../../shared/i18n/messages';
import { format } from '../../../shared/i18n/messages';
import type { SemanticModel } from '../../../shared/model/semantic-model';
import { api } from '../../api/client';
import { useWorkbenchStore } from '../../state/workbench-store';
import type { ToastTone } from '../toasts/toast-store';
import { addRelationshipCommand, rolesCommand } from './model-commands';
import { placeDrillStep, type ModelDragData, type ModelDropData } from './model-drag-data';
import { useModelStore } from './model-store';
import { relationshipText } from './relationship-text';

export interface DropNotice {
  readonly tone: ToastTone;
  message(locale: Locale): string;
}

const tableLabel = (table: string, locale: Locale): string => useWorkbenchStore.getState().schemas[table]?.label[locale] ?? table;

/** What a field dropped in the Model view does; the notice, if any, tells the user what happened. */
export async function dropField(data: ModelDragData, drop: ModelDropData, model: SemanticModel | null): Promise<DropNotice | undefined> {
  const store = useModelStore.getState();
  switch (drop.target) {
    case 'field': {
      if (drop.table === data.table) return { tone: 'info', message: (l) => format(l, 'model.rel.sameTable') };
      const from = { table: data.table, field: data.field };
      const to = { table: drop.table, field: drop.field };
      if (!(await store.perform(addRelationshipCommand(api(), from, to)))) return undefined;
      const made = useWorkbenchStore
        .getState()
        .model?.relationships.find((r) => r.source === 'confirmed' && r.from.table === from.table && r.from.field === from.field && r.to.table === to.table && r.to.field === to.field);
      if (made === undefined) return undefined;
      return {
        tone: 'success',
        message: (l) => format(l, 'model.rel.added', { from: `${tableLabel(from.table, l)}.${data.label[l]}`, to: `${tableLabel(to.table, l)}.${drop.label[l]}`, result: relationshipText(made, l) }),
      };
    }
    case 'role': {
      if (drop.table !== data.table) return { tone: 'info', message: (l) => format(l, 'model.role.otherTable', { table: tableLabel(drop.table, l) }) };
      const before = model?.tables.find((tb) => tb.table === drop.table);
      if (before === undefined) return undefined;
      await store.perform(rolesCommand(api(), before, { [drop.role]: data.field }, 'model.command.setRole'));
      return undefined;
    }
    case 'drill': {
      if (drop.table !== data.table) return { tone: 'info', message: (l) => format(l, 'model.drill.otherTable', { table: tableLabel(drop.table, l) }) };
      const draft = store.drillDraft?.table === drop.table ? store.drillDraft : { table: drop.table, label: '', fields: [] };
      // a field dropped on the path (again) goes to the end; on a step, to that step's place
      if (drop.index === undefined && draft.fields.includes(data.field)) return undefined;
      store.setDrillDraft({ ...draft, fields: placeDrillStep(draft.fields, data.field, drop.index) });
      return undefined;
    }
  }
}

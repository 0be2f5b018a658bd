import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { TableSchema } from '../../../shared/api/types';
import { FIELD_ROLES, ROLE_INFO, type FieldRole, type RoleKind } from '../../../shared/model/field-roles';
import type { RoleAssignment, TableModel } from '../../../shared/model/semantic-model';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { drillPathCommand, rolesCommand } from './model-commands';
import { drillStepDragId, drillStepDropId, type ModelDragData, type ModelDropData } from './model-drag-data';
import { useModelStore } from './model-store';

const KINDS: readonly RoleKind[] = ['key', 'time', 'dimension', 'measure', 'text'];

/** The suggestions "Accept suggested roles" confirms: those strong enough that metrics already use them. */
export function acceptableSuggestions(table: TableModel): Partial<Record<FieldRole, string>> {
  return Object.fromEntries(table.roles.filter((r) => r.source === 'suggested' && r.applied && r.field !== null).map((r) => [r.role, r.field!]));
}

/** The right panel of the Model view: the selected table's roles and drill paths. */
export function ModelInspector({ schema, model }: { readonly schema: TableSchema; readonly model: TableModel }) {
  return (
    <aside className="model-inspector" data-testid="model-inspector">
      <RolesPanel schema={schema} model={model} />
      <DrillPathsPanel schema={schema} model={model} />
    </aside>
  );
}

function RolesPanel({ schema, model }: { readonly schema: TableSchema; readonly model: TableModel }) {
  const { t, label } = useT();
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const accept = acceptableSuggestions(model);
  const acceptCount = Object.keys(accept).length;
  const hasConfirmed = model.roles.some((r) => r.source === 'confirmed');
  const byRole = new Map(model.roles.map((r) => [r.role, r]));
  return (
    <section className="model-section" aria-labelledby="model-roles-title">
      <div className="panel-header model-section-header">
        <h2 className="section-title" id="model-roles-title">
          {t('model.roles.title', { table: label(schema.label) })}
        </h2>
      </div>
      <p className="panel-note">{t('model.roles.hint')}</p>
      <div className="model-role-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || acceptCount === 0}
          data-testid="roles-accept"
          title={t('model.roles.acceptHint')}
          onClick={() => void perform(rolesCommand(api(), model, accept, 'model.command.acceptRoles'))}
        >
          <Icon name="check" size={14} />
          {t('model.roles.accept', { count: acceptCount })}
        </button>
        <button type="button" className="btn" disabled={busy || !hasConfirmed} data-testid="roles-reset" onClick={() => void perform(rolesCommand(api(), model, undefined, 'model.command.resetRoles'))}>
          {t('model.roles.reset')}
        </button>
      </div>
      {KINDS.map((kind) => (
        <div key={kind} className="model-role-group">
          <h3 className="field-group-title">{t(`model.roleKind.${kind}`)}</h3>
          {FIELD_ROLES.filter((role) => ROLE_INFO[role].kind === kind).map((role) => (
            <RoleSlot key={role} role={role} schema={schema} assignment={byRole.get(role)} model={model} />
          ))}
        </div>
      ))}
    </section>
  );
}

function RoleSlot(props: { readonly role: FieldRole; readonly schema: TableSchema; readonly assignment: RoleAssignment | undefined; readonly model: TableModel }) {
  const { t, label, number } = useT();
  const { role, schema, assignment } = props;
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const drop: ModelDropData = { target: 'role', table: schema.table, role };
  const { setNodeRef, isOver } = useDroppable({ id: `model-role:${schema.table}.${role}`, data: drop });
  const field = assignment?.field === null || assignment === undefined ? undefined : schema.fields.find((f) => f.name === assignment.field);
  const state = assignment === undefined ? 'empty' : assignment.field === null ? 'none' : assignment.source;
  return (
    <div ref={setNodeRef} className={`model-role-slot is-${state}${isOver ? ' is-over' : ''}`} data-testid={`role-slot-${role}`} data-state={state}>
      <span className="model-role-name">{t(`role.${role}`)}</span>
      <span className="model-role-value">
        {field !== undefined ? (
          <span className={`model-role-chip is-${assignment!.source}`} data-testid={`role-field-${role}`}>
            {label(field.label)}
          </span>
        ) : (
          <span className="model-role-empty">{state === 'none' ? t('model.roles.none') : t('model.roles.dropHere')}</span>
        )}
        {assignment?.source === 'suggested' && (
          <span className={`model-role-confidence${assignment.applied ? '' : ' is-weak'}`} title={assignment.applied ? t('model.roles.suggestedApplied') : t('model.roles.suggestedWeak')}>
            {t('model.roles.suggested', { confidence: number(Math.round(assignment.confidence * 100), 0) })}
          </span>
        )}
      </span>
      {assignment !== undefined && assignment.field !== null && (
        <button
          type="button"
          className="icon-btn model-role-clear"
          disabled={busy}
          aria-label={t('model.roles.clear', { role: t(`role.${role}`) })}
          title={t('model.roles.clear', { role: t(`role.${role}`) })}
          onClick={() => void perform(rolesCommand(api(), props.model, { [role]: null }, 'model.command.clearRole'))}
        >
          <Icon name="close" size={12} />
        </button>
      )}
    </div>
  );
}

function DrillPathsPanel({ schema, model }: { readonly schema: TableSchema; readonly model: TableModel }) {
  const { t, label } = useT();
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const stored = useModelStore((s) => s.drillDraft);
  const setDraft = useModelStore((s) => s.setDrillDraft);
  const draft = stored?.table === schema.table ? stored : null;
  const { setNodeRef, isOver } = useDroppable({ id: `model-drill:${schema.table}`, data: { target: 'drill', table: schema.table } satisfies ModelDropData });
  const fieldLabel = (name: string) => {
    const f = schema.fields.find((x) => x.name === name);
    return f === undefined ? name : label(f.label);
  };
  const move = (index: number, by: number) => {
    if (draft === null) return;
    const fields = [...draft.fields];
    const [item] = fields.splice(index, 1);
    fields.splice(index + by, 0, item!);
    setDraft({ ...draft, fields });
  };
  const save = async () => {
    if (draft === null) return;
    const before = draft.id === undefined ? undefined : model.drillPaths.find((p) => p.id === draft.id);
    const text = draft.label.trim() === '' ? draft.fields.map(fieldLabel).join(' → ') : draft.label.trim();
    if (await perform(drillPathCommand(api(), schema.table, before, { label: { en: text, 'zh-CN': text }, fields: draft.fields }))) setDraft(null);
  };
  return (
    <section className="model-section" aria-labelledby="model-drill-title">
      <div className="panel-header model-section-header">
        <h2 className="section-title" id="model-drill-title">
          {t('model.drill.title')}
        </h2>
      </div>
      <ul className="model-drill-list">
        {model.drillPaths.map((path) => (
          <li key={path.id} className="model-drill-item" data-testid={`drill-path-${path.id}`}>
            <span className="model-drill-name">{label(path.label)}</span>
            <span className="model-drill-fields">{path.fields.map(fieldLabel).join(' → ')}</span>
            <span className="model-drill-actions">
              <button type="button" className="link-btn" onClick={() => setDraft({ table: schema.table, id: path.id, label: label(path.label), fields: path.fields })}>
                {t('model.drill.edit')}
              </button>
              <button type="button" className="icon-btn" disabled={busy} aria-label={t('model.drill.remove', { name: label(path.label) })} onClick={() => void perform(drillPathCommand(api(), schema.table, path, undefined))}>
                <Icon name="trash" size={13} />
              </button>
            </span>
          </li>
        ))}
      </ul>
      <div ref={setNodeRef} className={`model-drill-draft${isOver ? ' is-over' : ''}`} data-testid="drill-draft">
        {draft === null || draft.fields.length === 0 ? (
          <p className="model-drill-empty">{t('model.drill.dropHere')}</p>
        ) : (
          <ol className="model-drill-steps">
            {draft.fields.map((name, index) => (
              <DrillStep
                key={name}
                table={schema.table}
                field={name}
                index={index}
                count={draft.fields.length}
                label={fieldLabel(name)}
                onMove={(by) => move(index, by)}
                onRemove={() => setDraft({ ...draft, fields: draft.fields.filter((f) => f !== name) })}
              />
            ))}
          </ol>
        )}
      </div>
      {draft !== null && draft.fields.length > 0 && (
        <div className="model-drill-form">
          <input
            className="input"
            value={draft.label}
            placeholder={t('model.drill.namePlaceholder')}
            aria-label={t('model.drill.name')}
            data-testid="drill-name"
            onChange={(e) => setDraft({ ...draft, label: e.target.value })}
          />
          <div className="model-drill-buttons">
            <button type="button" className="btn" onClick={() => setDraft(null)}>
              {t('model.cancel')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy || draft.fields.length < 2} data-testid="drill-save" title={draft.fields.length < 2 ? t('model.drill.needTwo') : undefined} onClick={() => void save()}>
              {t('model.drill.save')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** A step of the drafted drill path: dragged to another step's place to reorder, or moved with its buttons. */
function DrillStep(props: { readonly table: string; readonly field: string; readonly index: number; readonly count: number; readonly label: string; readonly onMove: (by: number) => void; readonly onRemove: () => void }) {
  const { t } = useT();
  const { table, field, index, count, label } = props;
  const drag: ModelDragData = { source: 'model-field', table, field, label: { en: label, 'zh-CN': label }, drillIndex: index };
  const { setNodeRef: dragRef, attributes, listeners, isDragging } = useDraggable({ id: drillStepDragId(table, field), data: drag, attributes: { roleDescription: t('model.drill.stepRole') } });
  const { setNodeRef: dropRef, isOver } = useDroppable({ id: drillStepDropId(table, index), data: { target: 'drill', table, index } satisfies ModelDropData });
  const { onMove, onRemove } = props;
  return (
    <li ref={dropRef} className={`model-drill-step${isDragging ? ' is-dragging' : ''}${isOver && !isDragging ? ' is-over' : ''}`} data-testid={`drill-step-${index}`}>
      <span ref={dragRef} {...attributes} {...listeners} className="model-drill-grip" data-testid={`drill-grip-${index}`} aria-label={t('model.drill.grip', { field: label })}>
        <Icon name="grip" size={12} />
      </span>
      <span className="model-drill-step-no num">{index + 1}</span>
      <span className="model-drill-step-label">{label}</span>
      <button type="button" className="icon-btn" disabled={index === 0} aria-label={t('model.drill.up', { field: label })} onClick={() => onMove(-1)}>
        <Icon name="chevronUp" size={12} />
      </button>
      <button type="button" className="icon-btn" disabled={index === count - 1} aria-label={t('model.drill.down', { field: label })} onClick={() => onMove(1)}>
        <Icon name="chevronDown" size={12} />
      </button>
      <button type="button" className="icon-btn" aria-label={t('model.drill.removeStep', { field: label })} onClick={onRemove}>
        <Icon name="close" size={12} />
      </button>
    </li>
  );
}

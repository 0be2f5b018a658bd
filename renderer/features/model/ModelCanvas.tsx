import { useDraggable, useDroppable } from '@dnd-kit/core';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { FieldInfo, TableSchema } from '../../../shared/api/types';
import type { FieldRole } from '../../../shared/model/field-roles';
import type { Relationship, TableModel } from '../../../shared/model/semantic-model';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { FieldGlyph } from '../data-panel/FieldGlyph';
import { addRelationshipCommand, removeRelationshipCommand } from './model-commands';
import { modelFieldDragId, modelFieldDropId, type ModelDragData, type ModelDropData } from './model-drag-data';
import { cardHeight, fieldAnchor, layoutModel, linkPath, placeLabels, type CardBox } from './model-layout';
import { useModelStore } from './model-store';
import { relationshipText } from './relationship-text';

const relationshipKey = (r: Relationship): string => `${r.from.table}.${r.from.field}-${r.to.table}.${r.to.field}`;

/** The workbench's tables as cards, with their relationships drawn between the fields. */
export function ModelCanvas(props: {
  readonly schemas: readonly TableSchema[];
  readonly tables: readonly TableModel[];
  readonly relationships: readonly Relationship[];
  readonly selected: string | undefined;
}) {
  const { t } = useT();
  const { schemas, relationships } = props;
  const layout = useMemo(
    () => layoutModel(schemas.map((s) => ({ name: s.table, fieldCount: s.fields.length })), relationships.map((r) => ({ from: r.from.table, to: r.to.table }))),
    [schemas, relationships],
  );
  const cards = new Map(layout.cards.map((c) => [c.table, c]));
  const schemaOf = new Map(schemas.map((s) => [s.table, s]));
  const links = relationships.flatMap((r) => {
    const from = cards.get(r.from.table);
    const to = cards.get(r.to.table);
    const fromIndex = schemaOf.get(r.from.table)?.fields.findIndex((f) => f.name === r.from.field) ?? -1;
    const toIndex = schemaOf.get(r.to.table)?.fields.findIndex((f) => f.name === r.to.field) ?? -1;
    if (from === undefined || to === undefined || fromIndex < 0 || toIndex < 0) return [];
    const a = fieldAnchor(from, fromIndex, to.x + to.width / 2);
    const b = fieldAnchor(to, toIndex, from.x + from.width / 2);
    return [{ relationship: r, d: linkPath(a, b).d, start: { ...a, towardsX: b.x } }];
  });
  const labels = placeLabels(links.map((l) => l.start));

  return (
    <div className="model-canvas" data-testid="model-canvas" aria-label={t('model.canvas')} role="region">
      <div className="model-canvas-inner" style={{ width: layout.width, height: layout.height }}>
        <svg className="model-links" width={layout.width} height={layout.height} aria-hidden="true">
          {links.map((l) => (
            <path key={relationshipKey(l.relationship)} d={l.d} className={`model-link is-${l.relationship.source}`} />
          ))}
        </svg>
        {layout.cards.map((card) => {
          const schema = schemaOf.get(card.table);
          return schema === undefined ? null : (
            <TableCard key={card.table} box={card} schema={schema} model={props.tables.find((tm) => tm.table === card.table)} selected={props.selected === card.table} />
          );
        })}
        {links.map((l, i) => (
          <RelationshipLabel key={relationshipKey(l.relationship)} relationship={l.relationship} x={labels[i]!.x} y={labels[i]!.y} />
        ))}
      </div>
    </div>
  );
}

function TableCard(props: { readonly box: CardBox; readonly schema: TableSchema; readonly model: TableModel | undefined; readonly selected: boolean }) {
  const { t, label, number } = useT();
  const { box, schema } = props;
  const select = useModelStore((s) => s.selectTable);
  const roleOf = new Map((props.model?.roles ?? []).filter((r) => r.applied && r.field !== null).map((r) => [r.field!, r.role]));
  return (
    <section
      className={`model-card${props.selected ? ' is-selected' : ''}`}
      style={{ left: box.x, top: box.y, width: box.width, height: cardHeight(schema.fields.length) }}
      data-testid={`model-card-${schema.table}`}
      aria-label={label(schema.label)}
    >
      <button type="button" className="model-card-header" aria-pressed={props.selected} onClick={() => select(schema.table)} title={t('model.card.select')}>
        <Icon name="table" size={14} />
        <span className="model-card-title">{label(schema.label)}</span>
        <span className="model-card-count num">{number(schema.rowCount, 0)}</span>
      </button>
      <div className="model-card-fields" role="list">
        {schema.fields.map((field) => (
          <FieldRow key={field.name} table={schema.table} field={field} role={roleOf.get(field.name)} onSelect={() => select(schema.table)} />
        ))}
      </div>
    </section>
  );
}

function FieldRow(props: { readonly table: string; readonly field: FieldInfo; readonly role: FieldRole | undefined; readonly onSelect: () => void }) {
  const { t, label } = useT();
  const { table, field } = props;
  const roleText = props.role === undefined ? undefined : t(`role.${props.role}`);
  const drag: ModelDragData = { source: 'model-field', table, field: field.name, label: field.label };
  const drop: ModelDropData = { target: 'field', table, field: field.name, label: field.label };
  const draggable = useDraggable({ id: modelFieldDragId(table, field.name), data: drag, attributes: { roleDescription: t('model.field.role') } });
  const droppable = useDroppable({ id: modelFieldDropId(table, field.name), data: drop });
  return (
    <div
      ref={(node) => {
        draggable.setNodeRef(node);
        droppable.setNodeRef(node);
      }}
      {...draggable.attributes}
      {...draggable.listeners}
      role="listitem"
      className={`model-field${draggable.isDragging ? ' is-dragging' : ''}${droppable.isOver && !draggable.isDragging ? ' is-over' : ''}${field.expression !== undefined ? ' is-calculated' : ''}`}
      data-testid={`model-field-${table}.${field.name}`}
      title={field.expression === undefined ? `${field.name} · ${t(`type.${field.type}`)}` : `${field.name} = ${field.expression}`}
      onClick={props.onSelect}
      onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
        const startKeyboardDrag = draggable.listeners?.onKeyDown as ((e: KeyboardEvent<HTMLDivElement>) => void) | undefined;
        startKeyboardDrag?.(event);
      }}
    >
      <FieldGlyph kind={field.kind} />
      <span className="model-field-label">{label(field.label)}</span>
      {field.expression !== undefined && <span className="model-field-tag">ƒ</span>}
      {roleText !== undefined && roleText !== label(field.label) && <span className="model-field-role" title={t('model.field.roleTitle', { role: roleText })}>{roleText}</span>}
    </div>
  );
}

function RelationshipLabel({ relationship, x, y }: { readonly relationship: Relationship; readonly x: number; readonly y: number }) {
  const { t, locale } = useT();
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const [confirming, setConfirming] = useState(false);
  const suggested = relationship.source === 'suggested';
  const text = relationshipText(relationship, locale);
  return (
    <div
      className={`model-link-label is-${relationship.source}`}
      style={{ left: x, top: y }}
      data-testid={`relationship-${relationshipKey(relationship)}`}
      data-source={relationship.source}
    >
      {confirming ? (
        <>
          <span className="model-link-text">{t('model.rel.removeAsk')}</span>
          <button
            type="button"
            className="btn btn-danger model-link-btn"
            disabled={busy}
            onClick={() => {
              setConfirming(false);
              void perform(removeRelationshipCommand(api(), relationship));
            }}
          >
            {t('model.rel.remove')}
          </button>
          <button type="button" className="btn model-link-btn" onClick={() => setConfirming(false)} autoFocus>
            {t('model.cancel')}
          </button>
        </>
      ) : (
        <>
          <span className="model-link-text" title={suggested ? t('model.rel.suggestedHint') : undefined}>
            {suggested && <span className="visually-hidden">{t('model.rel.suggested')}</span>}
            {text}
          </span>
          {suggested ? (
            <button
              type="button"
              className="icon-btn model-link-icon"
              disabled={busy}
              aria-label={t('model.rel.confirm')}
              title={t('model.rel.confirm')}
              onClick={() => void perform(addRelationshipCommand(api(), relationship.from, relationship.to))}
            >
              <Icon name="check" size={14} />
            </button>
          ) : (
            <button type="button" className="icon-btn model-link-icon" aria-label={t('model.rel.remove')} title={t('model.rel.remove')} onClick={() => setConfirming(true)}>
              <Icon name="trash" size={14} />
            </button>
          )}
        </>
      )}
    </div>
  );
}

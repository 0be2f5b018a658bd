import { closestCenter, DndContext, DragOverlay, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { useRef, useState, type ReactNode } from 'react';
import type { RecipeSpec, RecipeStep } from '../../../shared/spec/recipe-spec';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { PointMenu } from '../../ui/PointMenu';
import { useCleanStore } from './clean-store';
import { columnsBefore } from './CleanWorkspace';
import { addStep, moveStep, moveStepTo, removeStep, stepForTable, TABLE_STEP_KINDS, toggleStep } from './recipe-edits';
import { resetStepKeyboardPosition, stepKeyboardCoordinates } from './step-keyboard-coordinates';
import { StepEditor } from './StepEditor';
import { stepKindKey, stepSummary } from './step-text';
import './recipe-steps-drag.css';

/** The recipe's steps in order, each with its switch, problems, a handle to drag it to another
 * place and buttons to move and remove it; the selected step's settings and the columns after it below. */
export function RecipeStepsPanel() {
  const { t } = useT();
  const spec = useCleanStore((s) => s.spec);
  const state = useCleanStore((s) => s.state);
  const selected = useCleanStore((s) => s.selected);
  const select = useCleanStore((s) => s.select);
  const apply = useCleanStore((s) => s.apply);
  const tables = useWorkbenchStore((s) => s.tables);
  const [palette, setPalette] = useState<{ x: number; y: number } | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  if (spec === null) return <aside className="inspector clean-steps" aria-label={t('clean.steps')} />;
  const flow = state?.flow ?? null;
  const current = spec.steps.find((s) => s.id === selected);
  const currentIndex = spec.steps.findIndex((s) => s.id === selected);
  const after = current === undefined ? columnsBefore(undefined) : flow?.steps[currentIndex]?.schema ?? [];
  const others = tables.map((tb) => tb.name).filter((n) => n !== spec.source && n !== spec.output);

  return (
    <aside className="inspector clean-steps" aria-label={t('clean.steps')}>
      <div className="panel-header">
        <h2 className="section-title">{t('clean.steps')}</h2>
        <button
          ref={addRef}
          type="button"
          className="btn btn-quiet clean-add"
          aria-haspopup="menu"
          onClick={() => {
            const box = addRef.current?.getBoundingClientRect();
            setPalette(box === undefined ? { x: 0, y: 0 } : { x: box.left, y: box.bottom });
          }}
          data-testid="clean-add-step"
        >
          <Icon name="plus" size={14} />
          {t('clean.addStep')}
        </button>
      </div>
      <div className="clean-steps-scroll">
      {spec.steps.length === 0 && <p className="panel-note">{t('clean.noSteps')}</p>}
      <StepDndContext spec={spec}>
        <ol className="clean-step-list" data-testid="clean-steps">
          {spec.steps.map((step, i) => (
            <StepRow key={step.id} step={step} index={i} count={spec.steps.length} selected={step.id === selected} problems={flow?.steps[i]?.problems.length ?? 0} onSelect={() => select(step.id)} />
          ))}
        </ol>
      </StepDndContext>
      {current !== undefined && <StepEditor key={current.id} step={current} />}
      <section className="clean-schema" aria-labelledby="clean-schema-title">
        <h3 className="section-title" id="clean-schema-title">
          {current === undefined ? t('clean.schema.source') : t('clean.schema.after', { n: currentIndex + 1 })}
        </h3>
        <ul className="clean-schema-list" data-testid="clean-schema">
          {after.map((c) => (
            <li key={c.name}>
              <span className="clean-schema-name">{c.name}</span>
              <span className="clean-schema-type">{t(`type.${c.type}`)}</span>
              {c.role !== undefined && <span className="clean-schema-role">{t(`role.${c.role}`)}</span>}
            </li>
          ))}
        </ul>
      </section>
      </div>
      {palette !== null && (
        <PointMenu
          at={palette}
          title={t('clean.addStep')}
          groups={[
            TABLE_STEP_KINDS.map((kind) => ({
              key: kind,
              text: t(stepKindKey(kind)),
              disabled: (kind === 'lookup' || kind === 'union') && others.length === 0,
              onSelect: () => void apply(addStep(spec, stepForTable(kind, columnsBefore(spec.steps[currentIndex + 1]?.id), others), selected)),
            })),
          ]}
          onClose={() => setPalette(null)}
          testId="clean-palette"
        />
      )}
    </aside>
  );
}

/**
 * Steps move by dragging their handle onto another step's place (the mouse, or Space and the arrow
 * keys), as one edit that undo takes back; a step moved above the one that makes its column is
 * flagged as any broken step is.
 */
function StepDndContext({ spec, children }: { readonly spec: RecipeSpec; readonly children: ReactNode }) {
  const { t } = useT();
  const apply = useCleanStore((s) => s.apply);
  const [dragging, setDragging] = useState<RecipeStep | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: stepKeyboardCoordinates }));
  const place = (id: UniqueIdentifier | undefined): number => spec.steps.findIndex((s) => s.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('clean.dnd.start', { n: place(active.id) }),
    onDragOver: ({ active, over }) => (over === null ? undefined : t('clean.dnd.over', { n: place(active.id), to: place(over.id) })),
    onDragEnd: ({ active, over }) => (over === null ? t('clean.dnd.cancel', { n: place(active.id) }) : t('clean.dnd.drop', { n: place(active.id), to: place(over.id) })),
    onDragCancel: ({ active }) => t('clean.dnd.cancel', { n: place(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (over === null || over.id === active.id) return;
    void apply(moveStepTo(spec, String(active.id), place(over.id) - 1));
  };
  const overlay = dragging === null ? null : spec.steps.findIndex((s) => s.id === dragging.id);
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('clean.dnd.instructions') } }}
      onDragStart={({ active }) => {
        resetStepKeyboardPosition(active.id);
        setDragging(spec.steps.find((s) => s.id === active.id) ?? null);
      }}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragging === null || overlay === null ? null : (
          <div className="clean-step clean-step-overlay is-selected">
            <span className="clean-step-title">
              <span className="clean-step-n num">{overlay + 1}</span>
              {t(stepKindKey(dragging.kind))}
            </span>
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}

function StepRow(props: { readonly step: RecipeStep; readonly index: number; readonly count: number; readonly selected: boolean; readonly problems: number; readonly onSelect: () => void }) {
  const { t } = useT();
  const spec = useCleanStore((s) => s.spec)!;
  const apply = useCleanStore((s) => s.apply);
  const { step } = props;
  const summary = stepSummary(step);
  const drag = useDraggable({ id: step.id });
  const drop = useDroppable({ id: step.id });
  const from = drop.active === null ? -1 : spec.steps.findIndex((s) => s.id === drop.active!.id);
  const target = drop.isOver && from >= 0 && from !== props.index ? (from > props.index ? ' is-drop-before' : ' is-drop-after') : '';
  return (
    <li
      ref={(node) => {
        drag.setNodeRef(node);
        drop.setNodeRef(node);
      }}
      className={`clean-step${props.selected ? ' is-selected' : ''}${step.enabled ? '' : ' is-off'}${props.problems > 0 ? ' has-problem' : ''}${drag.isDragging ? ' is-dragging' : ''}${target}`}
      data-testid={`clean-step-${props.index + 1}`}
      data-kind={step.kind}
    >
      <button
        type="button"
        className="clean-step-grip"
        {...drag.attributes}
        {...drag.listeners}
        aria-label={t('clean.step.drag', { n: props.index + 1 })}
        title={t('clean.step.drag', { n: props.index + 1 })}
        data-testid={`clean-step-grip-${props.index + 1}`}
      >
        <Icon name="grip" size={12} />
      </button>
      <input
        type="checkbox"
        className="clean-step-switch"
        checked={step.enabled}
        onChange={() => void apply(toggleStep(spec, step.id))}
        aria-label={t(step.enabled ? 'clean.step.disable' : 'clean.step.enable', { n: props.index + 1 })}
      />
      <button type="button" className="clean-step-main" onClick={props.onSelect} aria-current={props.selected ? 'step' : undefined}>
        <span className="clean-step-title">
          <span className="clean-step-n num">{props.index + 1}</span>
          {t(stepKindKey(step.kind))}
          {props.problems > 0 && <Icon name="alert" size={13} className="clean-step-alert" />}
        </span>
        <span className="clean-step-summary">{t(summary.key, summary.params)}</span>
      </button>
      <span className="clean-step-actions">
        <button type="button" className="icon-btn" disabled={props.index === 0} onClick={() => void apply(moveStep(spec, step.id, -1))} aria-label={t('clean.step.up', { n: props.index + 1 })}>
          <Icon name="chevronUp" size={13} />
        </button>
        <button type="button" className="icon-btn" disabled={props.index === props.count - 1} onClick={() => void apply(moveStep(spec, step.id, 1))} aria-label={t('clean.step.down', { n: props.index + 1 })}>
          <Icon name="chevronDown" size={13} />
        </button>
        <button type="button" className="icon-btn" onClick={() => void apply(removeStep(spec, step.id))} aria-label={t('clean.step.remove', { n: props.index + 1 })} data-testid={`clean-step-remove-${props.index + 1}`}>
          <Icon name="trash" size={13} />
        </button>
      </span>
    </li>
  );
}

import { describe, expect, it } from 'vitest';
import type { StageColumn } from '../../../../../shared/recipe/recipe-dataflow';
import { analyzeRecipe } from '../../../../../shared/recipe/recipe-dataflow';
import { addStep, COLUMN_STEP_KINDS, emptyRecipe, moveStep, moveStepTo, quoteField, removeStep, renameOutput, stepForColumn, stepForTable, TABLE_STEP_KINDS, toggleStep, updateStep } from '../../../../../renderer/features/clean/recipe-edits';

const col = (name: string, type: StageColumn['type'] = 'text'): StageColumn => ({ name, type, label: { en: name, 'zh-CN': name } });
const COLUMNS = [col('工单编号'), col('region'), col('csat', 'integer'), col('created at')];

describe('recipe edits', () => {
  it('names the clean table after the source without taking an existing name', () => {
    expect(emptyRecipe('tickets', ['tickets']).output).toBe('tickets_clean');
    expect(emptyRecipe('tickets', ['tickets', 'TICKETS_CLEAN']).output).toBe('tickets_clean2');
  });

  it('adds after the selected step, removes, switches, moves and changes steps, keeping ids stable', () => {
    let spec = emptyRecipe('tickets', []);
    const first = addStep(spec, { kind: 'trim', columns: ['region'], inner: true });
    spec = first.spec;
    const second = addStep(spec, { kind: 'drop', columns: ['csat'] });
    spec = second.spec;
    // inserted between the two
    const middle = addStep(spec, { kind: 'case', columns: ['region'], to: 'upper' }, first.select);
    spec = middle.spec;
    expect(spec.steps.map((s) => s.kind)).toEqual(['trim', 'case', 'drop']);
    expect(new Set(spec.steps.map((s) => s.id)).size).toBe(3);
    expect(middle).toMatchObject({ label: 'clean.edit.add', select: spec.steps[1]!.id });

    const moved = moveStep(spec, spec.steps[2]!.id, -1);
    expect(moved.spec.steps.map((s) => s.kind)).toEqual(['trim', 'drop', 'case']);
    // at the top it stays where it is
    expect(moveStep(spec, spec.steps[0]!.id, -1).spec).toBe(spec);

    const off = toggleStep(spec, spec.steps[0]!.id);
    expect(off.spec.steps[0]!.enabled).toBe(false);
    expect(toggleStep(off.spec, spec.steps[0]!.id).spec.steps[0]!.enabled).toBe(true);

    const changed = updateStep(spec, spec.steps[1]!.id, { kind: 'case', columns: ['region'], to: 'lower' });
    expect(changed.spec.steps[1]).toMatchObject({ id: spec.steps[1]!.id, enabled: true, to: 'lower' });

    const removed = removeStep(spec, spec.steps[2]!.id);
    expect(removed.spec.steps.map((s) => s.kind)).toEqual(['trim', 'case']);
    // the step before the removed one is selected
    expect(removed.select).toBe(spec.steps[1]!.id);
    expect(renameOutput(spec, 'clean').spec.output).toBe('clean');
  });

  it('moves a step to another place as a drag drops it, the others closing up, and flags a move above the step making its column', () => {
    let spec = emptyRecipe('tickets', []);
    for (const body of [
      { kind: 'trim', columns: ['region'], inner: true },
      { kind: 'derive', into: 'band', expression: 'csat * 2' },
      { kind: 'case', columns: ['region'], to: 'upper' },
      { kind: 'filter', expression: 'band > 4' },
    ] as const)
      spec = addStep(spec, body).spec;
    const [trim, derive, upper, filter] = spec.steps.map((s) => s.id);
    const down = moveStepTo(spec, trim!, 2);
    expect(down.spec.steps.map((s) => s.id)).toEqual([derive, upper, trim, filter]);
    expect(down).toMatchObject({ label: 'clean.edit.move', select: trim });
    expect(moveStepTo(spec, filter!, 0).spec.steps.map((s) => s.id)).toEqual([filter, trim, derive, upper]);
    // onto its own place, or off the ends, nothing changes
    expect(moveStepTo(spec, upper!, 2).spec).toBe(spec);
    expect(moveStepTo(spec, upper!, 4).spec).toBe(spec);
    // the filter above the derived column it reads is flagged
    const broken = moveStepTo(spec, filter!, 1).spec;
    const flow = analyzeRecipe(COLUMNS, broken.steps);
    expect(flow.steps[1]!.problems.map((p) => p.key)).toEqual(['error.expression.unknownField']);
  });

  it('starts every column step and table step with settings the dataflow accepts', () => {
    const text = COLUMNS[1]!;
    for (const kind of COLUMN_STEP_KINDS) {
      const column = kind === 'fillMissing' ? COLUMNS[2]! : text;
      const body = stepForColumn(kind, column, COLUMNS);
      const problems = analyzeRecipe(COLUMNS, [{ ...body, id: 'x', enabled: true }]).problems;
      // a mapping or a clustering starts empty and is filled in by its editor or dialog
      expect(problems, kind).toEqual([]);
    }
    for (const kind of TABLE_STEP_KINDS) {
      if (kind === 'lookup' || kind === 'union') continue;
      const body = stepForTable(kind, COLUMNS, []);
      expect(analyzeRecipe(COLUMNS, [{ ...body, id: 'x', enabled: true }]).problems, kind).toEqual([]);
    }
  });

  it('writes a field into a formula so that the formula reads it back', () => {
    expect(quoteField('region')).toBe('region');
    expect(quoteField('工单编号')).toBe('工单编号');
    expect(quoteField('created at')).toBe('[created at]');
    expect(quoteField('a]b')).toBe('[a]]b]');
    const body = stepForTable('filter', [COLUMNS[3]!], []);
    expect(analyzeRecipe(COLUMNS, [{ ...body, id: 'x', enabled: true }]).problems).toEqual([]);
  });
});

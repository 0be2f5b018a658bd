import { describe, expect, it } from 'vitest';
import { analyzeRecipe, type StageColumn } from '../../../../shared/recipe/recipe-dataflow';
import { applyDictionaries, findValueChains } from '../../../../shared/recipe/value-dictionary';
import type { RecipeStep, RecipeStepBody } from '../../../../shared/spec/recipe-spec';

const input: StageColumn[] = [
  { name: 'region', type: 'text', label: { en: 'region', 'zh-CN': '区域' } },
  { name: 'channel', type: 'text', label: { en: 'channel', 'zh-CN': '渠道' } },
  { name: 'csat', type: 'integer', label: { en: 'csat', 'zh-CN': '满意度' } },
];
let next = 0;
const step = (body: RecipeStepBody): RecipeStep => ({ ...body, id: `s${++next}`, enabled: true });

function chains(steps: readonly RecipeStep[]) {
  const flow = analyzeRecipe(input, steps);
  return findValueChains(
    input,
    steps.map((s, i) => ({ step: s, flow: flow.steps[i]! })),
  );
}

describe('value-wise chains worked out as dictionaries', () => {
  it('finds a run of text steps per column, each step narrowed to the column', () => {
    const trim = step({ kind: 'trim', columns: ['region', 'channel'], inner: true });
    const width = step({ kind: 'width', columns: ['channel'], to: 'half' });
    const map = step({ kind: 'mapValues', column: 'region', mapping: [{ from: '华东区', to: '华东' }] });
    const found = chains([trim, width, map]);
    expect(found.map((c) => [c.column, c.stepIds, c.lastStepId])).toEqual([
      ['region', [trim.id, map.id], map.id],
      ['channel', [trim.id, width.id], width.id],
    ]);
    expect(found[0]!.steps[0]).toMatchObject({ kind: 'trim', columns: ['region'] });
  });

  it('ends a chain before a step that reads the column, and starts the next after it from the values so far', () => {
    const trim = step({ kind: 'trim', columns: ['region'], inner: false });
    const derive = step({ kind: 'derive', into: 'seen', expression: 'region' });
    const upper = step({ kind: 'case', columns: ['region'], to: 'upper' });
    const found = chains([trim, derive, upper]);
    expect(found.map((c) => [c.stepIds, c.prefix.map((s) => s.kind)])).toEqual([
      [[trim.id], []],
      [[upper.id], ['trim']],
    ]);
  });

  it('leaves a column alone once another step writes it, a number column, and a run of mappings alone', () => {
    const rename = step({ kind: 'rename', column: 'region', to: 'area' });
    const trimArea = step({ kind: 'trim', columns: ['area'], inner: false });
    const mapOnly = step({ kind: 'mapValues', column: 'channel', mapping: [{ from: 'a', to: 'b' }] });
    expect(chains([rename, trimArea, mapOnly])).toEqual([]);
    const derive = step({ kind: 'derive', into: 'channel', expression: "'x'" });
    const trimAfter = step({ kind: 'trim', columns: ['channel'], inner: false });
    expect(chains([derive, trimAfter])).toEqual([]);
  });

  it('replaces the chain by one mapping after its last step, keeping the steps for the other columns', () => {
    const trim = step({ kind: 'trim', columns: ['region', 'channel'], inner: true });
    const map = step({ kind: 'mapValues', column: 'region', mapping: [{ from: '华东区', to: '华东' }] });
    const filter = step({ kind: 'filter', expression: 'csat > 3' });
    const [chain] = chains([trim, map, filter]).filter((c) => c.column === 'region');
    const out = applyDictionaries([trim, map, filter], [{ chain: chain!, mapping: [{ from: ' 华东区 ', to: '华东' }], whenNull: '未知' }]);
    expect(out.map((s) => s.kind)).toEqual(['trim', 'mapValues', 'filter']);
    expect(out[0]).toMatchObject({ kind: 'trim', columns: ['channel'] });
    expect(out[1]).toMatchObject({ kind: 'mapValues', column: 'region', mapping: [{ from: ' 华东区 ', to: '华东' }], otherwise: '未知' });
  });
});

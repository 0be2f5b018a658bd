import { describe, expect, it } from 'vitest';
import { newBoardSpec, type BoardSpec } from '../../../../../shared/spec/board-spec';
import {
  addAction,
  addCategory,
  addCause,
  addChain,
  addEvidence,
  addWhyStep,
  causeSubtree,
  findNode,
  moveCause,
  nextId,
  removeCategory,
  removeCause,
  removeEvidence,
  removeWhyStep,
  renameCategory,
  setStepStatus,
  toggleCollapsed,
  voteCause,
  type BoardEdit,
} from '../../../../../renderer/features/boards/board-edits';

const problem = { metric: 'csat', filters: [], periodA: { from: '2024-09-01', to: '2024-09-30' }, periodB: { from: '2024-10-01', to: '2024-10-31' } };
const run = (spec: BoardSpec, ...edits: BoardEdit[]): BoardSpec => edits.reduce((s, e) => e.apply(s), spec);

describe('board edits', () => {
  const empty = newBoardSpec(problem);

  it('starts with the six default bones and nothing on them', () => {
    expect(empty.categories.map((c) => c.key)).toEqual(['people', 'machine', 'material', 'method', 'environment', 'measurement']);
    expect(empty.causes).toEqual([]);
  });

  it('gives causes the first free id and puts a sub-cause on its parent’s bone', () => {
    const spec = run(empty, addCause('people', ' 新人培训不足 '), addCause('method', 'x', { parentId: 'cause-1' }));
    expect(spec.causes.map((c) => [c.id, c.categoryId, c.parentId, c.text])).toEqual([
      ['cause-1', 'people', null, '新人培训不足'],
      ['cause-2', 'people', 'cause-1', 'x'],
    ]);
    expect(nextId(spec, 'cause')).toBe('cause-3');
  });

  it('moves a cause with its sub-causes to another bone', () => {
    const spec = run(empty, addCause('people', 'a'), addCause('people', 'b', { parentId: 'cause-1' }), addCause('people', 'c', { parentId: 'cause-2' }), addCause('people', 'd'));
    expect([...causeSubtree(spec, 'cause-1')].sort()).toEqual(['cause-1', 'cause-2', 'cause-3']);
    const moved = moveCause('cause-2', 'machine').apply(spec);
    expect(moved.causes.map((c) => [c.id, c.categoryId, c.parentId])).toEqual([
      ['cause-1', 'people', null],
      ['cause-2', 'machine', null],
      ['cause-3', 'machine', 'cause-2'],
      ['cause-4', 'people', null],
    ]);
    expect(moveCause('cause-1', 'no-such-bone').apply(spec)).toBe(spec);
  });

  it('removes a cause with its sub-causes and chains, and unlinks actions from them', () => {
    let spec = run(empty, addCause('people', 'a'), addCause('people', 'b', { parentId: 'cause-1' }), addChain('cause-2'), addWhyStep('chain-1', 'why 1'));
    spec = run(spec, addAction({ kind: 'corrective', title: 'fix', owner: '', due: null, effectiveFrom: null, status: 'open', addresses: 'why-1', metric: 'csat' }));
    const after = removeCause('cause-1').apply(spec);
    expect(after.causes).toEqual([]);
    expect(after.chains).toEqual([]);
    expect(after.actions[0]!.addresses).toBeNull();
  });

  it('keeps one root cause per chain and cuts a chain below a removed step', () => {
    let spec = run(empty, addCause('method', 'a'), addChain('cause-1'), addWhyStep('chain-1', 'w1'), addWhyStep('chain-1', 'w2'), addWhyStep('chain-1', 'w3'));
    spec = run(spec, setStepStatus('why-2', 'root-cause'), setStepStatus('why-3', 'root-cause'));
    expect(spec.chains[0]!.steps.map((s) => s.status)).toEqual(['hypothesis', 'supported', 'root-cause']);
    const cut = removeWhyStep('why-2').apply(spec);
    expect(cut.chains[0]!.steps.map((s) => s.answer)).toEqual(['w1']);
    const node = findNode(spec, 'why-3');
    expect(node?.kind === 'step' ? node.index : -1).toBe(2);
  });

  it('attaches and removes evidence on causes and on steps', () => {
    let spec = run(empty, addCause('method', 'a'), addChain('cause-1'), addWhyStep('chain-1', 'w1'));
    spec = run(spec, addEvidence('cause-1', { kind: 'note', text: 'seen in calls' }), addEvidence('why-1', { kind: 'note', text: 'log' }));
    expect(spec.causes[0]!.evidence).toEqual([{ id: 'ev-1', kind: 'note', text: 'seen in calls' }]);
    expect(spec.chains[0]!.steps[0]!.evidence[0]!.id).toBe('ev-2');
    const gone = run(spec, removeEvidence('ev-2'), removeEvidence('ev-1'));
    expect(gone.causes[0]!.evidence).toEqual([]);
    expect(gone.chains[0]!.steps[0]!.evidence).toEqual([]);
  });

  it('renames, adds and removes bones; a bone with causes is not removed', () => {
    let spec = run(empty, renameCategory('people', ' 坐席 '), addCategory('政策'), addCause('bone-1', 'x'));
    expect(spec.categories.find((c) => c.id === 'people')?.label).toBe('坐席');
    expect(spec.categories.at(-1)).toEqual({ id: 'bone-1', label: '政策' });
    expect(removeCategory('bone-1').apply(spec)).toBe(spec);
    spec = run(spec, removeCause('cause-1'), removeCategory('bone-1'));
    expect(spec.categories).toHaveLength(6);
    expect(renameCategory('people', '').apply(spec).categories[0]!.label).toBeUndefined();
  });

  it('counts votes without going below zero and toggles collapse', () => {
    const spec = run(empty, addCause('people', 'a'), voteCause('cause-1', 1), voteCause('cause-1', 1), voteCause('cause-1', -1), voteCause('cause-1', -1), voteCause('cause-1', -1));
    expect(spec.causes[0]!.votes).toBe(0);
    expect(run(spec, toggleCollapsed('cause-1')).causes[0]!.collapsed).toBe(true);
    expect(run(spec, toggleCollapsed('cause-1'), toggleCollapsed('cause-1')).causes[0]!.collapsed).toBeUndefined();
  });
});

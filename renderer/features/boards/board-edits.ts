import type { MessageKey } from '../../../shared/i18n/messages';
import type {
  BoardAction,
  BoardCause,
  BoardSpec,
  CauseOrigin,
  CauseStatus,
  Evidence,
  WhyChain,
  WhyStep,
} from '../../../shared/spec/board-spec';

/** A change of a board, as the undo list and the board's history name it. */
export interface BoardEdit {
  readonly label: MessageKey;
  readonly apply: (spec: BoardSpec) => BoardSpec;
}

/** Every id in use on a board (bones, causes, steps, actions, evidence). */
function usedIds(spec: BoardSpec): Set<string> {
  const ids = new Set<string>();
  for (const c of spec.categories) ids.add(c.id);
  for (const c of spec.causes) {
    ids.add(c.id);
    for (const e of c.evidence) ids.add(e.id);
  }
  for (const chain of spec.chains) {
    ids.add(chain.id);
    for (const s of chain.steps) {
      ids.add(s.id);
      for (const e of s.evidence) ids.add(e.id);
    }
  }
  for (const a of spec.actions) ids.add(a.id);
  return ids;
}

/** The first free id `prefix-N`: deterministic, so an edit replayed gives the same board. */
export function nextId(spec: BoardSpec, prefix: string): string {
  const used = usedIds(spec);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** A cause and every sub-cause below it. */
export function causeSubtree(spec: BoardSpec, causeId: string): Set<string> {
  const ids = new Set([causeId]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const c of spec.causes)
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grown = true;
      }
  }
  return ids;
}

const mapCause = (spec: BoardSpec, id: string, f: (cause: BoardCause) => BoardCause): BoardSpec => ({
  ...spec,
  causes: spec.causes.map((c) => (c.id === id ? f(c) : c)),
});

const mapStep = (spec: BoardSpec, id: string, f: (step: WhyStep) => WhyStep): BoardSpec => ({
  ...spec,
  chains: spec.chains.map((chain) => (chain.steps.some((s) => s.id === id) ? { ...chain, steps: chain.steps.map((s) => (s.id === id ? f(s) : s)) } : chain)),
});

export function addCause(categoryId: string, text: string, options: { readonly parentId?: string | null; readonly origin?: CauseOrigin } = {}): BoardEdit {
  return {
    label: 'board.action.addCause',
    apply(spec) {
      const parent = options.parentId === undefined || options.parentId === null ? null : spec.causes.find((c) => c.id === options.parentId);
      const cause: BoardCause = {
        id: nextId(spec, 'cause'),
        categoryId: parent?.categoryId ?? categoryId,
        parentId: parent?.id ?? null,
        text: text.trim(),
        status: 'hypothesis',
        votes: 0,
        origin: options.origin,
        evidence: [],
      };
      return { ...spec, causes: [...spec.causes, cause] };
    },
  };
}

export function editCauseText(causeId: string, text: string): BoardEdit {
  return { label: 'board.action.editCause', apply: (spec) => mapCause(spec, causeId, (c) => ({ ...c, text: text.trim() })) };
}

export function setCauseStatus(causeId: string, status: CauseStatus): BoardEdit {
  return { label: 'board.action.status', apply: (spec) => mapCause(spec, causeId, (c) => ({ ...c, status })) };
}

export function voteCause(causeId: string, by: 1 | -1): BoardEdit {
  return { label: 'board.action.vote', apply: (spec) => mapCause(spec, causeId, (c) => ({ ...c, votes: Math.max(0, c.votes + by) })) };
}

export function toggleCollapsed(causeId: string): BoardEdit {
  return { label: 'board.action.collapse', apply: (spec) => mapCause(spec, causeId, (c) => ({ ...c, collapsed: c.collapsed === true ? undefined : true })) };
}

/** Moves a cause (with its sub-causes) to another bone, as a cause of its own there. */
export function moveCause(causeId: string, categoryId: string): BoardEdit {
  return {
    label: 'board.action.moveCause',
    apply(spec) {
      const moved = causeSubtree(spec, causeId);
      if (!spec.categories.some((c) => c.id === categoryId)) return spec;
      return {
        ...spec,
        causes: spec.causes.map((c) => (c.id === causeId ? { ...c, categoryId, parentId: null } : moved.has(c.id) ? { ...c, categoryId } : c)),
      };
    },
  };
}

/** Removes a cause, its sub-causes, their 5-Why chains, and what actions pointed at them. */
export function removeCause(causeId: string): BoardEdit {
  return {
    label: 'board.action.removeCause',
    apply(spec) {
      const gone = causeSubtree(spec, causeId);
      const chains = spec.chains.filter((chain) => !gone.has(chain.causeId));
      const goneSteps = new Set(spec.chains.filter((chain) => gone.has(chain.causeId)).flatMap((chain) => chain.steps.map((s) => s.id)));
      return {
        ...spec,
        causes: spec.causes.filter((c) => !gone.has(c.id)),
        chains,
        actions: spec.actions.map((a) => (a.addresses !== null && (gone.has(a.addresses) || goneSteps.has(a.addresses)) ? { ...a, addresses: null } : a)),
      };
    },
  };
}

export function renameCategory(categoryId: string, label: string): BoardEdit {
  return {
    label: 'board.action.renameBone',
    apply: (spec) => ({
      ...spec,
      categories: spec.categories.map((c) => (c.id === categoryId ? { ...c, label: label.trim() === '' ? undefined : label.trim() } : c)),
    }),
  };
}

export function addCategory(label: string): BoardEdit {
  return {
    label: 'board.action.addBone',
    apply: (spec) => ({ ...spec, categories: [...spec.categories, { id: nextId(spec, 'bone'), label: label.trim() }] }),
  };
}

/** Removes an empty bone (a bone with causes stays: move or remove them first). */
export function removeCategory(categoryId: string): BoardEdit {
  return {
    label: 'board.action.removeBone',
    apply: (spec) => (spec.causes.some((c) => c.categoryId === categoryId) ? spec : { ...spec, categories: spec.categories.filter((c) => c.id !== categoryId) }),
  };
}

/** Starts a 5-Why chain from a cause, its first answer the cause itself asked "why?" about. */
export function addChain(causeId: string): BoardEdit {
  return {
    label: 'board.action.addChain',
    apply(spec) {
      if (!spec.causes.some((c) => c.id === causeId)) return spec;
      const chain: WhyChain = { id: nextId(spec, 'chain'), causeId, steps: [] };
      return { ...spec, chains: [...spec.chains, chain] };
    },
  };
}

export function addWhyStep(chainId: string, answer: string): BoardEdit {
  return {
    label: 'board.action.addWhy',
    apply(spec) {
      const id = nextId(spec, 'why');
      return {
        ...spec,
        chains: spec.chains.map((chain) =>
          chain.id === chainId ? { ...chain, steps: [...chain.steps, { id, answer: answer.trim(), status: 'hypothesis' as const, evidence: [] }] } : chain,
        ),
      };
    },
  };
}

export function editWhyStep(stepId: string, answer: string): BoardEdit {
  return { label: 'board.action.editWhy', apply: (spec) => mapStep(spec, stepId, (s) => ({ ...s, answer: answer.trim() })) };
}

/** Sets a step's status; a step marked root cause is the chain's only one (others above it become supported). */
export function setStepStatus(stepId: string, status: CauseStatus): BoardEdit {
  return {
    label: 'board.action.status',
    apply(spec) {
      const chain = spec.chains.find((c) => c.steps.some((s) => s.id === stepId));
      if (chain === undefined) return spec;
      return {
        ...spec,
        chains: spec.chains.map((c) =>
          c.id !== chain.id
            ? c
            : {
                ...c,
                steps: c.steps.map((s) => {
                  if (s.id === stepId) return { ...s, status };
                  return status === 'root-cause' && s.status === 'root-cause' ? { ...s, status: 'supported' as const } : s;
                }),
              },
        ),
      };
    },
  };
}

/** Removes a step and the steps below it (they answered it). */
export function removeWhyStep(stepId: string): BoardEdit {
  return {
    label: 'board.action.removeWhy',
    apply(spec) {
      const chain = spec.chains.find((c) => c.steps.some((s) => s.id === stepId));
      if (chain === undefined) return spec;
      const index = chain.steps.findIndex((s) => s.id === stepId);
      const gone = new Set(chain.steps.slice(index).map((s) => s.id));
      return {
        ...spec,
        chains: spec.chains.map((c) => (c.id === chain.id ? { ...c, steps: c.steps.slice(0, index) } : c)),
        actions: spec.actions.map((a) => (a.addresses !== null && gone.has(a.addresses) ? { ...a, addresses: null } : a)),
      };
    },
  };
}

export function removeChain(chainId: string): BoardEdit {
  return {
    label: 'board.action.removeChain',
    apply(spec) {
      const chain = spec.chains.find((c) => c.id === chainId);
      if (chain === undefined) return spec;
      const gone = new Set(chain.steps.map((s) => s.id));
      return {
        ...spec,
        chains: spec.chains.filter((c) => c.id !== chainId),
        actions: spec.actions.map((a) => (a.addresses !== null && gone.has(a.addresses) ? { ...a, addresses: null } : a)),
      };
    },
  };
}

/** Evidence for a cause or a 5-Why step (the id of either); its id is given here. */
export function addEvidence(nodeId: string, evidence: DistributiveOmit<Evidence, 'id'>): BoardEdit {
  return {
    label: 'board.action.addEvidence',
    apply(spec) {
      const withId = { ...evidence, id: nextId(spec, 'ev') } as Evidence;
      if (spec.causes.some((c) => c.id === nodeId)) return mapCause(spec, nodeId, (c) => ({ ...c, evidence: [...c.evidence, withId] }));
      return mapStep(spec, nodeId, (s) => ({ ...s, evidence: [...s.evidence, withId] }));
    },
  };
}

export function removeEvidence(evidenceId: string): BoardEdit {
  return {
    label: 'board.action.removeEvidence',
    apply: (spec) => ({
      ...spec,
      causes: spec.causes.map((c) => (c.evidence.some((e) => e.id === evidenceId) ? { ...c, evidence: c.evidence.filter((e) => e.id !== evidenceId) } : c)),
      chains: spec.chains.map((chain) => ({
        ...chain,
        steps: chain.steps.map((s) => (s.evidence.some((e) => e.id === evidenceId) ? { ...s, evidence: s.evidence.filter((e) => e.id !== evidenceId) } : s)),
      })),
    }),
  };
}

export function addAction(action: Omit<BoardAction, 'id'>): BoardEdit {
  return {
    label: 'board.action.addAction',
    apply: (spec) => ({ ...spec, actions: [...spec.actions, { ...action, id: nextId(spec, 'action') }] }),
  };
}

export function updateAction(actionId: string, change: Partial<Omit<BoardAction, 'id'>>): BoardEdit {
  return {
    label: 'board.action.editAction',
    apply: (spec) => ({ ...spec, actions: spec.actions.map((a) => (a.id === actionId ? { ...a, ...change } : a)) }),
  };
}

export function removeAction(actionId: string): BoardEdit {
  return { label: 'board.action.removeAction', apply: (spec) => ({ ...spec, actions: spec.actions.filter((a) => a.id !== actionId) }) };
}

/** Omit over each member of a union (plain Omit would merge the members). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The node (cause or 5-Why step) an id names, with its chain for a step. */
export function findNode(spec: BoardSpec, id: string): { readonly kind: 'cause'; readonly cause: BoardCause } | { readonly kind: 'step'; readonly step: WhyStep; readonly chain: WhyChain; readonly index: number } | undefined {
  const cause = spec.causes.find((c) => c.id === id);
  if (cause !== undefined) return { kind: 'cause', cause };
  for (const chain of spec.chains) {
    const index = chain.steps.findIndex((s) => s.id === id);
    if (index >= 0) return { kind: 'step', step: chain.steps[index]!, chain, index };
  }
  return undefined;
}

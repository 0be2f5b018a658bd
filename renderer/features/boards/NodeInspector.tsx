import { useState } from 'react';
import { CAUSE_STATUSES, type BoardCause, type CauseStatus, type WhyChain } from '../../../shared/spec/board-spec';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import {
  addAction,
  addCause,
  toggleCollapsed,
  addChain,
  addWhyStep,
  editCauseText,
  editWhyStep,
  findNode,
  moveCause,
  nextId,
  removeCause,
  removeChain,
  removeWhyStep,
  setCauseStatus,
  setStepStatus,
  voteCause,
} from './board-edits';
import { useBoardStore } from './board-store';
import { STATUS_LABEL } from '../../../shared/board/board-text';
import { categoryName } from '../../../shared/board/board-view';
import { EvidenceList } from './EvidenceList';

/** A text that saves when it loses focus or on Enter (Escape gives up the change). */
function InlineText(props: { readonly value: string; readonly label: string; readonly onCommit: (text: string) => void; readonly testId: string; readonly multiline?: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft.trim() !== '' && draft.trim() !== props.value) props.onCommit(draft);
    setDraft(null);
  };
  return (
    <textarea
      className="input inline-text"
      rows={props.multiline === true ? 3 : 2}
      aria-label={props.label}
      value={draft ?? props.value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          e.currentTarget.blur();
        }
        if (e.key === 'Escape') {
          e.stopPropagation();
          setDraft(null);
        }
      }}
      data-testid={props.testId}
    />
  );
}

function StatusPicker({ value, onChange, testId }: { readonly value: CauseStatus; readonly onChange: (status: CauseStatus) => void; readonly testId: string }) {
  const { t } = useT();
  return (
    <div className="status-picker" role="radiogroup" aria-label={t('board.status.label')} data-testid={testId}>
      {CAUSE_STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          role="radio"
          aria-checked={value === status}
          className={`status-chip is-${status}${value === status ? ' is-on' : ''}`}
          onClick={() => onChange(status)}
        >
          {t(STATUS_LABEL[status])}
        </button>
      ))}
    </div>
  );
}

/** One 5-Why chain: its steps in order, each a "why?" answered, and a box for the next why. */
function ChainView({ chain, cause }: { readonly chain: WhyChain; readonly cause: BoardCause }) {
  const { t } = useT();
  const edit = useBoardStore((s) => s.edit);
  const selectNode = useBoardStore((s) => s.selectNode);
  const [answer, setAnswer] = useState('');
  const add = () => {
    if (answer.trim() === '') return;
    edit(addWhyStep(chain.id, answer));
    setAnswer('');
  };
  return (
    <div className="why-chain" data-testid="why-chain">
      <ol className="why-steps">
        <li className="why-step is-cause">
          <span className="why-index">{t('board.why.start')}</span>
          <span className="why-answer">{cause.text}</span>
        </li>
        {chain.steps.map((step, i) => (
          <li key={step.id} className={`why-step is-${step.status}`} data-testid="why-step">
            <span className="why-index num">{t('board.why.n', { n: i + 1 })}</span>
            <button type="button" className="why-answer link-btn" onClick={() => selectNode(step.id)} title={t('board.why.open')}>
              {step.answer}
            </button>
            <span className={`status-dot is-${step.status}`} title={t(STATUS_LABEL[step.status])} aria-label={t(STATUS_LABEL[step.status])} />
            {step.evidence.length > 0 && <span className="why-evidence num">{step.evidence.length}</span>}
          </li>
        ))}
      </ol>
      <div className="why-add">
        <input
          className="input"
          value={answer}
          placeholder={t(chain.steps.length === 0 ? 'board.why.firstPlaceholder' : 'board.why.nextPlaceholder', { n: chain.steps.length + 1 })}
          onChange={(e) => setAnswer(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
          aria-label={t('board.why.add')}
          data-testid="why-input"
        />
        <button type="button" className="btn" onClick={add} disabled={answer.trim() === ''} data-testid="why-add">
          {t('board.why.add')}
        </button>
      </div>
      <button type="button" className="link-btn why-remove" onClick={() => edit(removeChain(chain.id))}>
        {t('board.why.removeChain')}
      </button>
    </div>
  );
}

function ActionShortcut({ nodeId }: { readonly nodeId: string }) {
  const { t } = useT();
  const spec = useBoardStore((s) => s.spec);
  const edit = useBoardStore((s) => s.edit);
  const openActions = useBoardStore((s) => s.setTab);
  if (spec === null) return null;
  const actions = spec.actions.filter((a) => a.addresses === nodeId);
  return (
    <div className="node-actions">
      <h3 className="board-subtitle">{t('board.actions.forNode', { n: actions.length })}</h3>
      {actions.map((a) => (
        <div key={a.id} className="node-action">
          <span className={`action-status is-${a.status}`}>{t(`board.actionStatus.${a.status}`)}</span>
          <span>{a.title}</span>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() => {
          const id = nextId(spec, 'action');
          edit(addAction({ kind: 'corrective', title: t('board.actions.newTitle'), owner: '', due: null, effectiveFrom: null, status: 'open', addresses: nodeId, metric: spec.problem.metric }));
          openActions('actions', id);
        }}
        data-testid="node-add-action"
      >
        <Icon name="plus" />
        {t('board.actions.add')}
      </button>
    </div>
  );
}

/** A cause's sub-causes: listed, one click to open; a box to add one; collapse them on the fishbone. */
function SubCauses({ cause }: { readonly cause: BoardCause }) {
  const { t } = useT();
  const spec = useBoardStore((s) => s.spec);
  const edit = useBoardStore((s) => s.edit);
  const selectNode = useBoardStore((s) => s.selectNode);
  const [text, setText] = useState('');
  if (spec === null) return null;
  const children = spec.causes.filter((c) => c.parentId === cause.id);
  const add = () => {
    if (text.trim() === '') return;
    edit(addCause(cause.categoryId, text, { parentId: cause.id }));
    setText('');
  };
  return (
    <div className="sub-causes">
      <div className="sub-causes-head">
        <h3 className="board-subtitle">{t('board.node.subCauses', { n: children.length })}</h3>
        {children.length > 0 && (
          <button type="button" className="link-btn" onClick={() => edit(toggleCollapsed(cause.id))} data-testid="node-collapse">
            {t(cause.collapsed === true ? 'board.node.expand' : 'board.node.collapse')}
          </button>
        )}
      </div>
      {children.map((child) => (
        <button key={child.id} type="button" className="link-btn sub-cause" onClick={() => selectNode(child.id)}>
          <span className={`status-dot is-${child.status}`} aria-hidden="true" />
          {child.text}
        </button>
      ))}
      <div className="why-add">
        <input
          className="input"
          value={text}
          placeholder={t('board.node.subCausePlaceholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
          aria-label={t('board.node.addSubCause')}
          data-testid="sub-cause-input"
        />
        <button type="button" className="btn" onClick={add} disabled={text.trim() === ''} data-testid="sub-cause-add">
          {t('board.node.addSubCause')}
        </button>
      </div>
    </div>
  );
}

/** The selected cause or 5-Why step: its text, status, votes, evidence, chains and actions. */
export function NodeInspector() {
  const { t } = useT();
  const spec = useBoardStore((s) => s.spec);
  const selected = useBoardStore((s) => s.selected);
  const edit = useBoardStore((s) => s.edit);
  const selectNode = useBoardStore((s) => s.selectNode);
  if (spec === null) return null;
  const node = selected === null ? undefined : findNode(spec, selected);
  if (node === undefined) return <p className="board-panel-empty">{t('board.node.none')}</p>;
  if (node.kind === 'step') {
    const { step, chain, index } = node;
    const cause = spec.causes.find((c) => c.id === chain.causeId);
    return (
      <section className="board-panel node-panel" data-testid="node-panel">
        <nav className="node-crumbs">
          <button type="button" className="link-btn" onClick={() => selectNode(chain.causeId)}>
            {cause?.text ?? ''}
          </button>
          <span aria-hidden="true">›</span>
          <span>{t('board.why.n', { n: index + 1 })}</span>
        </nav>
        <InlineText value={step.answer} label={t('board.why.answer')} onCommit={(text) => edit(editWhyStep(step.id, text))} testId="node-text" multiline />
        <StatusPicker value={step.status} onChange={(status) => edit(setStepStatus(step.id, status))} testId="node-status" />
        <EvidenceList nodeId={step.id} evidence={step.evidence} />
        {step.status === 'root-cause' && <ActionShortcut nodeId={step.id} />}
        <button
          type="button"
          className="link-btn node-remove"
          onClick={() => {
            edit(removeWhyStep(step.id));
            selectNode(chain.causeId);
          }}
        >
          {t('board.why.remove')}
        </button>
      </section>
    );
  }
  const { cause } = node;
  const chains = spec.chains.filter((c) => c.causeId === cause.id);
  return (
    <section className="board-panel node-panel" data-testid="node-panel">
      <InlineText value={cause.text} label={t('board.node.text')} onCommit={(text) => edit(editCauseText(cause.id, text))} testId="node-text" />
      <div className="node-row">
        <label className="board-field is-inline">
          <span>{t('board.node.bone')}</span>
          <select className="input" value={cause.categoryId} onChange={(e) => edit(moveCause(cause.id, e.target.value))} data-testid="node-bone">
            {spec.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(c, t)}
              </option>
            ))}
          </select>
        </label>
        <div className="votes" aria-label={t('board.node.votes')}>
          <button type="button" className="icon-btn" onClick={() => edit(voteCause(cause.id, -1))} aria-label={t('board.node.voteDown')} disabled={cause.votes === 0}>
            −
          </button>
          <span className="num" data-testid="node-votes">
            {t('board.node.voteCount', { n: cause.votes })}
          </span>
          <button type="button" className="icon-btn" onClick={() => edit(voteCause(cause.id, 1))} aria-label={t('board.node.voteUp')} data-testid="node-vote-up">
            +
          </button>
        </div>
      </div>
      <StatusPicker value={cause.status} onChange={(status) => edit(setCauseStatus(cause.id, status))} testId="node-status" />
      <SubCauses cause={cause} />
      <EvidenceList nodeId={cause.id} evidence={cause.evidence} origin={cause.origin?.segment} />
      <div className="why-section">
        <h3 className="board-subtitle">{t('board.why.title')}</h3>
        {chains.map((chain) => (
          <ChainView key={chain.id} chain={chain} cause={cause} />
        ))}
        <button type="button" className="btn" onClick={() => edit(addChain(cause.id))} data-testid="why-start">
          <Icon name="plus" />
          {t('board.why.startChain')}
        </button>
      </div>
      {cause.status === 'root-cause' && <ActionShortcut nodeId={cause.id} />}
      <button
        type="button"
        className="link-btn node-remove"
        onClick={() => {
          edit(removeCause(cause.id));
          selectNode(null);
        }}
        data-testid="node-remove"
      >
        {t('board.node.remove')}
      </button>
    </section>
  );
}

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/locale-context';
import { applyCompletion, completionsAt, type Completion, type FormulaField, type FormulaProblem } from './formula-assist';

/**
 * A formula's text with its mistake marked in place (a wavy line under the characters at fault)
 * and completions of field and function names at the caret (Ctrl+Space asks for them).
 */
export function FormulaInput(props: {
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly fields: readonly FormulaField[];
  readonly problem: FormulaProblem | undefined;
  readonly label: string;
  readonly describedBy?: string | undefined;
}) {
  const { t } = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [explicit, setExplicit] = useState(false);
  const [active, setActive] = useState(0);
  const completions = open ? completionsAt(props.value, caret, props.fields, { explicit }) : { start: caret, items: [] };
  const shown = completions.items.length > 0;
  const current = Math.min(active, completions.items.length - 1);

  const take = (item: Completion) => {
    const next = applyCompletion(props.value, caret, completions.start, item);
    props.onChange(next.text);
    setOpen(false);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
      setCaret(next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      setExplicit(true);
      setOpen(true);
      setActive(0);
      return;
    }
    if (!shown) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = completions.items.length;
      setActive((current + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      take(completions.items[current]!);
    } else if (event.key === 'Escape') {
      // the list closes; the dialog stays
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const { problem, value } = props;
  return (
    <div className="formula-input">
      <div className="formula-layers">
        <pre className="formula-highlight" aria-hidden="true">
          {problem === undefined ? (
            value
          ) : (
            <>
              {value.slice(0, problem.start)}
              <mark className="formula-mark" data-testid="formula-mark">
                {value.slice(problem.start, problem.end)}
              </mark>
              {value.slice(problem.end)}
            </>
          )}
          {'\n'}
        </pre>
        <textarea
          ref={ref}
          className="formula-text"
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-label={props.label}
          aria-invalid={problem !== undefined}
          aria-describedby={props.describedBy}
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={shown ? listId : undefined}
          aria-activedescendant={shown ? `${listId}-${current}` : undefined}
          data-testid="formula-text"
          rows={3}
          onChange={(e) => {
            props.onChange(e.target.value);
            setCaret(e.target.selectionStart);
            setExplicit(false);
            setOpen(true);
            setActive(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onScroll={(e) => {
            const pre = e.currentTarget.previousElementSibling;
            if (pre instanceof HTMLElement) pre.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {shown && (
        <ul className="formula-completions" id={listId} role="listbox" aria-label={t('model.formula.completions')} data-testid="formula-completions">
          {completions.items.map((item, index) => (
            <li
              key={`${item.kind}:${item.name}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              className={`formula-completion${index === current ? ' is-active' : ''}`}
              // mousedown, so the textarea keeps its focus and caret
              onMouseDown={(e) => {
                e.preventDefault();
                take(item);
              }}
            >
              <span className={`formula-completion-kind is-${item.kind}`}>{item.kind === 'function' ? 'ƒ' : '▪'}</span>
              <span className="formula-completion-name">{item.name}</span>
              <span className="formula-completion-detail">{item.kind === 'field' ? t(`type.${item.detail}` as 'type.text') : item.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

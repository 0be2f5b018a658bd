import { useState } from 'react';

/**
 * A document's name as a heading that becomes a text box on double-click: Enter or leaving the box
 * renames, Escape gives up (dashboards and boards).
 */
export function RenamableTitle(props: {
  /** What the heading shows (a built-in name may show in the reader's language). */
  readonly text: string;
  /** What the box starts with: the stored name. */
  readonly value: string;
  readonly label: string;
  readonly hint: string;
  readonly testId: string;
  readonly onRename: (name: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <input
        className="input dashboard-name-input"
        defaultValue={props.value}
        aria-label={props.label}
        autoFocus
        onBlur={(e) => {
          setEditing(false);
          props.onRename(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setEditing(false);
        }}
      />
    );
  return (
    <h1 className="dashboard-name" onDoubleClick={() => setEditing(true)} title={props.hint} data-testid={props.testId}>
      {props.text}
    </h1>
  );
}

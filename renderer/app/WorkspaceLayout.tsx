import type { CSSProperties, ReactNode } from 'react';
import { useUiStore } from '../state/ui-store';
import { PanelResizer } from './PanelResizer';

/** Left panel, main area and right panel (none when `right` is null); both side panels resize from their inner edge. */
export function WorkspaceLayout(props: { readonly left: ReactNode; readonly main: ReactNode; readonly right: ReactNode }) {
  const panels = useUiStore((s) => s.panels);
  const style = { '--left-width': `${panels.left}px`, '--right-width': `${panels.right}px` } as CSSProperties;
  return (
    <div className={props.right === null ? 'workspace no-right' : 'workspace'} style={style}>
      <div className="side-panel side-panel-left">
        {props.left}
        <PanelResizer side="left" />
      </div>
      <main className="workspace-main">{props.main}</main>
      {props.right !== null && (
        <div className="side-panel side-panel-right">
          <PanelResizer side="right" />
          {props.right}
        </div>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../ui/Icon';

/** A calm, centred note that says what to do next. */
export function ChartEmptyState(props: {
  readonly icon: IconName;
  readonly title: string;
  readonly body: string;
  readonly tone?: 'neutral' | 'error';
  readonly children?: ReactNode;
}) {
  return (
    <div className={`empty-state empty-state-${props.tone ?? 'neutral'}`} data-testid="empty-state" role={props.tone === 'error' ? 'alert' : 'status'}>
      <div className="empty-state-icon">
        <Icon name={props.icon} size={22} />
      </div>
      <h2 className="empty-state-title">{props.title}</h2>
      <p className="empty-state-body selectable">{props.body}</p>
      {props.children}
    </div>
  );
}

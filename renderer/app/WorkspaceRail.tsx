import type { MessageKey } from '../../shared/i18n/messages';
import { useT } from '../i18n/locale-context';
import { useUiStore, type Workspace } from '../state/ui-store';
import { Icon, type IconName } from '../ui/Icon';

const WORKSPACES: readonly { readonly id: Workspace; readonly label: MessageKey; readonly icon: IconName }[] = [
  { id: 'data', label: 'rail.data', icon: 'data' },
  { id: 'clean', label: 'rail.clean', icon: 'clean' },
  { id: 'model', label: 'rail.model', icon: 'model' },
  { id: 'analyze', label: 'rail.analyze', icon: 'analyze' },
  { id: 'dashboards', label: 'rail.dashboards', icon: 'dashboard' },
  { id: 'boards', label: 'rail.boards', icon: 'fishbone' },
  { id: 'reports', label: 'rail.reports', icon: 'report' },
];

/** The workspaces that exist today; others join the rail when they are built. */
export function WorkspaceRail() {
  const { t } = useT();
  const workspace = useUiStore((s) => s.workspace);
  const setWorkspace = useUiStore((s) => s.setWorkspace);
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      {WORKSPACES.map((w) => (
        <button
          key={w.id}
          type="button"
          className={`rail-item${workspace === w.id ? ' is-active' : ''}`}
          aria-current={workspace === w.id ? 'page' : undefined}
          onClick={() => setWorkspace(w.id)}
          data-testid={`rail-${w.id}`}
        >
          <Icon name={w.icon} size={18} />
          <span className="rail-label">{t(w.label)}</span>
        </button>
      ))}
    </nav>
  );
}

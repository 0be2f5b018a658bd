import { useEffect, useState } from 'react';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { importFiles } from './import-files';
import './import.css';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Files dropped anywhere on the window are imported; while they hover, a calm overlay says so. */
export function FileDropOverlay() {
  const { t } = useT();
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed, so count them
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setVisible(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setVisible(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setVisible(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) void importFiles(files);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!visible) return null;
  return (
    <div className="file-drop-overlay" aria-hidden="true">
      <div className="file-drop-card">
        <Icon name="upload" size={28} />
        <div className="file-drop-title">{t('drop.title')}</div>
        <div className="file-drop-body">{t('drop.body')}</div>
      </div>
    </div>
  );
}

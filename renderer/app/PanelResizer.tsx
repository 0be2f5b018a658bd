import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../i18n/locale-context';
import { PANEL_LIMITS, useUiStore } from '../state/ui-store';

const KEY_STEP = 16;

/** The edge of a side panel: drag it, or focus it and use the arrow keys. */
export function PanelResizer({ side }: { readonly side: 'left' | 'right' }) {
  const { t } = useT();
  const width = useUiStore((s) => s.panels[side]);
  const setWidth = useUiStore((s) => s.setPanelWidth);
  const start = useRef<{ x: number; width: number } | null>(null);
  const direction = side === 'left' ? 1 : -1;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current === null) return;
    setWidth(side, start.current.width + direction * (event.clientX - start.current.x));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    start.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    setWidth(side, width + (event.key === 'ArrowRight' ? KEY_STEP : -KEY_STEP) * direction);
  };

  return (
    <div
      className={`panel-resizer panel-resizer-${side}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={t('panel.resize')}
      aria-valuemin={PANEL_LIMITS.min}
      aria-valuemax={PANEL_LIMITS.max}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}

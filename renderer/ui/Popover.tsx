import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import './popover.css';

const GAP = 4;
const MARGIN = 8;

/** A small panel under an anchor. Escape or a click elsewhere closes it; focus goes in, and back to the anchor. */
export function Popover(props: {
  readonly anchor: RefObject<HTMLElement | null>;
  readonly label: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly role?: 'dialog' | 'menu';
  readonly className?: string;
  readonly testId?: string;
}) {
  const { anchor, onClose } = props;
  const panel = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);

  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  // a passive effect: when the popover mounts together with its anchor, the anchor's ref is only set
  // after the popover's layout effects have run
  useEffect(() => {
    const node = panel.current;
    const anchorNode = anchor.current;
    if (node === null || anchorNode === null) return;
    const place = () => {
      const a = anchorNode.getBoundingClientRect();
      const width = node.offsetWidth;
      const height = node.offsetHeight;
      const left = Math.min(Math.max(MARGIN, a.left), window.innerWidth - width - MARGIN);
      const below = a.bottom + GAP;
      const top = below + height > window.innerHeight - MARGIN ? Math.max(MARGIN, a.top - GAP - height) : below;
      node.style.left = `${Math.round(left)}px`;
      node.style.top = `${Math.round(top)}px`;
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(node);
    window.addEventListener('resize', place);
    const focusable = node.querySelector<HTMLElement>('[data-autofocus], input, button, [tabindex="0"]');
    focusable?.focus();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', place);
    };
  }, [anchor]);

  useEffect(() => {
    const anchorNode = anchor.current;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panel.current?.contains(target) === true || anchorNode?.contains(target) === true) return;
      closeRef.current();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      closeRef.current();
      anchorNode?.querySelector<HTMLElement>('button')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [anchor]);

  return (
    <div
      ref={panel}
      role={props.role ?? 'dialog'}
      aria-label={props.label}
      className={props.className === undefined ? 'popover' : `popover ${props.className}`}
      data-testid={props.testId}
    >
      {props.children}
    </div>
  );
}

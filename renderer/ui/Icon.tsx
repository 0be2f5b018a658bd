/** The app's few icons, drawn on a 16px grid with 1.5px strokes so they sit calmly next to 13px text. */
const PATHS = {
  check: 'M3.5 8.5l3 3 6-7',
  info: 'M8 14.5A6.5 6.5 0 1 0 8 1.5a6.5 6.5 0 0 0 0 13zM8 7.5v4M8 4.75v.5',
  alert: 'M8 1.75l6.5 12H1.5zM8 6.5v3.25M8 11.75v.5',
  close: 'M4 4l8 8M12 4l-8 8',
  plus: 'M8 3v10M3 8h10',
  undo: 'M5.5 3.5L2.5 6.5l3 3M2.75 6.5h6.75a3.5 3.5 0 0 1 0 7H7',
  redo: 'M10.5 3.5l3 3-3 3M13.25 6.5H6.5a3.5 3.5 0 0 0 0 7H9',
  import: 'M8 2v8M4.75 6.75L8 10l3.25-3.25M2.5 11v2.5h11V11',
  search: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5',
  chevronLeft: 'M10 3.5L5.5 8 10 12.5',
  chevronRight: 'M6 3.5L10.5 8 6 12.5',
  chevronDown: 'M3.5 6L8 10.5 12.5 6',
  chevronUp: 'M3.5 10L8 5.5 12.5 10',
  caretDown: 'M5 6.5l3 3 3-3',
  table: 'M2 3h12v10H2zM2 6.5h12M2 9.75h12M6.5 6.5V13',
  data: 'M8 2c3.3 0 5.5 1 5.5 2.25v7.5C13.5 13 11.3 14 8 14s-5.5-1-5.5-2.25v-7.5C2.5 3 4.7 2 8 2zM2.5 4.25C2.5 5.5 4.7 6.5 8 6.5s5.5-1 5.5-2.25M2.5 8c0 1.25 2.2 2.25 5.5 2.25S13.5 9.25 13.5 8',
  clean: 'M9.5 2.5l4 4M11.5 4.5L5 11M2.5 13.5l2.5-2.5 1.5 1.5-2.5 2.5zM3.5 3v3M2 4.5h3M12 10.5v3M10.5 12h3',
  model: 'M1.75 2.75h5v4h-5zM9.25 9.25h5v4h-5zM6.75 4.75h2.5a1 1 0 0 1 1 1v3.5',
  analyze: 'M2.5 13.5h11M4 11V8M7 11V4.5M10 11V6.5M13 11V3',
  calendar: 'M2.5 3.5h11v10h-11zM2.5 6.5h11M5.5 2v3M10.5 2v3',
  hash: 'M6 2.5l-1 11M11 2.5l-1 11M2.75 6h11M2.25 10h11',
  text: 'M3 13L6 3h1l3 10M4 9.5h5M11.5 9.5v3.5M11.5 9.75c0-1 .8-1.5 1.75-1.5',
  bar: 'M3 13.5V8M8 13.5V3M13 13.5V6',
  line: 'M2 12l4-4.5 3 2.5 5-6',
  auto: 'M8 2l1.4 3.6L13 7l-3.6 1.4L8 12l-1.4-3.6L3 7l3.6-1.4z',
  upload: 'M8 10.5V2.5M4.75 5.75L8 2.5l3.25 3.25M2.5 10v3.5h11V10',
  filter: 'M2 3h12l-4.5 5.5V13l-3-1.5v-3z',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.5 9h6l.5-9',
  logo: 'M8 1.75v5.5M8 7.25L3.5 11.5M8 7.25l4.5 4.25M8 7.25v7M3.5 11.5v2.75M12.5 11.5v2.75',
  sortDesc: 'M4 3v10M2 11l2 2 2-2M8 4h6M8 7.5h4.5M8 11h3',
  sortAsc: 'M4 13V3M2 5l2-2 2 2M8 4h3M8 7.5h4.5M8 11h6',
  swap: 'M3 5.5h9.5M10 3l2.5 2.5L10 8M13 10.5H3.5M6 8l-2.5 2.5L6 13',
  drillUp: 'M8 13V5M4.5 8.5L8 5l3.5 3.5M3 2.5h10',
  drillDown: 'M8 3v8M4.5 7.5L8 11l3.5-3.5M3 13.5h10',
  dashboard: 'M2 2.5h5v6H2zM9 2.5h5v3.5H9zM9 8h5v5.5H9zM2 10.5h5v3H2z',
  grip: 'M6 4h.01M10 4h.01M6 8h.01M10 8h.01M6 12h.01M10 12h.01',
  resize: 'M13.5 8.5l-5 5M13.5 12l-1.5 1.5',
  keyboard: 'M1.5 4h13v8h-13zM4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M4.5 9.5h7',
  refresh: 'M13 8a5 5 0 1 1-1.5-3.55M13 2.5v2.5h-2.5',
  more: 'M3.5 8h.01M8 8h.01M12.5 8h.01',
  fishbone: 'M1.5 8h10.5M12 5.5l2.5 2.5-2.5 2.5M4 8L2.5 4.5M7.5 8L6 4.5M4 8L2.5 11.5M7.5 8L6 11.5',
  export: 'M8 10V2.5M4.75 5.75L8 2.5l3.25 3.25M2.5 9.5v4h11v-4',
  zoomIn: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5M7 4.75v4.5M4.75 7h4.5',
  zoomOut: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5M4.75 7h4.5',
  history: 'M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.5H5M8 5v3.25l2 1.25',
  report: 'M3.5 1.75h6l3 3v9.5h-9zM9.5 1.75v3h3M5.75 8h4.5M5.75 10.75h4.5M5.75 5.25h1.5',
  heading: 'M3.5 3v10M9.5 3v10M3.5 8h6M12.25 8.5l1.25-.75V13',
  copy: 'M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3',
  pageBreak: 'M3 1.75v3.5h10v-3.5M3 14.25v-3.5h10v3.5M1.5 8h1.75M6.5 8h3M12.75 8h1.75',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { readonly name: IconName; readonly size?: number; readonly className?: string }) {
  return (
    <svg
      className={className === undefined ? 'icon' : `icon ${className}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

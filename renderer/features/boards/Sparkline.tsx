/** A small line of a metric over buckets (missing buckets break the line), for evidence and the problem bar. */
export function Sparkline(props: { readonly values: readonly (number | null)[]; readonly width?: number; readonly height?: number; readonly label: string; readonly split?: number | undefined }) {
  const width = props.width ?? 96;
  const height = props.height ?? 24;
  const present = props.values.filter((v): v is number => v !== null);
  if (present.length < 2) return <svg className="sparkline" width={width} height={height} role="img" aria-label={props.label} />;
  const low = Math.min(...present);
  const high = Math.max(...present);
  const span = high - low || 1;
  const step = props.values.length > 1 ? (width - 4) / (props.values.length - 1) : 0;
  const point = (v: number, i: number) => `${(2 + i * step).toFixed(1)},${(height - 3 - ((v - low) / span) * (height - 6)).toFixed(1)}`;
  const runs: string[] = [];
  let run: string[] = [];
  props.values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
    } else run.push(point(v, i));
  });
  if (run.length > 0) runs.push(run.join(' '));
  const lastIndex = props.values.length - 1 - [...props.values].reverse().findIndex((v) => v !== null);
  const last = props.values[lastIndex] ?? null;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label}>
      {props.split !== undefined && props.split > 0 && props.split < props.values.length && (
        <line className="sparkline-split" x1={2 + (props.split - 0.5) * step} x2={2 + (props.split - 0.5) * step} y1={1} y2={height - 1} />
      )}
      {runs.map((points, i) => (points.includes(' ') ? <polyline key={i} className="sparkline-line" points={points} /> : null))}
      {last !== null && <circle className="sparkline-dot" cx={point(last, lastIndex).split(',')[0]} cy={point(last, lastIndex).split(',')[1]} r={2} />}
    </svg>
  );
}

import { str, tid, type P } from './props.js';

type Row = Record<string, string | number>;
type Axes = { x: { field: string; fieldType: string; label?: string }; y: { field: string; label?: string }; options?: { groupFieldByColor?: string } };
const COLORS = ['#0091ae', '#ff7a59', '#00bda5', '#6a78d1', '#f5c26b'];
const W = 520;
const H = 200;
const PAD = { l: 40, r: 12, t: 12, b: 40 };

function rowsOf(p: P): Row[] {
  const d = p.data as Row[] | { data: Row[] } | undefined;
  return Array.isArray(d) ? d : d?.data ?? [];
}

function Frame(p: P & { legend?: string[] }) {
  const title = str((p.options as { title?: string } | undefined)?.title);
  return (
    <figure className="hs-chart" {...tid(p)}>
      {title ? <figcaption>{title}</figcaption> : null}
      {p.children}
      {p.legend?.length ? <div className="hs-legend">{p.legend.map((l, i) => <span key={l}><i style={{ background: COLORS[i % COLORS.length] }} />{l}</span>)}</div> : null}
    </figure>
  );
}

/** A line over time (x: datetime or category), y from 0 to the data's max. */
export function LineChart(p: P) {
  const rows = rowsOf(p);
  const axes = p.axes as Axes;
  const ys = rows.map((r) => Number(r[axes.y.field]) || 0);
  const max = Math.max(1, ...ys);
  const xs = rows.map((r, i) => (axes.x.fieldType === 'datetime' ? Date.parse(String(r[axes.x.field])) : i));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const px = (x: number) => PAD.l + ((x - x0) / Math.max(1, x1 - x0)) * (W - PAD.l - PAD.r);
  const py = (y: number) => H - PAD.b - (y / max) * (H - PAD.t - PAD.b);
  const points = rows.map((_, i) => `${px(xs[i]!)},${py(ys[i]!)}`).join(' ');
  const label = (i: number) => (axes.x.fieldType === 'datetime' ? new Date(xs[i]!).toISOString().slice(5, 10) : String(rows[i]![axes.x.field]));
  return (
    <Frame {...p}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img">
        <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} stroke="#cbd6e2" />
        <text x={PAD.l - 6} y={py(max) + 4} textAnchor="end" className="tick">{max}</text>
        <text x={PAD.l - 6} y={H - PAD.b + 4} textAnchor="end" className="tick">0</text>
        <polyline points={points} fill="none" stroke={COLORS[0]} strokeWidth="2.5" />
        {rows.map((_, i) => <circle key={i} cx={px(xs[i]!)} cy={py(ys[i]!)} r="3.5" fill={COLORS[0]}><title>{`${label(i)}: ${ys[i]}`}</title></circle>)}
        {rows.map((_, i) => <text key={`l${i}`} x={px(xs[i]!)} y={H - PAD.b + 16} textAnchor="middle" className="tick">{label(i)}</text>)}
        <text x={(W + PAD.l) / 2} y={H - 6} textAnchor="middle" className="axis">{str(axes.x.label)}</text>
      </svg>
    </Frame>
  );
}

/** Bars per category, grouped side by side by `groupFieldByColor` when set. */
export function BarChart(p: P) {
  const rows = rowsOf(p);
  const axes = p.axes as Axes;
  const group = axes.options?.groupFieldByColor;
  const cats = [...new Set(rows.map((r) => String(r[axes.x.field])))];
  const groups = group ? [...new Set(rows.map((r) => String(r[group])))] : [''];
  const max = Math.max(1, ...rows.map((r) => Number(r[axes.y.field]) || 0));
  const band = (W - PAD.l - PAD.r) / Math.max(1, cats.length);
  const bw = (band * 0.8) / groups.length;
  const py = (y: number) => H - PAD.b - (y / max) * (H - PAD.t - PAD.b);
  return (
    <Frame {...p} legend={group ? groups : []}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img">
        <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} stroke="#cbd6e2" />
        <text x={PAD.l - 6} y={py(max) + 4} textAnchor="end" className="tick">{max}</text>
        {rows.map((r, i) => {
          const c = cats.indexOf(String(r[axes.x.field]));
          const g = group ? groups.indexOf(String(r[group])) : 0;
          const v = Number(r[axes.y.field]) || 0;
          const x = PAD.l + c * band + band * 0.1 + g * bw;
          return <rect key={i} x={x} y={py(v)} width={bw - 1} height={H - PAD.b - py(v)} fill={COLORS[g % COLORS.length]}><title>{`${cats[c]} ${groups[g]}: ${v}`}</title></rect>;
        })}
        {cats.map((c, i) => <text key={c} x={PAD.l + i * band + band / 2} y={H - PAD.b + 16} textAnchor="middle" className="tick">{c}</text>)}
        <text x={(W + PAD.l) / 2} y={H - 6} textAnchor="middle" className="axis">{str(axes.x.label)}</text>
      </svg>
    </Frame>
  );
}

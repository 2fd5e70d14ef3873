import { str, tid, type P } from './props.js';

type Row = Record<string, string | number>;
type Axes = {
  x: { field: string; fieldType: string; label?: string };
  y: { field: string; label?: string };
  options?: { groupFieldByColor?: string; colorList?: string[] };
};
const COLORS = ['#0091ae', '#ff7a59', '#00bda5', '#6a78d1', '#f5c26b'];
const W = 560;
const H = 240;
const PAD = { l: 52, r: 28, t: 12, b: 48 };

function rowsOf(p: P): Row[] {
  const d = p.data as Row[] | { data: Row[] } | undefined;
  return Array.isArray(d) ? d : d?.data ?? [];
}

/** 0 … a round maximum in 4–5 steps (1, 2, 2.5, 5 × 10ⁿ), as chart libraries label a linear axis. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}

/** Series by `groupFieldByColor` (one per distinct value, in first-seen order), or one unnamed series. */
function seriesOf(rows: Row[], group: string | undefined): { name: string; rows: Row[] }[] {
  if (!group) return [{ name: '', rows }];
  const names = [...new Set(rows.map((r) => String(r[group])))];
  return names.map((name) => ({ name, rows: rows.filter((r) => String(r[group]) === name) }));
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

/** The y axis: gridlines and a label at every tick, the axis title turned along it, the x axis title below. */
function AxesFrame(props: { ticks: number[]; py: (y: number) => number; axes: Axes }) {
  const { ticks, py, axes } = props;
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.l} y1={py(t)} x2={W - PAD.r} y2={py(t)} stroke={t === 0 ? '#cbd6e2' : '#eaf0f6'} />
          <text x={PAD.l - 6} y={py(t) + 3} textAnchor="end" className="tick">{t.toLocaleString('en-US')}</text>
        </g>
      ))}
      {axes.y.label ? <text x={12} y={(H - PAD.b + PAD.t) / 2} textAnchor="middle" className="axis" transform={`rotate(-90 12 ${(H - PAD.b + PAD.t) / 2})`}>{axes.y.label}</text> : null}
      {axes.x.label ? <text x={(W + PAD.l) / 2} y={H - 4} textAnchor="middle" className="axis">{axes.x.label}</text> : null}
    </>
  );
}

/** Lines over time or categories: one line per series (`groupFieldByColor`, e.g. one per model), y from 0 to a round maximum. */
export function LineChart(p: P) {
  const rows = rowsOf(p);
  const axes = p.axes as Axes;
  const series = seriesOf(rows, axes.options?.groupFieldByColor);
  const dated = axes.x.fieldType === 'datetime';
  const cats = dated ? [] : [...new Set(rows.map((r) => String(r[axes.x.field])))];
  const xOf = (r: Row) => (dated ? Date.parse(String(r[axes.x.field])) : cats.indexOf(String(r[axes.x.field])));
  const xs = rows.map(xOf);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const ticks = niceTicks(Math.max(0, ...rows.map((r) => Number(r[axes.y.field]) || 0)));
  const max = ticks.at(-1)!;
  const px = (x: number) => PAD.l + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const py = (y: number) => H - PAD.b - (y / max) * (H - PAD.t - PAD.b);
  const xLabel = (x: number) => (dated ? new Date(x).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }) : cats[x] ?? '');
  const xTicks = dated ? [...new Set(xs)].filter((_, i, all) => i % Math.ceil(all.length / 6) === 0) : cats.map((_, i) => i);
  return (
    <Frame {...p} legend={series.length > 1 ? series.map((s) => s.name) : []}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img">
        <AxesFrame ticks={ticks} py={py} axes={axes} />
        {xTicks.map((x) => <text key={`x${x}`} x={px(x)} y={H - PAD.b + 16} textAnchor="middle" className="tick">{xLabel(x)}</text>)}
        {series.map((s, si) => {
          const color = COLORS[si % COLORS.length];
          const pts = s.rows.map((r) => ({ x: xOf(r), y: Number(r[axes.y.field]) || 0 })).sort((a, b) => a.x - b.x);
          return (
            <g key={s.name} data-series={s.name}>
              <polyline points={pts.map((q) => `${px(q.x)},${py(q.y)}`).join(' ')} fill="none" stroke={color} strokeWidth="2.5" />
              {pts.map((q, i) => <circle key={i} cx={px(q.x)} cy={py(q.y)} r="3.5" fill={color}><title>{`${s.name ? `${s.name} · ` : ''}${xLabel(q.x)}: ${q.y}`}</title></circle>)}
            </g>
          );
        })}
      </svg>
    </Frame>
  );
}

/**
 * Bars per category, side by side per series (`groupFieldByColor`). The y axis is labelled at round ticks and
 * each bar carries its value, so small bars beside one tall bar stay readable.
 */
export function BarChart(p: P) {
  const rows = rowsOf(p);
  const axes = p.axes as Axes;
  const group = axes.options?.groupFieldByColor;
  const cats = [...new Set(rows.map((r) => String(r[axes.x.field])))];
  const groups = group ? [...new Set(rows.map((r) => String(r[group])))] : [''];
  const ticks = niceTicks(Math.max(0, ...rows.map((r) => Number(r[axes.y.field]) || 0)));
  const max = ticks.at(-1)!;
  const band = (W - PAD.l - PAD.r) / Math.max(1, cats.length);
  const bw = (band * 0.8) / groups.length;
  const py = (y: number) => H - PAD.b - (y / max) * (H - PAD.t - PAD.b);
  const every = Math.ceil(cats.length / 12);
  return (
    <Frame {...p} legend={group ? groups : []}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img">
        <AxesFrame ticks={ticks} py={py} axes={axes} />
        {rows.map((r, i) => {
          const c = cats.indexOf(String(r[axes.x.field]));
          const g = group ? groups.indexOf(String(r[group])) : 0;
          const v = Number(r[axes.y.field]) || 0;
          const x = PAD.l + c * band + band * 0.1 + g * bw;
          // A non-zero value never draws as nothing: at least 2 px tall.
          const top = v > 0 ? Math.min(py(v), H - PAD.b - 2) : H - PAD.b;
          return (
            <g key={i}>
              <rect x={x} y={top} width={Math.max(1, bw - 1)} height={H - PAD.b - top} fill={COLORS[g % COLORS.length]}><title>{`${cats[c]}${groups[g] ? ` ${groups[g]}` : ''}: ${v}`}</title></rect>
              {v > 0 && bw >= 9 ? <text x={x + bw / 2} y={top - 3} textAnchor="middle" className="value">{v.toLocaleString('en-US')}</text> : null}
            </g>
          );
        })}
        {cats.map((c, i) => (i % every === 0 ? <text key={c} x={PAD.l + i * band + band / 2} y={H - PAD.b + 16} textAnchor="middle" className="tick">{c}</text> : null))}
      </svg>
    </Frame>
  );
}

import { GAP, str, tid, type P } from './props.js';

const ALIGN: Record<string, string> = { start: 'flex-start', end: 'flex-end', center: 'center', baseline: 'baseline', stretch: 'stretch', between: 'space-between', around: 'space-around' };

export function Flex(p: P) {
  const style = {
    display: 'flex', flexDirection: p.direction === 'column' ? 'column' : 'row', gap: GAP[str(p.gap, 'flush')] ?? 0,
    alignItems: ALIGN[str(p.align)] ?? undefined, justifyContent: ALIGN[str(p.justify)] ?? undefined,
    flexWrap: p.wrap === true || p.wrap === 'wrap' ? 'wrap' : undefined,
  } as const;
  return <div className={`hs-flex ${p.direction === 'column' ? 'col' : 'row'}`} style={style} {...tid(p)}>{p.children}</div>;
}

export function Box(p: P) {
  return <div className="hs-box" style={{ flex: typeof p.flex === 'number' ? p.flex : str(p.flex) || undefined, minWidth: 0 }} {...tid(p)}>{p.children}</div>;
}

export function Tile(p: P) {
  return <div className={`hs-tile${p.compact ? ' compact' : ''}`} {...tid(p)}>{p.children}</div>;
}

export function Divider(p: P) {
  return <hr className="hs-divider" {...tid(p)} />;
}

export function Heading(p: P) {
  return <h3 className="hs-heading" {...tid(p)}>{p.children}</h3>;
}

export function Text(p: P) {
  const f = (p.format ?? {}) as { fontWeight?: string; italic?: boolean };
  const cls = ['hs-text', p.variant === 'microcopy' ? 'micro' : '', f.fontWeight === 'bold' || f.fontWeight === 'demibold' ? 'bold' : '', f.italic ? 'italic' : ''].filter(Boolean).join(' ');
  return p.inline ? <span className={cls} {...tid(p)}>{p.children}</span> : <p className={cls} {...tid(p)}>{p.children}</p>;
}

/** Anything without a dedicated drawing: its children in a labelled block (never silently dropped). */
export function generic(name: string) {
  const Generic = (p: P) => <div className="hs-generic" data-component={name} {...tid(p)}>{p.children}</div>;
  Generic.displayName = name;
  return Generic;
}

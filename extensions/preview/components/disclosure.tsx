import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useOverlayClose } from '../overlay.js';
import { str, tid, type P } from './props.js';

export function Accordion(p: P) {
  const [open, setOpen] = useState(Boolean(p.defaultOpen));
  return (
    <div className="hs-accordion" {...tid(p)}>
      <button type="button" className="hs-accordion-title" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chev">{open ? '▾' : '▸'}</span>{str(p.title)}
      </button>
      {open ? <div className="hs-accordion-body">{p.children}</div> : null}
    </div>
  );
}

type TabInfo = { id: string; title: string };
const TabsContext = createContext<{ selected: string | null; register: (t: TabInfo) => () => void } | null>(null);

/** Tabs: each Tab registers its id and title; only the selected one shows its content. */
export function Tabs(p: P) {
  const [tabs, setTabs] = useState<TabInfo[]>([]);
  const [own, setOwn] = useState<string | null>(p.defaultSelected === undefined ? null : String(p.defaultSelected));
  // `selected` makes the tabs controlled (the extension decides); otherwise they keep their own choice.
  const selected = p.selected === undefined ? own : String(p.selected);
  const select = (id: string) => {
    setOwn(id);
    // HubSpot calls onSelectedChange with the tab's id; the settings page mounts the Analysis tab on it.
    if (typeof p.onSelectedChange === 'function') (p.onSelectedChange as (id: string) => void)(id);
  };
  // First-seen order: a Tab whose title changes re-registers, and must keep its place in the strip.
  const order = useRef(new Map<string, number>());
  const register = useCallback((t: TabInfo) => {
    if (!order.current.has(t.id)) order.current.set(t.id, order.current.size);
    setTabs((list) => (list.some((x) => x.id === t.id) ? list.map((x) => (x.id === t.id ? t : x)) : [...list, t]));
    return () => setTabs((list) => list.filter((x) => x.id !== t.id));
  }, []);
  const current = selected ?? tabs[0]?.id ?? null;
  const value = useMemo(() => ({ selected: current, register }), [current, register]);
  return (
    <div className="hs-tabs" {...tid(p)}>
      <div className="hs-tabstrip" role="tablist">
        {[...tabs].sort((a, b) => order.current.get(a.id)! - order.current.get(b.id)!).map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === current} data-testid={`tab-${t.id}`}
            className={t.id === current ? 'active' : ''} onClick={() => select(t.id)}>{t.title}</button>
        ))}
      </div>
      <TabsContext.Provider value={value}>{p.children}</TabsContext.Provider>
    </div>
  );
}

export function Tab(p: P) {
  const ctx = useContext(TabsContext);
  const id = str(p.tabId, str(p.title));
  const title = str(p.title);
  const register = ctx?.register;
  useEffect(() => register?.({ id, title }), [register, id, title]);
  return ctx && ctx.selected === id ? <div className="hs-tab" role="tabpanel" {...tid(p)}>{p.children}</div> : null;
}

export function Modal(p: P) {
  const close = useOverlayClose(str(p.id));
  return (
    <div className="hs-modal-backdrop" onClick={close}>
      <div className={`hs-modal ${str(p.width, 'md')}`} role="dialog" aria-label={str(p.title)} onClick={(e) => e.stopPropagation()} {...tid(p)}>
        <div className="hs-modal-head"><h3 className="hs-heading">{str(p.title)}</h3><button type="button" className="hs-x" onClick={close}>×</button></div>
        {p.children}
      </div>
    </div>
  );
}

export function ModalBody(p: P) {
  return <div className="hs-modal-body" {...tid(p)}>{p.children}</div>;
}

export function ModalFooter(p: P) {
  return <div className="hs-modal-foot" {...tid(p)}>{p.children}</div>;
}

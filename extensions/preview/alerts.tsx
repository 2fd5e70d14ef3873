import { useSyncExternalStore } from 'react';

/**
 * `actions.addAlert` as banners above the extension (HubSpot shows them at the top of the page). Confirmations
 * (success, info, tip) fade after a few seconds and a new one replaces the previous, so "Draft saved." never
 * lingers under a later "Published v2"; warnings and errors stay until closed.
 */
export type HostAlert = { type?: string; title?: string; message: string };
type Shown = HostAlert & { id: number };
let alerts: Shown[] = [];
const listeners = new Set<() => void>();
let next = 1;
const TRANSIENT = new Set(['success', 'info', 'tip', undefined]);
export const ALERT_LIFETIME_MS = 6000;

function set(list: Shown[]): void {
  alerts = list;
  listeners.forEach((l) => l());
}
const dismiss = (id: number) => set(alerts.filter((a) => a.id !== id));

export function addAlert(alert: HostAlert): void {
  const shown = { ...alert, id: next++ };
  const transient = TRANSIENT.has(alert.type);
  set([...alerts.filter((a) => !(transient && TRANSIENT.has(a.type))).slice(-3), shown]);
  if (transient) setTimeout(() => dismiss(shown.id), ALERT_LIFETIME_MS);
}

export function Alerts() {
  const list = useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => alerts);
  return (
    <div className="host-alerts" data-testid="host-alerts">
      {list.map((a) => (
        <div key={a.id} className={`hs-alert host ${a.type ?? 'info'}`}>
          <div role="status" data-testid="host-alert">{a.title ? <strong>{a.title} </strong> : null}{a.message}</div>
          <button type="button" className="hs-x" aria-label="Close" onClick={() => dismiss(a.id)}>×</button>
        </div>
      ))}
    </div>
  );
}

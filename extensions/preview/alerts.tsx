import { useSyncExternalStore } from 'react';

/** `actions.addAlert` as a stack of banners above the extension (HubSpot shows them at the top of the page). */
export type HostAlert = { type?: string; title?: string; message: string };
let alerts: (HostAlert & { id: number })[] = [];
const listeners = new Set<() => void>();
let next = 1;

export function addAlert(alert: HostAlert): void {
  alerts = [...alerts.slice(-3), { ...alert, id: next++ }];
  listeners.forEach((l) => l());
}

export function Alerts() {
  const list = useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => alerts);
  return (
    <div className="host-alerts" data-testid="host-alerts">
      {list.map((a) => (
        <div key={a.id} className={`hs-alert ${a.type ?? 'info'}`} role="status" data-testid="host-alert">
          {a.title ? <strong>{a.title} </strong> : null}{a.message}
        </div>
      ))}
    </div>
  );
}

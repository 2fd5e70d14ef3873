import { createContext, useContext, useEffect, type ReactNode } from 'react';

/**
 * Overlays (Modal) as HubSpot opens them: a Button with an `overlay` opens it on click; the extension closes it
 * with `reactions.closeModal(id)` or `actions.closeOverlay(id)`. Open modals register their close function here
 * by id, so both routes reach the right one.
 */
const registry = new Map<string, () => void>();

export function closeOverlay(id: string): void {
  registry.get(id)?.();
}

/** What a click handler's second argument offers (ReactionsHandler in @hubspot/ui-extensions). */
export const reactions = {
  openModal: (_id: string) => undefined,
  closeModal: closeOverlay,
  openPanel: (_id: string) => undefined,
  closePanel: closeOverlay,
};

const CloseContext = createContext<(() => void) | null>(null);

/** Wraps an opened overlay: gives the Modal inside its close function. */
export function OverlayFrame(props: { onClose: () => void; children: ReactNode }) {
  return <CloseContext.Provider value={props.onClose}>{props.children}</CloseContext.Provider>;
}

/** Registers an open modal under its id while it is shown; returns its close function. */
export function useOverlayClose(id: string): () => void {
  const close = useContext(CloseContext) ?? (() => undefined);
  useEffect(() => {
    registry.set(id, close);
    return () => { if (registry.get(id) === close) registry.delete(id); };
  }, [id, close]);
  return close;
}

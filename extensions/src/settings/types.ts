/** What the settings page needs from HubSpot's `hubspot.extend` arguments (a structural subset of 'settings'). */
export interface SettingsActions {
  addAlert: (alert: { type?: 'info' | 'warning' | 'success' | 'danger' | 'tip'; title?: string; message: string }) => void;
  /** Closes a Modal by id (UiePlatformActions.closeOverlay); used when a click handler gets no `reactions`. */
  closeOverlay?: (id: string) => void;
}

export interface SettingsContext {
  portal: { id: number; timezone?: string };
  user?: { id: number };
}

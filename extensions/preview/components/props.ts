import type { ReactNode } from 'react';

/** Props as the host receives them from the remote tree: whatever the extension passed, plus children. */
export type P = Record<string, unknown> & { children?: ReactNode; testId?: string };

/** `data-testid` for the browser test, from the component's `testId`. */
export const tid = (p: P) => (p.testId ? { 'data-testid': p.testId } : {});

export const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);

/** HubSpot's spacing names → pixels. */
export const GAP: Record<string, number> = {
  flush: 0, 'extra-small': 4, xs: 4, small: 8, sm: 8, medium: 16, md: 16, large: 24, lg: 24, 'extra-large': 32, xl: 32,
};

import { AppError } from '../errors.js';

/**
 * Installs the app the way a person does in a browser, through the real OAuth flow: open the app's
 * `/oauth/install` (302 to HubSpot's authorize page with a signed state), read the consent page, submit its form
 * with "Connect app" (302 back to the app's `/oauth/callback` with a code), and open that callback: the app
 * exchanges the code, stores the tokens, publishes the starter model and starts the backfill. Used by the demo
 * and the end-to-end tests against the local sandbox.
 */
export type InstallResult = { authorizeUrl: string; callbackUrl: string; status: number; page: string };

const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|#(\d+));/g, (m, name: string, code?: string) =>
    code ? String.fromCharCode(Number(code)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" } as Record<string, string>)[name] ?? m);

/** The hidden fields, the form's action and the pre-selected account of HubSpot's consent page. */
export function readConsentForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new AppError('CONSENT_PAGE_UNEXPECTED', 'The authorize page has no form to approve');
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescape(m[1]!)] = unescape(m[2]!);
  const selected = /<select name="portal_id"[^>]*>[\s\S]*?<option value="(\d+)" selected/.exec(html)?.[1];
  if (selected) fields.portal_id = selected;
  return { action: unescape(action), fields };
}

async function redirectOf(res: Response, what: string): Promise<string> {
  const location = res.headers.get('location');
  if (res.status < 300 || res.status >= 400 || !location) {
    throw new AppError('OAUTH_INSTALL_FAILED', `${what} answered HTTP ${res.status} instead of a redirect: ${(await res.text()).slice(0, 300)}`);
  }
  return location;
}

/** Runs the install from the app's base URL (e.g. http://localhost:3000); `portalId` picks the account. */
export async function installThroughOAuth(appUrl: string, opts: { portalId?: number; fetch?: typeof fetch } = {}): Promise<InstallResult> {
  const http = opts.fetch ?? fetch;
  const authorizeUrl = await redirectOf(await http(`${appUrl}/oauth/install`, { redirect: 'manual' }), 'GET /oauth/install');
  const consent = await http(authorizeUrl, { redirect: 'manual' });
  if (consent.status !== 200) throw new AppError('OAUTH_INSTALL_FAILED', `The authorize page answered HTTP ${consent.status}: ${(await consent.text()).slice(0, 300)}`);
  const form = readConsentForm(await consent.text());
  if (opts.portalId !== undefined) form.fields.portal_id = String(opts.portalId);
  const approved = await http(new URL(form.action, authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, decision: 'approve' }).toString(),
  });
  const callbackUrl = await redirectOf(approved, 'Approving the consent page');
  const done = await http(callbackUrl, { redirect: 'manual' });
  const page = await done.text();
  if (done.status !== 200) throw new AppError('OAUTH_INSTALL_FAILED', `The app's OAuth callback answered HTTP ${done.status}: ${page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}`);
  return { authorizeUrl, callbackUrl, status: done.status, page };
}

/**
 * The install (consent) page HubSpot shows at /oauth/authorize: which app, which account, which scopes, and an
 * Approve button. Plain HTML with every value escaped; no script.
 */
const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type ConsentPage = {
  appName: string;
  portals: { id: number; domain: string }[];
  scopes: string[];
  optionalScopes: string[];
  /** Echoed back in the form so the POST carries the same request. */
  hidden: Record<string, string>;
};

export function renderConsentPage(p: ConsentPage): string {
  const hidden = Object.entries(p.hidden).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('\n');
  const options = p.portals.map((x, i) => `<option value="${x.id}"${i === 0 ? ' selected' : ''}>${x.id} (${escape(x.domain)})</option>`).join('');
  const list = (items: string[]) => items.map((s) => `<li><code>${escape(s)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect ${escape(p.appName)}</title></head>
<body>
<h1>Connect ${escape(p.appName)} to your HubSpot account</h1>
<form method="post" action="/oauth/authorize">
${hidden}
<label>Account <select name="portal_id" id="portal_id">${options}</select></label>
<h2>This app will be able to</h2>
<ul id="scopes">${list(p.scopes)}</ul>
${p.optionalScopes.length ? `<h2>Optional</h2><ul id="optional-scopes">${list(p.optionalScopes)}</ul>` : ''}
<button type="submit" name="decision" value="approve" id="approve">Connect app</button>
<button type="submit" name="decision" value="deny" id="deny">Cancel</button>
</form>
</body></html>`;
}

export function renderErrorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization failed</title></head>
<body><h1>Authorization failed</h1><p id="error">${escape(message)}</p></body></html>`;
}

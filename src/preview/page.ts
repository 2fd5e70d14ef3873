import { PREVIEW_CSS } from './preview-css.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script> tag: `<` escaped so no value can close the tag. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export type PageInput = {
  title: string;
  /** Breadcrumb and heading above the extension, as HubSpot frames a record tab or a settings page. */
  crumbs: string[];
  config: Record<string, unknown>;
  /** Optional HTML beside the extension (the record's properties). */
  aside?: string;
};

/** The HTML shell of a preview page: HubSpot-like chrome, the extension's root, the host script. */
export function renderPage(input: PageInput): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(input.title)} · Lead scoring preview</title><style>${PREVIEW_CSS}</style></head>
<body><header class="topbar"><span class="brand">Lead scoring</span><span class="badge">Local preview · sandbox</span>
<nav><a href="/preview">Contacts</a><a href="/preview/settings">Settings</a></nav></header>
<main class="${input.aside ? 'record' : 'page'}">
${input.aside ? `<aside class="props">${input.aside}</aside>` : ''}
<section class="frame"><div class="crumbs">${input.crumbs.map(escapeHtml).join(' › ')}</div>
<div id="extension" class="extension"></div></section></main>
<script type="application/json" id="preview-config">${scriptJson(input.config)}</script>
<script src="/preview/assets/host.js"></script>${input.aside ? REFRESH_SCRIPT : ''}</body></html>`;
}

/**
 * `actions.refreshObjectProperties()` (after Recalculate): re-reads the panel's properties, as HubSpot refreshes
 * the record, so the written score properties show up.
 */
const REFRESH_SCRIPT = `<script>window.addEventListener('preview:refresh-properties', async () => {
  const cfg = JSON.parse(document.getElementById('preview-config').textContent);
  const rows = [...document.querySelectorAll('.prop[data-property]')];
  const res = await fetch('/preview/crm/properties', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contactId: cfg.contactId, properties: rows.map((r) => r.dataset.property) }) });
  if (!res.ok) return;
  const values = await res.json();
  for (const r of rows) r.querySelector('b').textContent = values[r.dataset.property] || '\u2014';
});</script>`;

/** The record's properties panel (left column of a contact record). */
export function propertiesPanel(name: string, properties: Record<string, string | null | undefined>): string {
  const rows = Object.entries(properties)
    .map(([k, v]) => `<div class="prop" data-property="${escapeHtml(k)}"><span>${escapeHtml(k)}</span><b>${escapeHtml(v ?? '') || '—'}</b></div>`)
    .join('');
  return `<h2>${escapeHtml(name)}</h2>${rows}`;
}

export type ListRow = { id: string; label: string; detail: string; email: string; score: string | null; stage: string | null };

/** The sandbox contacts, searchable and sortable by score or name; each name opens the contact's card. */
export function listPage(input: { rows: ListRow[]; q: string; sort: string; total: number }): string {
  const { rows, q, sort, total } = input;
  const link = (next: string) => `/preview?sort=${next}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
  const arrow = (key: string) => (sort === key ? ' ▲' : sort === `-${key}` ? ' ▼' : '');
  const body = rows.map((i) => `<tr><td><a href="/preview/contacts/${encodeURIComponent(i.id)}" data-testid="contact-link">${escapeHtml(i.label)}</a>`
    + `<div class="sub">${escapeHtml(i.detail)}</div></td><td class="email">${escapeHtml(i.email)}</td>`
    + `<td class="num" data-testid="contact-score">${i.score === null ? '—' : escapeHtml(i.score)}</td><td>${escapeHtml(i.stage ?? '') || '—'}</td></tr>`).join('');
  const count = `${total.toLocaleString('en-US')} ${total === 1 ? 'contact' : 'contacts'}${q ? ` matching “${escapeHtml(q)}”` : ''}${total > rows.length ? `, the first ${rows.length} shown` : ''}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Lead scoring preview</title><style>${PREVIEW_CSS}</style></head>
<body><header class="topbar"><span class="brand">Lead scoring</span><span class="badge">Local preview · sandbox</span>
<nav><a href="/preview">Contacts</a><a href="/preview/settings">Settings</a></nav></header>
<main class="page"><section class="frame"><h1>Sandbox contacts</h1><p>Open a contact to see its lead score card, or the settings page to edit the model.</p>
<form class="search" method="get" action="/preview"><input type="hidden" name="sort" value="${escapeHtml(sort)}"><input class="hs-input" type="search" name="q" value="${escapeHtml(q)}" placeholder="Search by name or email" data-testid="contact-search"><button class="hs-button" type="submit">Search</button></form>
<p class="count" data-testid="contact-count">${count}</p>
<table class="hs-table contacts-table"><thead><tr><th><a href="${link(sort === 'name' ? '-name' : 'name')}" data-testid="sort-name">Name${arrow('name')}</a></th><th class="email">Email</th>
<th class="num"><a href="${link(sort === '-score' ? 'score' : '-score')}" data-testid="sort-score">Score${arrow('score')}</a></th><th>Stage</th></tr></thead>
<tbody>${body}</tbody></table></section></main></body></html>`;
}

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/hubspot-project.js';
import { loadConfig } from '../../src/config.js';
import {
  buildProjectManifest, EXAMPLE_BASE_URL, serializeProjectFile, type ProjectFile,
} from '../../src/hubspot/project-manifest.js';
import { diffProjectFiles, repoRoot } from '../../src/hubspot/project-manifest-files.js';
import { loadModelFile, propertiesReadBy } from '../../src/hubspot/project-manifest-properties.js';
import { subscribedProperties } from '../../src/hubspot/project-manifest-webhooks.js';

const BASE = 'https://scores.acme.test';

type Subscription = { subscriptionType: string; objectType?: string; propertyName?: string; active: boolean };
type Configs = {
  app: {
    distribution: string;
    auth: { type: string; redirectUrls: string[]; requiredScopes: string[]; optionalScopes: string[] };
    permittedUrls: { fetch: string[] };
    support: Record<string, string>;
  };
  hooks: { settings: { targetUrl: string }; subscriptions: { crmObjects: Subscription[]; hubEvents: Subscription[] } };
  action: { actionUrl: string };
};

function manifest(base = BASE, properties: string[] = ['jobtitle', 'hs_email_last_click_date']): Configs {
  const files = buildProjectManifest({ config: loadConfig({ PUBLIC_BASE_URL: base }), properties });
  const config = (path: string) => (files.find((f: ProjectFile) => f.path === `hubspot-app/app/${path}`) as { content: { config: never } }).content.config;
  return { app: config('app-hsmeta.json'), hooks: config('webhooks/webhooks-hsmeta.json'), action: config('workflow-actions/score-contact-hsmeta.json') };
}

describe('buildProjectManifest', () => {
  it('derives every URL HubSpot calls from the public base URL', () => {
    const m = manifest();
    const app = m.app;
    expect(app.auth.redirectUrls).toEqual(['https://scores.acme.test/oauth/callback']);
    expect(app.permittedUrls.fetch).toEqual(['https://scores.acme.test']);
    expect(app.support).toEqual({
      supportEmail: 'support@scores.acme.test',
      documentationUrl: 'https://scores.acme.test/docs',
      supportUrl: 'https://scores.acme.test/support',
    });
    expect(m.hooks.settings.targetUrl).toBe('https://scores.acme.test/webhooks/hubspot');
    expect(m.action.actionUrl).toBe('https://scores.acme.test/workflow-actions/score');
  });

  it('trims trailing slashes of the base URL', () => {
    const app = manifest('https://scores.acme.test//').app;
    expect(app.permittedUrls.fetch).toEqual(['https://scores.acme.test']);
    expect(app.auth.redirectUrls).toEqual(['https://scores.acme.test/oauth/callback']);
  });

  it('declares a marketplace OAuth app with the configured scopes', () => {
    const app = manifest().app;
    expect(app.distribution).toBe('marketplace');
    expect(app.auth.type).toBe('oauth');
    expect(app.auth.requiredScopes).toEqual(['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.write']);
    expect(app.auth.optionalScopes).toEqual(['crm.objects.deals.read']);
  });

  it('subscribes to contact lifecycle events, privacy deletions and each property in name order', () => {
    const hooks = manifest(BASE, ['jobtitle', 'hs_email_last_click_date', 'jobtitle']).hooks;
    expect(hooks.subscriptions.crmObjects.map((s) => `${s.subscriptionType}:${s.objectType}:${s.propertyName ?? ''}:${s.active}`)).toEqual([
      'object.creation:contact::true',
      'object.deletion:contact::true',
      'object.merge:contact::true',
      'object.restore:contact::true',
      'object.propertyChange:contact:hs_email_last_click_date:true',
      'object.propertyChange:contact:jobtitle:true',
    ]);
    expect(hooks.subscriptions.hubEvents).toEqual([{ subscriptionType: 'contact.privacyDeletion', active: true }]);
  });

  it('rejects a base URL HubSpot cannot call', () => {
    for (const bad of ['http://scores.acme.test', 'https://localhost:3000', 'https://127.0.0.1', 'https://scores.acme.test/?x=1']) {
      expect(() => manifest(bad), bad).toThrow(/is not a public HTTPS origin/);
    }
  });

  it('rejects a name that is not a HubSpot property name', () => {
    expect(() => manifest(BASE, ['Job Title'])).toThrow('Not HubSpot property names: Job Title');
  });

  it('serializes with two-space indentation and a final newline', () => {
    expect(serializeProjectFile({ path: 'x', content: { a: [1] } })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});

describe('subscribedProperties', () => {
  it('unions signal and model properties and drops the app\'s own outputs', () => {
    expect(subscribedProperties({
      signalProperties: ['hs_email_last_open_date', 'lifecyclestage'],
      modelProperties: ['jobtitle', 'lifecyclestage', 'lead_score_grade', 'lead_scoreboard'],
      outputProperties: ['lead_score', 'lead_score_fit'],
      outputPrefix: 'lead_score',
    })).toEqual(['hs_email_last_open_date', 'jobtitle', 'lead_scoreboard', 'lifecyclestage']);
  });
});

describe('the committed HubSpot project', () => {
  it('equals the generator output for the example base URL and the starter model', async () => {
    const root = repoRoot();
    const files = buildProjectManifest({
      config: loadConfig({ PUBLIC_BASE_URL: EXAMPLE_BASE_URL }),
      properties: propertiesReadBy(await loadModelFile(root)),
    });
    expect(await diffProjectFiles(root, files)).toEqual([]);
  });
});

describe('lead-scoring hubspot-project', () => {
  let dir: string | undefined;
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function copyProject(): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'ls-project-'));
    const root = repoRoot();
    await cp(join(root, 'hsproject.json'), join(dir, 'hsproject.json'));
    await cp(join(root, 'hubspot-app'), join(dir, 'hubspot-app'), { recursive: true, filter: (p) => !p.includes('node_modules') });
    await cp(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    return dir;
  }

  it('passes --check on the committed files and fails it after an edit', async () => {
    const root = await copyProject();
    expect(await run(['--check', '--dir', root, '--base-url', EXAMPLE_BASE_URL])).toBe(0);
    expect(out).toBe(`HubSpot project is up to date for ${EXAMPLE_BASE_URL} (8 files).\n`);
    const hooks = join(root, 'hubspot-app/app/webhooks/webhooks-hsmeta.json');
    await writeFile(hooks, (await readFile(hooks, 'utf8')).replace('"maxConcurrentRequests": 10', '"maxConcurrentRequests": 11'));
    expect(await run(['--check', '--dir', root, '--base-url', EXAMPLE_BASE_URL])).toBe(1);
    expect(err).toMatch(/^differs: hubspot-app\/app\/webhooks\/webhooks-hsmeta\.json\n/);
  });

  it('fails --check when a stray hsmeta file exists', async () => {
    const root = await copyProject();
    await writeFile(join(root, 'hubspot-app/app/cards/old-card-hsmeta.json'), '{}\n');
    expect(await run(['--check', '--dir', root, '--base-url', EXAMPLE_BASE_URL])).toBe(1);
    expect(err).toMatch(/^unexpected: hubspot-app\/app\/cards\/old-card-hsmeta\.json\n/);
  });

  it('rewrites every URL for another base and then passes --check for it', async () => {
    const root = await copyProject();
    expect(await run(['--dir', root, '--base-url', 'https://scores.acme.test'])).toBe(0);
    const app = await readFile(join(root, 'hubspot-app/app/app-hsmeta.json'), 'utf8');
    expect(app).toContain('"https://scores.acme.test/oauth/callback"');
    expect(app).not.toContain(EXAMPLE_BASE_URL);
    expect(await readFile(join(root, 'hubspot-app/app/cards/public-base-url.ts'), 'utf8')).toContain('export const PUBLIC_BASE_URL = "https://scores.acme.test";');
    expect(await run(['--check', '--dir', root, '--base-url', 'https://scores.acme.test'])).toBe(0);
    expect(await run(['--check', '--dir', root, '--base-url', EXAMPLE_BASE_URL])).toBe(1);
  });

  it('exits 1 without writing for a localhost base URL', async () => {
    const root = await copyProject();
    expect(await run(['--dir', root, '--base-url', 'http://localhost:3000'])).toBe(1);
    expect(err).toContain('PUBLIC_BASE_URL "http://localhost:3000" is not a public HTTPS origin');
    expect(await run(['--check', '--dir', root, '--base-url', EXAMPLE_BASE_URL])).toBe(0);
  });

  it('exits 1 on an unknown option', async () => {
    expect(await run(['--nope'])).toBe(1);
    expect(err).toContain("Unknown option '--nope'");
  });
});

import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { EXAMPLE_BASE_URL, PLATFORM_VERSION } from '../../src/hubspot/project-manifest.js';
import { repoRoot } from '../../src/hubspot/project-manifest-files.js';
import { loadModelFile } from '../../src/hubspot/project-manifest-properties.js';
import { modelProperties, outputPropertyDefinitions } from '../../src/scoring/index.js';
import { SIGNAL_PROPERTIES } from '../../src/signals/index.js';
import { validateProject, type ProjectExpectations } from './validate-project.js';

let expected: ProjectExpectations;

beforeAll(async () => {
  const model = await loadModelFile(repoRoot());
  const config = loadConfig({ PUBLIC_BASE_URL: EXAMPLE_BASE_URL });
  expected = {
    platformVersion: PLATFORM_VERSION,
    baseUrl: EXAMPLE_BASE_URL,
    requiredScopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.write'],
    optionalScopes: config.HUBSPOT_OPTIONAL_SCOPES.split(' '),
    // What the app reads, from the two sources of truth (not from the generator under test).
    readProperties: [...SIGNAL_PROPERTIES, ...modelProperties(model)],
    outputPrefix: model.propertyPrefix,
  };
  // The output properties really do carry the prefix the check relies on.
  for (const d of outputPropertyDefinitions(model)) expect(d.name.startsWith(model.propertyPrefix)).toBe(true);
});

describe('the committed HubSpot project', () => {
  it('validates offline with no problems', async () => {
    expect(await validateProject(repoRoot(), expected)).toEqual([]);
  });

  it('subscribes to every property the starter model reads', async () => {
    const hooks = JSON.parse(await readFile(join(repoRoot(), 'hubspot-app/app/webhooks/webhooks-hsmeta.json'), 'utf8'));
    const subscribed = new Set(hooks.config.subscriptions.crmObjects.map((s: { propertyName?: string }) => s.propertyName));
    const model = await loadModelFile(repoRoot());
    const missing = modelProperties(model).filter((p) => !p.startsWith(model.propertyPrefix) && !subscribed.has(p));
    expect(missing).toEqual([]);
  });
});

describe('validateProject on a broken copy', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function copy(): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'ls-hsproject-'));
    const root = repoRoot();
    await cp(join(root, 'hsproject.json'), join(dir, 'hsproject.json'));
    await cp(join(root, 'hubspot-app'), join(dir, 'hubspot-app'), { recursive: true, filter: (p) => !p.includes('node_modules') });
    return dir;
  }

  // The edits below reach into arbitrary component JSON; typing each shape would only restate the files.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function editJson(path: string, edit: (json: any) => void): Promise<void> {
    const json = JSON.parse(await readFile(path, 'utf8'));
    edit(json);
    await writeFile(path, JSON.stringify(json, null, 2));
  }

  it('accepts an unmodified copy', async () => {
    expect(await validateProject(await copy(), expected)).toEqual([]);
  });

  it('fails when a hsmeta file sits outside a component folder', async () => {
    const root = await copy();
    await mkdir(join(root, 'hubspot-app/app/card'));
    await rename(join(root, 'hubspot-app/app/cards/score-card-hsmeta.json'), join(root, 'hubspot-app/app/card/score-card-hsmeta.json'));
    expect(await validateProject(root, expected)).toEqual(['app/card/score-card-hsmeta.json: not in a component folder, HubSpot would skip it']);
  });

  it('fails when a component sits in another component\'s folder', async () => {
    const root = await copy();
    await rename(join(root, 'hubspot-app/app/settings/settings-hsmeta.json'), join(root, 'hubspot-app/app/cards/settings-hsmeta.json'));
    expect(await validateProject(root, expected)).toContain('app/cards/settings-hsmeta.json: a settings component belongs in app/settings/');
  });

  it('fails when an entrypoint is missing', async () => {
    const root = await copy();
    await rm(join(root, 'hubspot-app/app/cards/ScoreCard.tsx'));
    expect(await validateProject(root, expected)).toEqual([
      'app/cards/score-card-hsmeta.json: entrypoint /app/cards/ScoreCard.tsx of lead_score_card does not exist',
    ]);
  });

  it('fails when a second app component exists', async () => {
    const root = await copy();
    await cp(join(root, 'hubspot-app/app/app-hsmeta.json'), join(root, 'hubspot-app/app/other-app-hsmeta.json'));
    await editJson(join(root, 'hubspot-app/app/other-app-hsmeta.json'), (j) => {
      j.uid = 'other_app';
    });
    const problems = await validateProject(root, expected);
    expect(problems).toContain('expected exactly one app component, found 2');
    expect(problems).toContain('2 app components found, at most 1 allowed: app/app-hsmeta.json, app/other-app-hsmeta.json');
  });

  it('fails when two components share a uid', async () => {
    const root = await copy();
    await cp(join(root, 'hubspot-app/app/cards/score-card-hsmeta.json'), join(root, 'hubspot-app/app/cards/copy-hsmeta.json'));
    const problems = await validateProject(root, expected);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^translate: Duplicate uid 'lead_score_card' found in:/);
  });

  it('fails on an invalid uid and an unexpected top-level key', async () => {
    const root = await copy();
    await editJson(join(root, 'hubspot-app/app/settings/settings-hsmeta.json'), (j) => {
      j.uid = 'lead scoring settings';
      j.name = 'Settings';
    });
    const problems = await validateProject(root, expected);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^app\/settings\/settings-hsmeta\.json: uid "lead scoring settings": /);
    expect(problems[1]).toBe('app/settings/settings-hsmeta.json: unexpected top-level keys name');
  });

  it('fails when webhooks subscribe to an output property or a property the app does not read', async () => {
    const root = await copy();
    await editJson(join(root, 'hubspot-app/app/webhooks/webhooks-hsmeta.json'), (j) => {
      j.config.subscriptions.crmObjects.push(
        { subscriptionType: 'object.propertyChange', objectType: 'contact', propertyName: 'lead_score_grade', active: true },
        { subscriptionType: 'object.propertyChange', objectType: 'contact', propertyName: 'favourite_colour', active: true },
      );
    });
    expect(await validateProject(root, expected)).toEqual([
      'app/webhooks/webhooks-hsmeta.json: subscribes to the app\'s own output property lead_score_grade',
      'app/webhooks/webhooks-hsmeta.json: subscribes to favourite_colour, which the app does not read',
    ]);
  });

  it('fails when the privacy deletion subscription is dropped', async () => {
    const root = await copy();
    await editJson(join(root, 'hubspot-app/app/webhooks/webhooks-hsmeta.json'), (j) => {
      j.config.subscriptions.hubEvents = [];
    });
    expect(await validateProject(root, expected)).toEqual(['app/webhooks/webhooks-hsmeta.json: no contact.privacyDeletion subscription']);
  });

  it('fails when a URL leaves the public base', async () => {
    const root = await copy();
    await editJson(join(root, 'hubspot-app/app/workflow-actions/score-contact-hsmeta.json'), (j) => {
      j.config.actionUrl = 'https://elsewhere.example.net/score';
    });
    expect(await validateProject(root, expected)).toEqual([
      `app/workflow-actions/score-contact-hsmeta.json: URL https://elsewhere.example.net/score does not start with ${EXAMPLE_BASE_URL}`,
    ]);
  });

  it('fails when an entry file hard-codes a URL instead of importing the generated base', async () => {
    const root = await copy();
    const entry = join(root, 'hubspot-app/app/cards/ScoreCard.tsx');
    await writeFile(entry, `${await readFile(entry, 'utf8')}\nexport const API = 'https://lead-scoring.example.com/api';\n`);
    expect(await validateProject(root, expected)).toEqual([
      'app/cards/ScoreCard.tsx: hard-coded URL https://lead-scoring.example.com/api; import PUBLIC_BASE_URL from ./public-base-url',
    ]);
  });

  it('fails when the generated base module names another origin', async () => {
    const root = await copy();
    await writeFile(join(root, 'hubspot-app/app/settings/public-base-url.ts'), 'export const PUBLIC_BASE_URL = "https://stale.example.org";\n');
    expect(await validateProject(root, expected)).toEqual([
      `app/settings/public-base-url.ts: URL https://stale.example.org does not start with ${EXAMPLE_BASE_URL}`,
    ]);
  });

  it('fails when the app is not a marketplace OAuth app with its scopes', async () => {
    const root = await copy();
    await editJson(join(root, 'hubspot-app/app/app-hsmeta.json'), (j) => {
      j.config.distribution = 'private';
      j.config.auth.requiredScopes = ['oauth'];
    });
    expect(await validateProject(root, expected)).toEqual([
      'app/app-hsmeta.json: distribution must be "marketplace"',
      'app/app-hsmeta.json: required scope crm.objects.contacts.read is missing',
      'app/app-hsmeta.json: required scope crm.objects.contacts.write is missing',
      'app/app-hsmeta.json: required scope crm.schemas.contacts.write is missing',
    ]);
  });

  it('fails when the card package does not pin React 18 or links a package outside the source folder', async () => {
    const root = await copy();
    await editJson(join(root, 'hubspot-app/app/cards/package.json'), (j) => {
      j.dependencies.react = '^19.0.0';
      j.dependencies['@lead-scoring/extensions'] = 'file:../../../extensions';
    });
    await editJson(join(root, 'hubspot-app/app/settings/package.json'), (j) => {
      j.dependencies['shared-ui'] = 'file:../shared-ui';
    });
    expect(await validateProject(root, expected)).toEqual([
      'app/cards/package.json: pin react to 18.3.1 (found ^19.0.0)',
      'app/cards/package.json: @lead-scoring/extensions points to file:../../../extensions, outside the source folder',
      'app/settings/package.json: shared-ui points to file:../shared-ui, which has no package.json',
    ]);
  });
});

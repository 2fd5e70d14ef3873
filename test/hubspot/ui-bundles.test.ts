import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/hubspot/project-manifest-files.js';
// @ts-expect-error: a plain .mjs module without declarations
import { HUBSPOT_BUNDLES, hubspotBundle, staleHubspotBundles } from '../../extensions/build-options.mjs';

type Bundle = { entry: string; folder: string; file: string; path: string };

/**
 * The UI each HubSpot extension folder builds from is generated from extensions/src (extensions/build.mjs) and
 * committed, so that the folder builds alone. These fail when a source change was not regenerated
 * (`npm run build`), or when a bundle would import a package its folder's package.json does not install.
 */
describe('the generated UI bundles of the HubSpot project', () => {
  it('match what extensions/src builds to', { timeout: 60_000 }, async () => {
    expect(await staleHubspotBundles()).toEqual([]);
  });

  it('import only packages their folder installs, at the versions the UI package is built and tested with', { timeout: 60_000 }, async () => {
    const ui = JSON.parse(await readFile(join(repoRoot(), 'extensions/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const bundle of HUBSPOT_BUNDLES as Bundle[]) {
      const pkg = JSON.parse(await readFile(join(repoRoot(), 'hubspot-app/app', bundle.folder, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      const { imports } = (await hubspotBundle(bundle)) as { imports: string[] };
      const packages = [...new Set(imports.map((i) => (i.startsWith('@') ? i.split('/').slice(0, 2) : i.split('/').slice(0, 1)).join('/')))];
      expect(packages.sort()).toEqual(['@hubspot/ui-extensions', 'react', 'zod']);
      for (const name of packages) expect(`${bundle.folder}: ${name}@${pkg.dependencies[name]}`).toBe(`${bundle.folder}: ${name}@${ui.dependencies[name]}`);
    }
  });
});

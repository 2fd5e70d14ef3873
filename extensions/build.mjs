// Builds the UI extensions package to ESM JS (+ .d.ts) for other consumers, and the UI bundles the HubSpot project
// builds from (hubspot-app/app/cards|settings/*-ui.js, committed: see HUBSPOT_BUNDLES in build-options.mjs for why).
// Shared code from ../src (the API contract, the engine's result schemas) is bundled in; React, ui-extensions and
// zod are left to the host bundle so exactly one copy of each exists.
//
// `node build.mjs --check` builds the HubSpot bundles in memory only and exits 1 if a committed one is stale;
// `node build.mjs --hubspot` writes only them (a second, for the `hs project dev` loop).
//
// Layout: dist/index.js (the bundle), dist/types/** (declarations, mirroring the repo because the contract lives
// in ../src), dist/index.d.ts (re-exports the package's entry declarations).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bundleOptions, HUBSPOT_BUNDLES, hubspotBundle, staleHubspotBundles } from './build-options.mjs';

if (process.argv.includes('--check')) {
  const stale = await staleHubspotBundles();
  for (const file of stale) console.error(`${file} is out of date: run \`npm run build\``);
  process.exit(stale.length ? 1 : 0);
}

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url).pathname;
for (const bundle of HUBSPOT_BUNDLES) writeFileSync(bundle.path, (await hubspotBundle(bundle)).text);
if (process.argv.includes('--hubspot')) process.exit(0);
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
await build(bundleOptions);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: here });
writeFileSync(new URL('./dist/index.d.ts', import.meta.url), "export * from './types/extensions/src/index.js';\n");

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/hubspot/project-manifest-files.js';
import { emulateUpload } from './helpers/emulate-upload.js';

/**
 * HubSpot builds the UI extensions on its servers from what `hs project upload` sent: it installs each UI folder's
 * package.json with npm, then runs `remoteBuild` of @hubspot/ui-extensions-dev-server (Vite) on each entrypoint.
 * This does the same on an isolated copy (a temp dir with no node_modules above it): the upload as the CLI builds
 * it (helpers/emulate-upload.ts), a plain `npm install` in every card and settings folder, then HubSpot's own
 * `remoteBuild` for every card and settings entrypoint, each in its own process as on HubSpot's side.
 */
const run = promisify(execFile);
const require = createRequire(import.meta.url);
const devServer = pathToFileURL(require.resolve('@hubspot/ui-extensions-dev-server')).href;
const BUILD = `
const { remoteBuild } = await import(process.argv[1]);
try { await remoteBuild({ root: process.cwd(), entryPoint: process.argv[2], outputDir: process.argv[3], logLevel: 'silent' }); }
catch (e) { console.error(e instanceof Error ? e.message : String(e)); process.exit(1); }`;

type Entry = { uid: string; folder: string; entrypoint: string };
/** `sdk`: the @hubspot/ui-extensions version HubSpot's build manifest records (read from the folder's node_modules). */
type BuildResult = Entry & { ok: boolean; output: string[]; error: string; sdk: string | undefined };

/** Uploads `projectDir` into a fresh temp dir, installs and builds every UI entrypoint as HubSpot does. */
async function uploadAndBuild(projectDir: string, work: string, only?: string): Promise<BuildResult[]> {
  const upload = join(work, 'upload');
  await emulateUpload(projectDir, upload);
  const entries = (await uiEntries(upload)).filter((e) => !only || e.uid === only);
  // A plain install, as npm runs with nothing inherited from an outer `npm test` (npm_config_* would leak in).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  const folders = [...new Set(entries.map((e) => e.folder))];
  await Promise.all(folders.map((folder) => run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: join(upload, folder), env })));
  return Promise.all(entries.map(async (entry): Promise<BuildResult> => {
    const outDir = join(work, 'built', entry.uid);
    // HubSpot's dev server hands the builder the entrypoint relative to its folder (DevModeUnifiedInterface.js).
    const args = ['--input-type=module', '-e', BUILD, devServer, `./${parse(entry.entrypoint).base}`, outDir];
    const outcome = await run(process.execPath, args, { cwd: join(upload, entry.folder), env }).then(() => '', (e: { stderr?: string }) => e.stderr ?? String(e));
    const output = existsSync(outDir) ? await readdir(outDir) : [];
    const manifest = output.find((f) => f.endsWith('-manifest.json'));
    const sdk = manifest ? (JSON.parse(await readFile(join(outDir, manifest), 'utf8')) as { installedSdkVersion?: string }).installedSdkVersion : undefined;
    return { ...entry, ok: outcome === '', output, error: outcome.trim(), sdk };
  }));
}

/** Every card and settings entrypoint of the uploaded project (their `*-hsmeta.json` under app/cards, app/settings). */
async function uiEntries(upload: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const folder of ['app/cards', 'app/settings']) {
    for (const name of (await readdir(join(upload, folder))).filter((n) => n.endsWith('-hsmeta.json'))) {
      const meta = JSON.parse(await readFile(join(upload, folder, name), 'utf8')) as { uid: string; type: string; config: { entrypoint: string } };
      if (meta.type === 'card' || meta.type === 'settings') entries.push({ uid: meta.uid, folder: dirname(meta.config.entrypoint.slice(1)), entrypoint: meta.config.entrypoint });
    }
  }
  return entries;
}

function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; dirname(d) !== d; d = dirname(d)) if (existsSync(join(dirname(d), 'node_modules'))) found.push(join(dirname(d), 'node_modules'));
  return found;
}

let work: string;
let uiExtensionsVersion: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hs-upload-'));
  uiExtensionsVersion = JSON.parse(await readFile(join(repoRoot(), 'extensions/package.json'), 'utf8')).dependencies['@hubspot/ui-extensions'];
});
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

describe('the HubSpot upload, built as HubSpot builds it', () => {
  it('builds every card and settings entrypoint from an isolated copy of srcDir', { timeout: 180_000 }, async () => {
    expect(nodeModulesAbove(work)).toEqual([]);
    const results = await uploadAndBuild(repoRoot(), join(work, 'project'));
    expect(results.map((r) => r.uid).sort()).toEqual(['lead_score_card', 'lead_scoring_settings']);
    for (const r of results) {
      expect(r.error, r.uid).toBe('');
      expect(r.output.filter((f) => f.endsWith('.js')), r.uid).toHaveLength(1);
      expect(r.sdk, r.uid).toBe(uiExtensionsVersion);
    }
  });

  it('fails when a UI folder links a package from outside srcDir, whose imports the build cannot resolve', { timeout: 180_000 }, async () => {
    // The layout this replaced: cards/package.json → file:../../../<package> (a built package importing zod).
    const project = join(work, 'linked');
    await cp(join(repoRoot(), 'hsproject.json'), join(project, 'hsproject.json'));
    await cp(join(repoRoot(), 'hubspot-app'), join(project, 'hubspot-app'), { recursive: true, filter: (p) => !p.includes('node_modules') });
    await mkdir(join(project, 'ui-package'));
    await writeFile(join(project, 'ui-package/package.json'), JSON.stringify({
      name: 'ui-package', version: '1.0.0', type: 'module', main: 'index.js', files: ['index.js'], dependencies: { zod: '4.6.7' },
    }));
    await writeFile(join(project, 'ui-package/index.js'), "import { z } from 'zod';\nexport const Label = z.string();\n");
    const cards = join(project, 'hubspot-app/app/cards');
    const pkg = JSON.parse(await readFile(join(cards, 'package.json'), 'utf8'));
    pkg.dependencies['ui-package'] = 'file:../../../ui-package';
    await writeFile(join(cards, 'package.json'), JSON.stringify(pkg));
    await writeFile(join(cards, 'ScoreCard.tsx'), `import { Label } from 'ui-package';\n${await readFile(join(cards, 'ScoreCard.tsx'), 'utf8')}\nLabel.parse('x');\n`);

    const [card] = await uploadAndBuild(project, join(work, 'linked-run'), 'lead_score_card');
    expect(card!.ok).toBe(false);
    expect(card!.error).toMatch(/"zod" is imported by "\.\.\/\.\.\/_workspaces\/ui-package-[0-9a-f]{8}\/index\.js", but "zod" cannot be resolved/);
  });
});

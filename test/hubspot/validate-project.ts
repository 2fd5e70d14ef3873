import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { Components } from '@hubspot/project-parsing-lib/constants';
import { getProjectMetadata, parseProjectConfig } from '@hubspot/project-parsing-lib/projects';
import { mapToUserFacingType } from '@hubspot/project-parsing-lib/transform';
import { translate, type IntermediateRepresentationNode } from '@hubspot/project-parsing-lib/translate';
import { validateUid } from '@hubspot/project-parsing-lib/uid';

/**
 * Offline validation of the HubSpot project, for tests. `@hubspot/project-parsing-lib` parses the project as
 * `hs project upload` does, but its schema validation needs a HubSpot account, so it runs with skipValidation
 * and the checks it would skip (directories, top-level keys, singular components) are redone here, plus the
 * app-specific ones: entrypoints exist, the app is marketplace OAuth with its scopes, webhooks subscribe only to
 * properties the app reads, and every URL starts with the one public base URL.
 */

export type ProjectExpectations = {
  platformVersion: string;
  baseUrl: string;
  requiredScopes: readonly string[];
  optionalScopes: readonly string[];
  /** Every property the app reads: subscriptions must stay inside this set. */
  readProperties: readonly string[];
  /** The app's own output properties' prefix: never subscribed. */
  outputPrefix: string;
};

type Node = IntermediateRepresentationNode & { config: Record<string, unknown> };
const TOP_LEVEL_KEYS = new Set(['uid', 'type', 'config', 'dependencies']);

/** Returns every problem found in the project at `root` (empty when valid). */
export async function validateProject(root: string, expected: ProjectExpectations): Promise<string[]> {
  let srcDir: string;
  let platformVersion: string;
  try {
    const project = parseProjectConfig(root);
    srcDir = resolve(root, project.srcDir);
    platformVersion = project.platformVersion;
  } catch (error) {
    return [`hsproject.json: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (platformVersion !== expected.platformVersion) problems.push(`hsproject.json: platformVersion is ${platformVersion}, expected ${expected.platformVersion}`);
  let nodes: Node[];
  try {
    const { intermediateRepresentation, skippedHsMetaFiles } = await translate({ projectSourceDir: srcDir, platformVersion }, { skipValidation: true });
    for (const file of skippedHsMetaFiles) problems.push(`${file}: not in a component folder, HubSpot would skip it`);
    nodes = Object.values(intermediateRepresentation.intermediateNodesIndexedByUid) as Node[];
  } catch (error) {
    return [...problems, `translate: ${(error as Error).message}`];
  }
  problems.push(...(await countProblems(srcDir)));
  for (const node of nodes) problems.push(...nodeProblems(srcDir, node, expected));
  const apps = nodes.filter((n) => n.componentType === 'APPLICATION');
  if (apps.length !== 1) problems.push(`expected exactly one app component, found ${apps.length}`);
  for (const app of apps) problems.push(...appProblems(app, expected));
  for (const hooks of nodes.filter((n) => n.componentType === 'WEBHOOKS')) problems.push(...webhookProblems(hooks, expected));
  problems.push(...sourceUrlProblems(srcDir, expected.baseUrl));
  return problems;
}

/** The generated module every UI folder reads the app's origin from (`lead-scoring hubspot-project`). */
const BASE_URL_MODULE = 'public-base-url.ts';

/**
 * URLs in the UI source files: only the generated module may hold one (and it must be the base), so regenerating
 * for another origin cannot leave a stale URL behind in an entry file.
 */
function sourceUrlProblems(srcDir: string, baseUrl: string): string[] {
  const files = readdirSync(srcDir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(tsx?|jsx?|mjs)$/.test(e.name) && !e.parentPath.split(/[\\/]/).includes('node_modules'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return files.flatMap((file) => {
    const rel = relative(srcDir, file).split(/[\\/]/).join('/');
    const urls = [...readFileSync(file, 'utf8').matchAll(/(['"`])([a-z][a-z0-9+.-]*:\/\/[^'"`\s]*)\1/gi)].map((m) => m[2]!);
    if (posix.basename(rel) !== BASE_URL_MODULE) return urls.map((u) => `${rel}: hard-coded URL ${u}; import PUBLIC_BASE_URL from ./public-base-url`);
    return urls.filter((u) => u !== baseUrl && !u.startsWith(`${baseUrl}/`)).map((u) => `${rel}: URL ${u} does not start with ${baseUrl}`);
  });
}

/** Singular components (app, settings, webhooks…) appear at most once; the library counts them per folder. */
async function countProblems(srcDir: string): Promise<string[]> {
  const { components } = await getProjectMetadata(srcDir);
  return Object.entries(components)
    .filter(([, meta]) => meta.count > meta.maxCount)
    .map(([type, meta]) => `${meta.count} ${type} components found, at most ${meta.maxCount} allowed: ${meta.hsMetaFiles.map((f) => relative(srcDir, f)).join(', ')}`);
}

function nodeProblems(srcDir: string, node: Node, expected: ProjectExpectations): string[] {
  const where = node.metaFilePath;
  const problems: string[] = [];
  const uidProblem = validateUid(node.uid);
  if (uidProblem) problems.push(`${where}: uid "${node.uid}": ${uidProblem}`);
  const raw = JSON.parse(readFileSync(join(srcDir, where), 'utf8')) as Record<string, unknown>;
  const extra = Object.keys(raw).filter((k) => !TOP_LEVEL_KEYS.has(k));
  if (extra.length) problems.push(`${where}: unexpected top-level keys ${extra.join(', ')}`);
  const type = mapToUserFacingType(node.componentType);
  const component = Components[type];
  if (!component) return [...problems, `${where}: unknown component type "${type}"`];
  const expectedDir = component.parentComponent ? posix.join(Components[component.parentComponent]!.dir, component.dir) : component.dir;
  if (posix.dirname(where) !== expectedDir) problems.push(`${where}: a ${type} component belongs in ${expectedDir}/`);
  if (!node.config || typeof node.config !== 'object') return [...problems, `${where}: no config`];
  const entrypoint = node.config.entrypoint;
  if (type === 'card' || type === 'settings') {
    if (typeof entrypoint !== 'string' || !entrypoint.startsWith('/')) problems.push(`${where}: entrypoint must be a path starting with / (relative to the source folder)`);
    else if (!existsSync(join(srcDir, entrypoint))) problems.push(`${where}: entrypoint ${entrypoint} of ${node.uid} does not exist`);
    problems.push(...packageProblems(srcDir, posix.dirname(where)));
  }
  for (const url of urlsIn(node.config)) {
    if (url !== expected.baseUrl && !url.startsWith(`${expected.baseUrl}/`)) problems.push(`${where}: URL ${url} does not start with ${expected.baseUrl}`);
  }
  return problems;
}

/**
 * A UI component folder needs a package.json pinning React 18, and must build from srcDir alone: a `file:`/`link:`
 * dependency must exist and stay inside srcDir (the CLI copies one from outside without its node_modules, and
 * HubSpot's build then cannot resolve its imports: test/hubspot/upload-build.test.ts).
 */
function packageProblems(srcDir: string, dir: string): string[] {
  const path = join(srcDir, dir, 'package.json');
  if (!existsSync(path)) return [`${dir}/package.json is missing: HubSpot cannot build the entrypoint`];
  const deps = (JSON.parse(readFileSync(path, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
  const problems: string[] = [];
  if (deps['@hubspot/ui-extensions'] && deps.react !== '18.3.1') problems.push(`${dir}/package.json: pin react to 18.3.1 (found ${deps.react})`);
  for (const [name, spec] of Object.entries(deps)) {
    const local = /^(?:file|link):(.*)$/.exec(spec);
    if (!local) continue;
    const target = resolve(dirname(path), local[1]!);
    if (relative(srcDir, target).startsWith('..')) problems.push(`${dir}/package.json: ${name} points to ${spec}, outside the source folder`);
    else if (!existsSync(join(target, 'package.json'))) problems.push(`${dir}/package.json: ${name} points to ${spec}, which has no package.json`);
  }
  return problems;
}

function appProblems(app: Node, expected: ProjectExpectations): string[] {
  const where = app.metaFilePath;
  const config = app.config as { distribution?: string; auth?: { type?: string; requiredScopes?: string[]; optionalScopes?: string[]; redirectUrls?: string[] } };
  const problems: string[] = [];
  if (config.distribution !== 'marketplace') problems.push(`${where}: distribution must be "marketplace"`);
  if (config.auth?.type !== 'oauth') problems.push(`${where}: auth.type must be "oauth" for a marketplace app`);
  if (!config.auth?.redirectUrls?.length) problems.push(`${where}: auth.redirectUrls is empty`);
  const missing = (want: readonly string[], have: string[] = []) => want.filter((s) => !have.includes(s));
  for (const s of missing(expected.requiredScopes, config.auth?.requiredScopes)) problems.push(`${where}: required scope ${s} is missing`);
  for (const s of missing(expected.optionalScopes, config.auth?.optionalScopes)) problems.push(`${where}: optional scope ${s} is missing`);
  return problems;
}

type Subscription = { subscriptionType?: string; propertyName?: string; objectType?: string };

function webhookProblems(hooks: Node, expected: ProjectExpectations): string[] {
  const where = hooks.metaFilePath;
  const subs = (hooks.config.subscriptions ?? {}) as Record<string, Subscription[] | undefined>;
  const all = [...(subs.crmObjects ?? []), ...(subs.legacyCrmObjects ?? []), ...(subs.hubEvents ?? [])];
  const problems: string[] = [];
  const read = new Set(expected.readProperties);
  for (const s of all.filter((x) => x.propertyName !== undefined)) {
    const name = s.propertyName!;
    if (name === expected.outputPrefix || name.startsWith(`${expected.outputPrefix}_`)) problems.push(`${where}: subscribes to the app's own output property ${name}`);
    else if (!read.has(name)) problems.push(`${where}: subscribes to ${name}, which the app does not read`);
  }
  const types = new Set(all.map((s) => s.subscriptionType));
  for (const required of ['contact.privacyDeletion', 'object.creation', 'object.deletion', 'object.merge']) {
    if (!types.has(required)) problems.push(`${where}: no ${required} subscription`);
  }
  if (all.length > 1000) problems.push(`${where}: ${all.length} subscriptions exceed HubSpot's 1000`);
  return problems;
}

/** Every string value in a config that looks like an absolute URL. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

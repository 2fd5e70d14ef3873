import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_SRC_DIR, serializeProjectFile, type ProjectFile } from './project-manifest.js';

/** The repository root (this file lives in src/hubspot/), whatever the working directory. */
export function repoRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** How one generated file compares with the one on disk. */
export type FileDifference = { path: string; problem: 'missing' | 'differs' | 'unexpected' };

/** Writes the generated files under `root`, creating folders as needed. Returns the paths whose content changed. */
export async function writeProjectFiles(root: string, files: ProjectFile[]): Promise<string[]> {
  const changed: string[] = [];
  for (const file of files) {
    const target = join(root, file.path);
    const text = serializeProjectFile(file);
    if ((await readOrNull(target)) === text) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    changed.push(file.path);
  }
  return changed;
}

/**
 * Compares the generated files with those under `root`: each generated file must exist with identical text, and
 * no other `*-hsmeta.json` may exist in the project (HubSpot would deploy it, or skip it silently).
 */
export async function diffProjectFiles(root: string, files: ProjectFile[]): Promise<FileDifference[]> {
  const differences: FileDifference[] = [];
  for (const file of files) {
    const onDisk = await readOrNull(join(root, file.path));
    if (onDisk === null) differences.push({ path: file.path, problem: 'missing' });
    else if (onDisk !== serializeProjectFile(file)) differences.push({ path: file.path, problem: 'differs' });
  }
  const generated = new Set(files.map((f) => f.path));
  for (const path of await findHsMetaFiles(join(root, PROJECT_SRC_DIR))) {
    const rel = relative(root, path).split(sep).join('/');
    if (!generated.has(rel)) differences.push({ path: rel, problem: 'unexpected' });
  }
  return differences;
}

/** Every `*-hsmeta.json` below `dir`, skipping node_modules as HubSpot's parser does. */
export async function findHsMetaFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('-hsmeta.json'))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !p.split(sep).includes('node_modules'))
    .sort();
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

import { shouldIgnoreFile } from '@hubspot/local-dev-lib/ignoreRules';
import {
  collectFileDependencies, collectWorkspaceDirectories, findAndParsePackageJsonFiles, getPackableFiles,
} from '@hubspot/project-parsing-lib/workspaces';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, resolve } from 'node:path';

/**
 * Writes into `out` what `hs project upload` sends for the project at `projectDir`, as HubSpot unpacks it. It follows
 * @hubspot/cli 8.14.0 (`lib/projects/upload.js` handleProjectUpload, `lib/projects/workspaces.js`) with the
 * libraries the CLI itself calls (@hubspot/project-parsing-lib 0.23.0, @hubspot/local-dev-lib 5.10.3):
 * - every file of srcDir that `shouldIgnoreFile(name, true)` keeps (node_modules, dotfiles, *.log… are dropped);
 * - each npm workspace or `file:`/`link:` dependency outside srcDir, copied to `_workspaces/<basename>-<8 hex of
 *   sha256(absolute path)>` with only its packable files (npm-packlist: its `files` field), never its node_modules;
 * - the package.json files that named them, rewritten to point there.
 * Returns one line per package copied from outside srcDir. Lock files next to such a package.json are rewritten by
 * the CLI too; that is not emulated, so one is refused here rather than copied wrong.
 */
export async function emulateUpload(projectDir: string, out: string): Promise<string[]> {
  const project = JSON.parse(await readFile(join(projectDir, 'hsproject.json'), 'utf8')) as { srcDir: string };
  const srcDir = resolve(projectDir, project.srcDir);
  const parsed = await findAndParsePackageJsonFiles(srcDir);
  const workspaces = await collectWorkspaceDirectories(parsed);
  const fileDeps = await collectFileDependencies(parsed);
  const outside = (dir: string) => relative(srcDir, dir).startsWith('..');

  await copySrcDir(srcDir, '', out);
  const copied: string[] = [];
  const archived = new Map<string, string>();
  const archive = async (dir: string) => {
    const existing = archived.get(dir);
    if (existing) return existing;
    const target = posix.join('_workspaces', `${posix.basename(dir)}-${createHash('sha256').update(dir).digest('hex').slice(0, 8)}`);
    archived.set(dir, target);
    for (const file of await getPackableFiles(dir)) {
      if (shouldIgnoreFile(file, true)) continue;
      await mkdir(dirname(join(out, target, file)), { recursive: true });
      await copyFile(join(dir, file), join(out, target, file));
    }
    copied.push(`${relative(projectDir, dir)} -> ${target}`);
    return target;
  };

  const rewrites = new Map<string, { workspaces?: string[]; deps: Record<string, string> }>();
  const rewriteOf = (pkgPath: string) => rewrites.get(pkgPath) ?? rewrites.set(pkgPath, { deps: {} }).get(pkgPath)!;
  for (const { workspaceDir, sourcePackageJsonPath } of workspaces) {
    const from = relative(srcDir, dirname(sourcePackageJsonPath));
    const entry = outside(workspaceDir) ? posix.relative(from, await archive(workspaceDir)) : relative(dirname(sourcePackageJsonPath), workspaceDir);
    (rewriteOf(sourcePackageJsonPath).workspaces ??= []).push(entry);
  }
  for (const dep of fileDeps) {
    if (!outside(dep.localPath)) continue;
    if (dep.kind !== 'directory') throw new Error(`${dep.packageName}: tarball dependencies are not emulated`);
    const from = relative(srcDir, dirname(dep.sourcePackageJsonPath));
    rewriteOf(dep.sourcePackageJsonPath).deps[dep.packageName] = `${dep.protocol}:${posix.relative(from, await archive(dep.localPath))}`;
  }
  for (const [pkgPath, change] of rewrites) {
    if (existsSync(join(dirname(pkgPath), 'package-lock.json')) && (Object.keys(change.deps).length || change.workspaces?.some((w) => w.includes('_workspaces')))) {
      throw new Error(`${relative(srcDir, pkgPath)}: the CLI rewrites the lock file beside it; not emulated`);
    }
    const json = JSON.parse(await readFile(pkgPath, 'utf8')) as { workspaces?: unknown; dependencies?: Record<string, string> };
    if (change.workspaces && json.workspaces) json.workspaces = change.workspaces;
    for (const [name, spec] of Object.entries(change.deps)) if (json.dependencies?.[name]) json.dependencies[name] = spec;
    await writeFile(join(out, relative(srcDir, pkgPath)), JSON.stringify(json, null, 2));
  }
  return copied;
}

/** The srcDir walk of handleProjectUpload: `archive.directory(srcDir, false, filter)` with the CLI's ignore rules. */
async function copySrcDir(srcDir: string, rel: string, out: string): Promise<void> {
  for (const entry of await readdir(join(srcDir, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (shouldIgnoreFile(name, true)) continue;
    if (entry.isDirectory()) await copySrcDir(srcDir, name, out);
    else if (entry.isFile()) {
      await mkdir(dirname(join(out, name)), { recursive: true });
      await copyFile(join(srcDir, name), join(out, name));
    }
  }
}

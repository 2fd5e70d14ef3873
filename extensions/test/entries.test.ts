import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without declarations
import { HUBSPOT_BUNDLES } from '../build-options.mjs';

/**
 * The HubSpot project's entry files (hubspot-app/app/cards|settings) import the UI from the bundle generated beside
 * them and hand it HubSpot's real `context` and `actions`: they must type-check against @hubspot/ui-extensions'
 * types (the generated bundle is resolved to the sources it is built from, which carry the types) and bundle the
 * way HubSpot's build would (React, ui-extensions and zod from the folder's own packages).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const entries = ['hubspot-app/app/cards/ScoreCard.tsx', 'hubspot-app/app/settings/Settings.tsx'].map((p) => `${root}${p}`);
const sourceOf = new Map((HUBSPOT_BUNDLES as { entry: string; path: string }[]).map((b) => [b.path, `${root}extensions/${b.entry}`]));

describe('the HubSpot entry files', () => {
  it('type-check against the UI sources and HubSpot context/actions types', { timeout: 60_000 }, () => {
    const options: ts.CompilerOptions = {
      jsx: ts.JsxEmit.ReactJSX, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [],
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    };
    const host = ts.createCompilerHost(options);
    host.resolveModuleNameLiterals = (literals, containingFile) => literals.map((literal) => {
      const resolved = ts.resolveModuleName(literal.text, containingFile, options, host).resolvedModule;
      const generated = resolved && sourceOf.get(resolved.resolvedFileName.replace(/\.d\.ts$|\.ts$/, '.js'));
      const bundled = sourceOf.get(`${containingFile.slice(0, containingFile.lastIndexOf('/'))}/${literal.text.replace(/^\.\//, '')}`);
      const source = generated ?? bundled;
      return { resolvedModule: source ? { resolvedFileName: source, extension: ts.Extension.Tsx } : resolved };
    });
    const program = ts.createProgram(entries, options, host);
    // Only the entries are checked (the package's own files are checked by its typecheck): much faster.
    const problems = entries
      .flatMap((e) => [...program.getSyntacticDiagnostics(program.getSourceFile(e)), ...program.getSemanticDiagnostics(program.getSourceFile(e))])
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('bundle with React, ui-extensions and zod left to the folder\'s packages', async () => {
    const result = await build({
      entryPoints: entries, bundle: true, write: false, format: 'esm', jsx: 'automatic', outdir: 'out', logLevel: 'silent',
      external: ['react', 'react/jsx-runtime', '@hubspot/ui-extensions', 'zod'],
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles.map((f) => /hubspot\d*\.extend\(/.test(f.text))).toEqual([true, true]);
  });
});

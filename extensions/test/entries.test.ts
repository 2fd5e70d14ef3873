import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The HubSpot project's entry files (hubspot-app/app/cards|settings) import this package and hand it HubSpot's
 * real `context` and `actions`: they must type-check against @hubspot/ui-extensions' types and bundle the way
 * HubSpot's build would (React, ui-extensions from the host). The package is resolved to its sources here, so
 * the test needs no prior build.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const entries = ['hubspot-app/app/cards/ScoreCard.tsx', 'hubspot-app/app/settings/Settings.tsx'].map((p) => `${root}${p}`);
const packageSource = `${root}extensions/src/index.ts`;

describe('the HubSpot entry files', () => {
  it('type-check against the package and HubSpot context/actions types', { timeout: 60_000 }, () => {
    const program = ts.createProgram(entries, {
      jsx: ts.JsxEmit.ReactJSX, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [],
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], paths: { '@lead-scoring/extensions': [packageSource] },
    });
    // Only the entries are checked (the package's own files are checked by its typecheck): much faster.
    const problems = entries
      .flatMap((e) => [...program.getSyntacticDiagnostics(program.getSourceFile(e)), ...program.getSemanticDiagnostics(program.getSourceFile(e))])
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('bundle with React and ui-extensions left to the host', async () => {
    const result = await build({
      entryPoints: entries, bundle: true, write: false, format: 'esm', jsx: 'automatic', outdir: 'out', logLevel: 'silent',
      external: ['react', 'react/jsx-runtime', '@hubspot/ui-extensions', 'zod'], alias: { '@lead-scoring/extensions': packageSource },
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles.map((f) => /hubspot\d*\.extend\(/.test(f.text))).toEqual([true, true]);
  });
});

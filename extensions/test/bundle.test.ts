import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without declarations
import { bundleOptions, EXTERNAL } from '../build-options.mjs';

/**
 * The package bundle runs inside HubSpot's extension worker: it may contain only our UI code, the API contract
 * and the engine's and the analysis' zod-only report schemas, never server code (express, ioredis, node:*) or the engine's
 * evaluator and its RE2 dependency. This builds it in memory and checks what went in and what it imports.
 */
describe('the extensions bundle', () => {
  it('contains only the UI, the contract and the engine result schemas, and imports only the host packages', async () => {
    const result = await build({ ...bundleOptions, write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile!.inputs);
    const schemas = ['../src/scoring/result-schema.ts', '../src/analysis/accuracy-report-schema.ts', '../src/analysis/report-schemas.ts'];
    const outside = inputs.filter((p) => !p.startsWith('src/') && !p.startsWith('../src/contract/') && !schemas.includes(p));
    expect(outside).toEqual([]);
    const imports = Object.values(result.metafile!.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect([...new Set(imports)].sort()).toEqual(
      [...new Set(imports)].filter((p) => (EXTERNAL as string[]).some((e) => p === e || (e.endsWith('/*') && p.startsWith(e.slice(0, -1))))).sort(),
    );
    expect(imports).toContain('@hubspot/ui-extensions');
  });
});

// Builds the UI extensions package to ESM JS (+ .d.ts) so HubSpot's project build can consume it as a `file:`
// dependency without compiling TypeScript inside a linked package (PLATFORM.md §1: unverified, so ship it built).
// Shared code from ../src (the API contract, the engine's result schemas) is bundled in; React, ui-extensions and
// zod are left to the host bundle so exactly one copy of each exists.
//
// Layout: dist/index.js (the bundle), dist/types/** (declarations, mirroring the repo because the contract lives
// in ../src), dist/index.d.ts (re-exports the package's entry declarations).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bundleOptions } from './build-options.mjs';

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url).pathname;
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
await build(bundleOptions);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: here });
writeFileSync(new URL('./dist/index.d.ts', import.meta.url), "export * from './types/extensions/src/index.js';\n");

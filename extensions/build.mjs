// Builds the UI extensions package to ESM JS (+ .d.ts) so HubSpot's project build can consume it as a `file:`
// dependency without compiling TypeScript inside a linked package (PLATFORM.md §1: unverified, so ship it built).
// Shared code from ../src (the API contract, the model schema) is bundled in; React, ui-extensions and zod are
// left to the host bundle so exactly one copy of each exists.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  jsx: 'automatic',
  external: ['react', 'react/jsx-runtime', '@hubspot/ui-extensions', '@hubspot/ui-extensions/*', 'zod'],
  logLevel: 'warning',
  absWorkingDir: new URL('.', import.meta.url).pathname,
});
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
  cwd: new URL('.', import.meta.url).pathname,
});

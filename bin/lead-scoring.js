#!/usr/bin/env node
// The `lead-scoring` command. With NODE_ENV=production it runs the compiled build (`npm run build` → dist/),
// so production processes never transpile at start and need no dev dependency. Otherwise it runs the TypeScript
// sources through tsx's loader, so a fresh clone works right after `npm ci` with no build step and development
// never runs stale compiled code. (The launcher reads NODE_ENV itself: it must choose before any app code loads.)
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/entry.js', import.meta.url);
if (process.env.NODE_ENV === 'production') {
  if (!existsSync(compiled)) {
    process.stderr.write('lead-scoring: NODE_ENV=production runs the compiled build, and dist/ is missing: run `npm run build` first.\n');
    process.exit(1);
  }
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

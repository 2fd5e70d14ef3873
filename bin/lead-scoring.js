#!/usr/bin/env node
// The `lead-scoring` command. Runs the TypeScript sources through tsx's loader, so a fresh clone works right
// after `npm ci` with no build step and the CLI can never run stale compiled code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

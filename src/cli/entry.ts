/**
 * The compiled command's entry point: `node dist/cli/entry.js start --role web` is what production runs (after
 * `npm run build`), and what bin/lead-scoring.js loads under NODE_ENV=production.
 */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));

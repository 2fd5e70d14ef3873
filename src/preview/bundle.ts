import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The expression React's browser build reads to pick its mode; esbuild replaces it (this module reads no environment). */
const REACT_MODE_EXPRESSION = ['process', 'env', 'NODE_ENV'].join('.');

/** The browser entry of the preview host (it imports the card and settings page from extensions/src). */
const ENTRY = fileURLToPath(new URL('../../extensions/preview/host.tsx', import.meta.url));

let cached: Promise<string> | undefined;

/**
 * The preview host as one browser script, built in memory on first use (about a second) and kept for the
 * process. Built from the sources, so the preview always shows the current components; React is bundled once
 * for both the extension side and the host side, as in HubSpot's page.
 */
export function previewBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    legalComments: 'none',
    define: { [REACT_MODE_EXPRESSION]: '"production"' },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

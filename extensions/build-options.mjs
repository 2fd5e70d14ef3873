// The esbuild options of the package bundle, shared by build.mjs and the bundle test (which checks that only pure,
// browser-safe code is bundled in).
export const EXTERNAL = ['react', 'react/jsx-runtime', '@hubspot/ui-extensions', '@hubspot/ui-extensions/*', 'zod'];

/** @type {import('esbuild').BuildOptions} */
export const bundleOptions = {
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  jsx: 'automatic',
  external: EXTERNAL,
  logLevel: 'warning',
  absWorkingDir: new URL('.', import.meta.url).pathname,
};

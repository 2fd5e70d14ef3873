// @ts-check
import tseslint from 'typescript-eslint';

const ioModules = ['express', 'bullmq', 'ioredis', 'node:http', 'node:https', 'node:fs', 'node:fs/promises', 'node:net', 'node:child_process', 'pino'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'artifacts/**', 'hubspot-app/**/node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only src/config.ts reads the environment (STYLE.md §5).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.ts.' }],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'extensions/build.mjs', 'bin/**', 'eslint.config.js', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The pure core: no I/O, no clock, no platform SDKs (ARCHITECTURE.md "Parts", STYLE.md §1).
    files: ['src/scoring/**', 'src/signals/**', 'src/analysis/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.map((name) => ({ name, message: 'The pure core does no I/O.' })),
        patterns: [
          { group: ['@hubspot/*'], message: 'The pure core does not talk to HubSpot.' },
          { group: ['**/web/**', '**/queue/**', '**/store/**', '**/hubspot/**', '**/sandbox/**', '**/cli/**', '**/config.js'], message: 'The pure core imports only pure modules.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The pure core does not read the process.' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in as `now`.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in as `now`.' },
      ],
    },
  },
);

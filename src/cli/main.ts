/**
 * The `lead-scoring` command: dispatches to one module per subcommand. Each module exports
 * `run(argv: string[]): Promise<number>` and returns the process exit status.
 */
type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  analyze: {
    summary: 'Learn a points model from past conversions in a CSV, with its cross-validated accuracy',
    load: () => import('./analyze.js'),
  },
  evaluate: {
    summary: 'Measure a model against known outcomes in a CSV (AUC, lift, calibration, stage precision/recall)',
    load: () => import('./evaluate.js'),
  },
  'hubspot-project': {
    summary: 'Regenerate (or --check) the HubSpot project files from the public base URL',
    load: () => import('./hubspot-project.js'),
  },
  score: {
    summary: 'Score the contacts of a JSON Lines file with a model: one JSON line per contact, with the breakdown',
    load: () => import('./score.js'),
  },
  sandbox: {
    summary: 'Run the local HubSpot stand-in (OAuth, CRM API, limits, signed webhooks) seeded with the lead dataset',
    load: () => import('./sandbox.js'),
  },
  start: {
    summary: 'Run the app: --role web (webhooks, OAuth, API), worker (scoring queue) or all (default)',
    load: () => import('./start.js'),
  },
  validate: {
    summary: 'Check a scoring model file; every error by JSON path',
    load: () => import('./validate.js'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: lead-scoring <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`lead-scoring <command> --help\` for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`lead-scoring: unknown command "${name}"\n\n${usage()}\n`);
    return 1;
  }
  const mod = await command.load();
  return mod.run(rest);
}

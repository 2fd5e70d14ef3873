import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** The option values parseArgs reads for `options` (strings, booleans, arrays for `multiple`), with `help`. */
type OptionValues<O extends Options> = ReturnType<typeof parseArgs<{ options: O & typeof HELP_OPTION }>>['values'];

/**
 * The common start of a subcommand: parses `argv` against `options` (plus `-h`/`--help`), prints the usage on
 * `--help`, and names the required options when one is missing. `exit` is the status to return at once: 0 after
 * the help, 1 on a bad or missing option (the message and the usage then on stderr, as `lead-scoring <command>: …`).
 */
export function parseCommandArgs<const O extends Options, const R extends keyof O & string = never>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
  required: readonly R[] = [],
): { values: OptionValues<O> & Record<R, string> } | { exit: 0 | 1 } {
  let values: OptionValues<O>;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, ...HELP_OPTION } }));
  } catch (error) {
    process.stderr.write(`lead-scoring ${command}: ${(error as Error).message}\n\n${usage}\n`);
    return { exit: 1 };
  }
  // The values' type is still generic here: read them as a plain record.
  const given = values as Record<string, unknown>;
  if (given.help) {
    process.stdout.write(`${usage}\n`);
    return { exit: 0 };
  }
  if (required.some((name) => given[name] === undefined || given[name] === '')) {
    process.stderr.write(`lead-scoring ${command}: ${requiredMessage(required)}\n\n${usage}\n`);
    return { exit: 1 };
  }
  return { values: values as OptionValues<O> & Record<R, string> };
}

/** "--a is required", "--a and --b are required", "--a, --b and --c are required": every required option. */
function requiredMessage(names: readonly string[]): string {
  const flags = names.map((n) => `--${n}`);
  const list = flags.length === 1 ? flags[0]! : `${flags.slice(0, -1).join(', ')} and ${flags.at(-1)!}`;
  return `${list} ${flags.length === 1 ? 'is' : 'are'} required`;
}

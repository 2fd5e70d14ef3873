import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { buildProjectManifest } from '../hubspot/project-manifest.js';
import { diffProjectFiles, repoRoot, writeProjectFiles } from '../hubspot/project-manifest-files.js';
import { loadModelFile, propertiesReadBy, STARTER_MODEL_PATH } from '../hubspot/project-manifest-properties.js';

const USAGE = `Usage: lead-scoring hubspot-project [--base-url URL] [--support-email EMAIL] [--model FILE] [--check]

Regenerates the HubSpot project's component files (hsproject.json, hubspot-app/**/*-hsmeta.json) so every URL
HubSpot calls derives from one public base URL (PUBLIC_BASE_URL, or --base-url) and the webhook subscriptions
cover exactly the properties the app reads (signal properties + the model's, never its own outputs).

  --base-url URL        public HTTPS origin of the app (default: PUBLIC_BASE_URL)
  --support-email EMAIL support address shown on the listing (default: support@<host>)
  --model FILE          model whose properties to subscribe to (default: ${STARTER_MODEL_PATH})
  --check               write nothing; exit 1 if the files on disk differ from what would be generated
  --dir DIR             project root (default: this repository)`;

/** `lead-scoring hubspot-project`: exit 0 when written or up to date, 1 on a difference (--check) or bad input. */
export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`lead-scoring hubspot-project: ${(error as Error).message}\n\n${USAGE}\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return generate(values);
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'support-email': { type: 'string' },
      model: { type: 'string' },
      check: { type: 'boolean', default: false },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
}

async function generate(values: ReturnType<typeof parseOptions>): Promise<number> {
  const root = values.dir ?? repoRoot();
  try {
    const baseUrl = values['base-url'];
    const config = baseUrl ? loadConfig({ PUBLIC_BASE_URL: baseUrl }) : loadConfig();
    const model = await loadModelFile(root, values.model);
    const files = buildProjectManifest({
      config,
      properties: propertiesReadBy(model),
      ...(values['support-email'] ? { supportEmail: values['support-email'] } : {}),
    });
    if (values.check) {
      const differences = await diffProjectFiles(root, files);
      for (const d of differences) process.stderr.write(`${d.problem}: ${d.path}\n`);
      if (differences.length) {
        process.stderr.write(`The HubSpot project is out of date for ${config.PUBLIC_BASE_URL}: run \`lead-scoring hubspot-project\` with the same options.\n`);
        return 1;
      }
      process.stdout.write(`HubSpot project is up to date for ${config.PUBLIC_BASE_URL} (${files.length} files).\n`);
      return 0;
    }
    const changed = await writeProjectFiles(root, files);
    for (const path of changed) process.stdout.write(`wrote ${path}\n`);
    process.stdout.write(`HubSpot project generated for ${config.PUBLIC_BASE_URL} (${changed.length} of ${files.length} files changed).\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`lead-scoring hubspot-project: ${(error as Error).message}\n`);
    return 1;
  }
}

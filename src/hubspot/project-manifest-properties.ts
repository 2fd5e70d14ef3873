import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { modelProperties, outputPropertyDefinitions, parseModel, type Model } from '../scoring/index.js';
import { SIGNAL_PROPERTIES } from '../signals/index.js';
import { subscribedProperties } from './project-manifest-webhooks.js';

/** The model shipped as the default; its properties decide the committed webhook subscriptions. */
export const STARTER_MODEL_PATH = 'examples/starter-model.json';

/** Reads and validates a model file (path relative to `root` unless absolute). */
export async function loadModelFile(root: string, path = STARTER_MODEL_PATH): Promise<Model> {
  const file = join(root, path);
  const parsed = parseModel(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.ok) {
    const list = parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new AppError('PROJECT_MODEL_INVALID', `${path} is not a valid model (${list}); fix it with \`lead-scoring validate ${path}\``);
  }
  return parsed.model;
}

/** Every contact property the app reads for `model`: the sync's signal properties and the model's, minus outputs. */
export function propertiesReadBy(model: Model): string[] {
  return subscribedProperties({
    signalProperties: SIGNAL_PROPERTIES,
    modelProperties: modelProperties(model),
    outputProperties: outputPropertyDefinitions(model).map((d) => d.name),
    outputPrefix: model.propertyPrefix,
  });
}

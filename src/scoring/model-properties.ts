import type { Condition } from './condition-schema.js';
import type { Model } from './model-schema.js';

/**
 * Every contact property the model reads (property rules and scope; not event attributes), sorted. The sync
 * fetches these and subscribes to their changes.
 */
export function modelProperties(model: Model): string[] {
  const names = new Set<string>();
  for (const dim of [model.fit, model.engagement]) {
    for (const group of dim.groups) for (const rule of group.rules) if ('when' in rule) collect(rule.when, names);
  }
  if (model.scope) collect(model.scope, names);
  return [...names].sort();
}

function collect(c: Condition, names: Set<string>): void {
  if ('all' in c) c.all.forEach((x) => collect(x, names));
  else if ('any' in c) c.any.forEach((x) => collect(x, names));
  else if ('not' in c) collect(c.not, names);
  else names.add(c.property);
}

import type { Model } from '../../../../src/contract/index.js';

/** Words for the last segment of a path, where it is a field of a rule, group, band or the model. */
const FIELD_WORDS: Record<string, string> = {
  points: 'points', label: 'label', id: 'id', max: 'cap', maxPoints: 'cap', withinDays: 'window (days)', days: 'days', kind: 'decay',
  type: 'event type', property: 'property', op: 'operator', value: 'value', min: 'from score', grade: 'grade', where: 'condition',
  name: 'Name', propertyPrefix: 'Property prefix', fitWeight: 'Fit weight', engagementWeight: 'Engagement weight',
};
const DIMENSIONS: Record<string, string> = { fit: 'Fit', engagement: 'Engagement' };

type Seg = string | number;
/** `fit.groups[0].rules[1].when.value` → ['fit', 'groups', 0, 'rules', 1, 'when', 'value']. */
function segments(path: string): Seg[] {
  return path.split('.').flatMap((part) => {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    const idx = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    return [...(m[1] ? [m[1]] : []), ...idx];
  });
}

/**
 * Where a problem is, in the words of the editor: "Role › Senior title" for a rule, "Fit grades › B" for a band,
 * with the field ("points"); never the JSON path, which means nothing to marketing ops.
 */
export function describePath(model: Model | null, path: string): { where: string; field: string } {
  const s = segments(path);
  const crumbs: string[] = [];
  let field = '';
  const dim = typeof s[0] === 'string' ? DIMENSIONS[s[0]] : undefined;
  if (model && dim && s[1] === 'groups' && typeof s[2] === 'number') {
    const group = model[s[0] as 'fit' | 'engagement'].groups[s[2]];
    crumbs.push(group?.label || `${dim} group ${s[2] + 1}`);
    if (s[3] === 'rules' && typeof s[4] === 'number') {
      crumbs.push(group?.rules[s[4]]?.label || `rule ${s[4] + 1}`);
      field = fieldOf(s.slice(5));
    } else field = fieldOf(s.slice(3));
  } else if (dim) {
    crumbs.push(dim);
    field = s[1] === 'max' ? 'maximum' : fieldOf(s.slice(1));
  } else if (s[0] === 'grades' && typeof s[1] === 'string') {
    crumbs.push(`${DIMENSIONS[s[1]] ?? s[1]} grades`);
    if (typeof s[2] === 'number') crumbs.push(model?.grades[s[1] as 'fit' | 'engagement']?.[s[2]]?.grade || `band ${s[2] + 1}`);
    field = fieldOf(s.slice(3));
  } else if (s[0] === 'stages') {
    crumbs.push('Stages');
    if (typeof s[1] === 'number') crumbs.push(model?.stages[s[1]]?.label || `stage ${s[1] + 1}`);
    field = fieldOf(s.slice(2));
  } else if (s[0] === 'scope') {
    crumbs.push('Scope');
    field = fieldOf(s.slice(1));
  } else {
    field = fieldOf(s);
  }
  return { where: crumbs.join(' › '), field };
}

/** The field a path ends at, ignoring the condition tree's structure (`when.all[1].value` → "value"). */
function fieldOf(rest: Seg[]): string {
  const last = [...rest].reverse().find((x): x is string => typeof x === 'string' && !['when', 'all', 'any', 'not', 'event', 'decay', 'total'].includes(x));
  if (last) return FIELD_WORDS[last] ?? last;
  return typeof rest.at(-1) === 'number' || rest.includes('when') ? 'condition' : '';
}

/** "Role › Senior title: points must be a number"; a message that is a sentence of its own follows a colon. */
export function describeIssue(model: Model | null, issue: { path: string; message: string }): string {
  const { where, field } = describePath(model, issue.path);
  const lower = /^[a-z]/.test(issue.message);
  const subject = lower ? [field, issue.message].filter(Boolean).join(' ') : [field, issue.message].filter(Boolean).join(': ');
  return where ? `${where}: ${subject}` : subject || issue.message;
}

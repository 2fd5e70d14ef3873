/**
 * The model rules zod's shape checks cannot express: unique ids, grades and stage labels (each becomes an option
 * of an enumeration property HubSpot must accept). These are errors; what is allowed but probably a mistake
 * (a band or stage that never applies, a rule that never fires) is a warning, in `modelWarnings`.
 * Written defensively over `unknown` so `parseModel` can run it on a document that also has shape errors and
 * report every mistake at once (SCORING-MODEL.md: a model is rejected whole, with every error named).
 */
export type PathIssue = { path: (string | number)[]; message: string };

type Obj = Record<string, unknown>;
/** Readers for a document not yet known to be well-formed (shared with `modelWarnings`). */
export const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
export const items = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const where = (path: (string | number)[]): string => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1);

/** Every cross-field problem of a (possibly malformed) model document, each with its JSON path. */
export function checkModel(doc: unknown): PathIssue[] {
  if (!isObj(doc)) return [];
  const issues: PathIssue[] = [];
  checkIds(doc, issues);
  if (isObj(doc.grades)) {
    checkGrades(doc.grades.fit, ['grades', 'fit'], issues);
    checkGrades(doc.grades.engagement, ['grades', 'engagement'], issues);
  }
  checkStages(doc.stages, issues);
  return issues;
}

function checkIds(doc: Obj, issues: PathIssue[]): void {
  const groups = new Map<string, string>();
  const rules = new Map<string, string>();
  for (const dimension of ['fit', 'engagement'] as const) {
    const dim = doc[dimension];
    if (!isObj(dim)) continue;
    items(dim.groups).forEach((group, g) => {
      if (!isObj(group)) return;
      const groupPath = [dimension, 'groups', g];
      remember(groups, group.id, [...groupPath, 'id'], 'group', issues);
      items(group.rules).forEach((rule, r) => {
        if (isObj(rule)) remember(rules, rule.id, [...groupPath, 'rules', r, 'id'], 'rule', issues);
      });
    });
  }
}

function remember(seen: Map<string, string>, id: unknown, path: (string | number)[], kind: string, issues: PathIssue[]): void {
  if (typeof id !== 'string') return;
  const first = seen.get(id);
  if (first === undefined) seen.set(id, where(path));
  else issues.push({ path, message: `duplicate ${kind} id ${JSON.stringify(id)} (also at ${first})` });
}

function checkGrades(bands: unknown, path: (string | number)[], issues: PathIssue[]): void {
  const seen = new Set<string>();
  items(bands).forEach((band, i) => {
    if (!isObj(band) || typeof band.grade !== 'string') return;
    if (seen.has(band.grade)) issues.push({ path: [...path, i, 'grade'], message: `duplicate grade ${JSON.stringify(band.grade)}` });
    seen.add(band.grade);
  });
}

function checkStages(stages: unknown, issues: PathIssue[]): void {
  const seen = new Set<string>();
  items(stages).forEach((stage, i) => {
    if (!isObj(stage) || typeof stage.label !== 'string') return;
    const key = stage.label.trim().toLowerCase();
    if (key === 'none') issues.push({ path: ['stages', i, 'label'], message: '"none" is reserved for contacts below every stage' });
    else if (seen.has(key)) issues.push({ path: ['stages', i, 'label'], message: `duplicate stage ${JSON.stringify(stage.label)}` });
    seen.add(key);
  });
}

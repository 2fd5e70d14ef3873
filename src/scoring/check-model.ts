/**
 * The model rules zod's shape checks cannot express: unique ids, reachable and ordered bands, stage labels.
 * Written defensively over `unknown` so `parseModel` can run it on a document that also has shape errors and
 * report every mistake at once (SCORING-MODEL.md: a model is rejected whole, with every error named).
 */
import { DEFAULT_GRADES } from './default-grades.js';

export type PathIssue = { path: (string | number)[]; message: string };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const items = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const num = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
const where = (path: (string | number)[]): string => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1);

/** Every cross-field problem of a (possibly malformed) model document, each with its JSON path. */
export function checkModel(doc: unknown): PathIssue[] {
  if (!isObj(doc)) return [];
  const issues: PathIssue[] = [];
  checkIds(doc, issues);
  const fitMax = isObj(doc.fit) ? num(doc.fit.max, 100) : 100;
  const engagementMax = isObj(doc.engagement) ? num(doc.engagement.max, 100) : 100;
  if (isObj(doc.grades)) {
    checkBands(doc.grades.fit, ['grades', 'fit'], fitMax, 'fit', issues);
    checkBands(doc.grades.engagement, ['grades', 'engagement'], engagementMax, 'engagement', issues);
  }
  const total = isObj(doc.total) ? doc.total : {};
  const totalMax = num(total.fitWeight, 0.5) * fitMax + num(total.engagementWeight, 0.5) * engagementMax;
  checkStages(doc.stages, totalMax, issues);
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

function checkBands(bands: unknown, path: (string | number)[], max: number, dimension: string, issues: PathIssue[]): void {
  const list = items(bands);
  // The default bands (75/50/25/0) are not the user's doing: a dimension with a smaller max simply never reaches A.
  const defaults = (DEFAULT_GRADES as Record<string, unknown>)[dimension];
  const reachability = JSON.stringify(list) !== JSON.stringify(defaults);
  const seen = new Set<string>();
  let previous = Infinity;
  list.forEach((band, i) => {
    if (!isObj(band)) return;
    if (typeof band.grade === 'string') {
      if (seen.has(band.grade)) issues.push({ path: [...path, i, 'grade'], message: `duplicate grade ${JSON.stringify(band.grade)}` });
      seen.add(band.grade);
    }
    if (typeof band.min !== 'number') return;
    if (reachability && band.min > max) {
      issues.push({ path: [...path, i, 'min'], message: `${band.min} is above ${dimension}.max (${max}): this band can never apply` });
    }
    if (band.min >= previous) {
      issues.push({ path: [...path, i, 'min'], message: 'bands must be listed from the highest min to the lowest' });
    }
    if (i === list.length - 1 && band.min !== 0) {
      issues.push({ path: [...path, i, 'min'], message: 'the last band must have min 0, so every score gets a grade' });
    }
    previous = band.min;
  });
}

function checkStages(stages: unknown, totalMax: number, issues: PathIssue[]): void {
  const seen = new Set<string>();
  let previous = Infinity;
  items(stages).forEach((stage, i) => {
    if (!isObj(stage)) return;
    if (typeof stage.label === 'string') {
      const key = stage.label.trim().toLowerCase();
      if (key === 'none') issues.push({ path: ['stages', i, 'label'], message: '"none" is reserved for contacts below every stage' });
      else if (seen.has(key)) issues.push({ path: ['stages', i, 'label'], message: `duplicate stage ${JSON.stringify(stage.label)}` });
      seen.add(key);
    }
    if (typeof stage.min !== 'number') return;
    if (stage.min > totalMax) {
      issues.push({ path: ['stages', i, 'min'], message: `${stage.min} is above the highest possible total (${totalMax}): this stage can never apply` });
    }
    if (stage.min >= previous) {
      issues.push({ path: ['stages', i, 'min'], message: 'stages must be listed from the highest min to the lowest' });
    }
    previous = stage.min;
  });
}

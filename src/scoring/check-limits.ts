import type { PathIssue } from './check-model.js';
import { MODEL_LIMITS as L } from './limits.js';
import { patternProgramSize } from './regex.js';

/** The limit problems of a document; `fatal` ones (too deep, too large) stop validation before zod reads it. */
export type LimitCheck = { issues: PathIssue[]; fatal: boolean };

type Key = string | number;
/** A path as a parent chain, so walking a large document copies nothing; materialised only for an issue. */
type PathNode = { parent: PathNode | null; key: Key } | null;
type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const items = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const fmt = (n: number) => n.toLocaleString('en-US');

function pathOf(node: PathNode): Key[] {
  const out: Key[] = [];
  for (let n = node; n; n = n.parent) out.push(n.key);
  return out.reverse();
}
const at = (parent: PathNode, key: Key): PathNode => ({ parent, key });

/**
 * Checks a (possibly malformed) model document against MODEL_LIMITS, without recursion: a document nested
 * 20,000 levels deep must be refused by path, not overflow the stack of a recursive validator. Depth and size
 * come first and are fatal; counts, list and text sizes and the patterns' total program size are reported by
 * the path of the first item over each limit.
 */
export function checkLimits(doc: unknown): LimitCheck {
  const tooDeep = firstTooDeep(doc);
  if (tooDeep) {
    return { fatal: true, issues: [{ path: pathOf(tooDeep), message: `nested more than ${L.jsonDepth} levels deep (the limit): nothing below was read` }] };
  }
  const bytes = doc === undefined ? 0 : new TextEncoder().encode(JSON.stringify(doc)).length;
  if (bytes > L.documentBytes) {
    return { fatal: true, issues: [{ path: [], message: `the model is ${fmt(bytes)} bytes of JSON; the limit is ${fmt(L.documentBytes)}` }] };
  }
  if (!isObj(doc)) return { fatal: false, issues: [] };
  const issues: PathIssue[] = [];
  const count: Count = { groups: 0, rules: 0, conditions: 0, where: 0, program: 0, properties: new Set(), reported: new Set() };
  for (const dimension of ['fit', 'engagement'] as const) {
    const dim = doc[dimension];
    if (!isObj(dim)) continue;
    items(dim.groups).forEach((group, g) => {
      const groupPath = at(at(at(null, dimension), 'groups'), g);
      if (++count.groups === L.groups + 1) issues.push({ path: pathOf(groupPath), message: `more than ${L.groups} groups in the model (the limit)` });
      if (!isObj(group)) return;
      items(group.rules).forEach((rule, r) => {
        const rulePath = at(at(groupPath, 'rules'), r);
        if (++count.rules === L.rules + 1) issues.push({ path: pathOf(rulePath), message: `more than ${L.rules} rules in the model (the limit)` });
        if (!isObj(rule)) return;
        if ('when' in rule) checkCondition(rule.when, at(rulePath, 'when'), false, count, issues);
        if (isObj(rule.event) && 'where' in rule.event) checkCondition(rule.event.where, at(at(rulePath, 'event'), 'where'), true, count, issues);
      });
    });
  }
  if ('scope' in doc) checkCondition(doc.scope, at(null, 'scope'), false, count, issues);
  if (isObj(doc.grades)) {
    for (const d of ['fit', 'engagement'] as const) {
      if (items(doc.grades[d]).length > L.bands) issues.push({ path: ['grades', d], message: `more than ${L.bands} grade bands (the limit)` });
    }
  }
  if (items(doc.stages).length > L.bands) issues.push({ path: ['stages'], message: `more than ${L.bands} stages (the limit)` });
  return { fatal: false, issues };
}

/** The first node nested deeper than `jsonDepth`, or null. Iterative: safe on any depth JSON.parse accepts. */
function firstTooDeep(doc: unknown): PathNode | null {
  const stack: { value: unknown; depth: number; path: PathNode }[] = [{ value: doc, depth: 0, path: null }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= L.jsonDepth) return path ?? { parent: null, key: '' };
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, path: at(path, i) }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, path: at(path, k) });
  }
  return null;
}

const TEXT_OPS = new Set(['eq', 'neq', 'contains', 'notContains', 'startsWith', 'endsWith']);

type Count = {
  groups: number;
  rules: number;
  conditions: number;
  where: number;
  program: number;
  properties: Set<string>;
  /** The model-wide limits already reported (each once, at the first item over it). */
  reported: Set<string>;
};

function overOnce(count: Count, what: string, over: boolean, path: PathNode, message: string, issues: PathIssue[]): void {
  if (!over || count.reported.has(what)) return;
  count.reported.add(what);
  issues.push({ path: pathOf(path), message });
}

/** Counts a condition's nodes and checks its depth, lists, texts and patterns (iteratively). */
function checkCondition(root: unknown, rootPath: PathNode, inWhere: boolean, count: Count, issues: PathIssue[]): void {
  const stack: { c: unknown; depth: number; path: PathNode }[] = [{ c: root, depth: 0, path: rootPath }];
  let depthReported = false;
  while (stack.length) {
    const { c, depth, path } = stack.pop()!;
    if (!isObj(c)) continue;
    overOnce(count, 'conditions', ++count.conditions > L.conditions, path, `more than ${fmt(L.conditions)} conditions in the model (the limit)`, issues);
    if (inWhere) {
      overOnce(count, 'where', ++count.where > L.whereConditions, path, `more than ${L.whereConditions} conditions in event filters (the limit: each is tested against every event)`, issues);
    }
    if (depth > L.conditionDepth && !depthReported) {
      depthReported = true;
      issues.push({ path: pathOf(path), message: `conditions nested more than ${L.conditionDepth} levels deep (the limit)` });
    }
    const children = 'all' in c ? (['all', c.all] as const) : 'any' in c ? (['any', c.any] as const) : null;
    if (children) {
      // Pushed in reverse so the first child is checked first: issues then come in document order.
      const list = items(children[1]);
      for (let i = list.length - 1; i >= 0; i--) stack.push({ c: list[i], depth: depth + 1, path: at(at(path, children[0]), i) });
    } else if ('not' in c) {
      stack.push({ c: c.not, depth: depth + 1, path: at(path, 'not') });
    } else {
      checkLeaf(c, path, inWhere, count, issues);
    }
  }
}

function checkLeaf(leaf: Obj, path: PathNode, inWhere: boolean, count: Count, issues: PathIssue[]): void {
  const value = leaf.value;
  const valuePath = () => pathOf(at(path, 'value'));
  if (!inWhere && typeof leaf.property === 'string') {
    count.properties.add(leaf.property);
    overOnce(count, 'properties', count.properties.size > L.properties, at(path, 'property'), `the model reads more than ${L.properties} different properties (the limit)`, issues);
  }
  if ((leaf.op === 'in' || leaf.op === 'notIn') && Array.isArray(value)) {
    if (value.length > L.listItems) issues.push({ path: valuePath(), message: `more than ${fmt(L.listItems)} items (the limit)` });
    const long = value.findIndex((v) => typeof v === 'string' && v.length > L.textChars);
    if (long >= 0) issues.push({ path: [...valuePath(), long], message: `must be at most ${L.textChars} characters (a condition reads at most ${L.valueChars} of a value)` });
  } else if (TEXT_OPS.has(String(leaf.op)) && typeof value === 'string' && value.length > L.textChars) {
    issues.push({ path: valuePath(), message: `must be at most ${L.textChars} characters (a condition reads at most ${L.valueChars} of a value)` });
  } else if (leaf.op === 'matches' && typeof value === 'string') {
    // Oversized or invalid patterns are reported by the schema (regexError); here only their sum counts. A pattern
    // in an event filter is tested against every event of its type, so it counts `wherePatternFactor` times: the
    // document allows `matches` there (SCORING-MODEL.md), and the budget keeps it bounded.
    const size = patternProgramSize(value);
    const factor = inWhere ? L.wherePatternFactor : 1;
    if (size !== null && size <= L.patternProgram) count.program += (size + L.patternCost) * factor;
    overOnce(count, 'program', count.program > L.patternBudget, at(path, 'value'), `the model's patterns together cost more than ${L.patternBudget} (each: its RE2 program size + ${L.patternCost}, ${L.wherePatternFactor} times in an event filter; the limit): simplify or merge them`, issues);
  }
}

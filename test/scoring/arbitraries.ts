import fc from 'fast-check';
import { DAY_MS, NOW } from './helpers.js';
import { checkLimits } from '../../src/scoring/check-limits.js';

/**
 * Random valid model documents, contacts and events for the property tests: a few properties and event types
 * with small value sets, so conditions hit and miss often, every operator and decay kind, all cap levels.
 */
const PROPS = ['p1', 'p2', 'p3'];
const TEXTS = ['a', 'B', ' a ', 'ab;c', 'c', ''];

const leaf = fc.oneof(
  fc.record({ property: fc.constantFrom(...PROPS), op: fc.constantFrom('known', 'unknown') }),
  fc.record({ property: fc.constantFrom(...PROPS), op: fc.constantFrom('eq', 'neq', 'contains', 'notContains', 'startsWith', 'endsWith'), value: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ property: fc.constantFrom(...PROPS), op: fc.constantFrom('in', 'notIn'), value: fc.subarray(['a', 'b', 'c'], { minLength: 1 }) }),
  fc.record({ property: fc.constantFrom(...PROPS), op: fc.constantFrom('gt', 'gte', 'lt', 'lte', 'eq'), value: fc.integer({ min: -5, max: 60 }) }),
  fc.record({ property: fc.constantFrom(...PROPS), op: fc.constant('between'), value: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 20, max: 50 })) }),
  fc.record({ property: fc.constantFrom(...PROPS), op: fc.constant('matches'), value: fc.constantFrom('^a', 'b$', '(a|c)+', '\\d') }),
  fc.record({ property: fc.constantFrom(...PROPS), op: fc.constantFrom('withinDays', 'olderThanDays'), value: fc.integer({ min: 0, max: 40 }) }),
);
const condition = fc.letrec<{ c: unknown }>((tie) => ({
  c: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }), fc.record({ not: tie('c') })),
})).c;

const points = fc.oneof(fc.integer({ min: -30, max: 40 }), fc.double({ min: -30, max: 40, noNaN: true }).map((x) => Math.round(x * 100) / 100));
const decay = fc.option(fc.oneof(fc.constant({ kind: 'none' }), fc.record({ kind: fc.constantFrom('linear', 'halfLife', 'window'), days: fc.integer({ min: 1, max: 60 }) })), { nil: undefined });

const propertyRule = fc.record({ points, when: condition });
const eventRule = fc.record(
  {
    points,
    event: fc.record({ type: fc.constantFrom('t1', 't2'), where: fc.option(fc.record({ property: fc.constant('u'), op: fc.constantFrom('eq', 'contains', 'neq'), value: fc.constantFrom('x', 'y') }), { nil: undefined }) }, { requiredKeys: ['type'] }),
    withinDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    maxPoints: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    decay,
  },
  { requiredKeys: ['points', 'event'] },
);
const group = fc.record({ max: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }), rules: fc.array(fc.oneof(propertyRule, eventRule), { maxLength: 4 }) }, { requiredKeys: ['rules'] });
const dimension = fc.record({ max: fc.integer({ min: 10, max: 150 }), groups: fc.array(group, { maxLength: 3 }) });

/**
 * A valid model document (ids assigned in order so they are unique), within the published limits: a draw whose
 * patterns together exceed the model's pattern budget is not a valid model, so it is not drawn.
 */
export const modelDoc = fc
  .record({
    fit: dimension,
    engagement: dimension,
    total: fc.record({ fitWeight: fc.constantFrom(0.3, 0.5, 1), engagementWeight: fc.constantFrom(0, 0.5, 0.7, 1) }),
    scope: fc.option(leaf, { nil: undefined }),
  })
  .map((doc) => {
    let g = 0;
    let r = 0;
    const dim = (d: typeof doc.fit) => ({
      max: d.max,
      groups: d.groups.map((grp) => ({
        id: `g${g++}`,
        label: `Group ${g}`,
        ...(grp.max === undefined ? {} : { max: grp.max }),
        rules: grp.rules.map((rule) => JSON.parse(JSON.stringify({ id: `r${r++}`, label: `Rule ${r}`, ...rule })) as unknown),
      })),
    });
    return {
      id: 'random',
      name: 'Random',
      fit: dim(doc.fit),
      engagement: dim(doc.engagement),
      total: doc.total,
      grades: { fit: [{ grade: 'A', min: 5 }, { grade: 'B', min: 0 }], engagement: [{ grade: '1', min: 5 }, { grade: '2', min: 0 }] },
      stages: [{ label: 'SQL', min: 2 }, { label: 'MQL', min: 1 }],
      ...(doc.scope ? { scope: doc.scope } : {}),
    };
  })
  .filter((doc) => checkLimits(doc).issues.length === 0);

const value = fc.oneof(fc.constantFrom(...TEXTS), fc.integer({ min: -5, max: 60 }).map(String), fc.integer({ min: -40, max: 40 }).map((d) => new Date(NOW - d * DAY_MS).toISOString()), fc.constant(null));
export const properties = fc.record({ p1: value, p2: value, p3: value }, { requiredKeys: [] });

const at = fc.oneof(
  fc.integer({ min: -5 * DAY_MS, max: 90 * DAY_MS }).map((ago) => NOW - ago),
  fc.integer({ min: -5 * DAY_MS, max: 90 * DAY_MS }).map((ago) => new Date(NOW - ago).toISOString()),
);
export const events = fc.array(fc.record({ type: fc.constantFrom('t1', 't2', 't3'), at, u: fc.constantFrom('x', 'y', 'X y') }), { maxLength: 12 });

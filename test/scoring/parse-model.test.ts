import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADES, OPERATORS, parseModel } from '../../src/scoring/index.js';

const starter = JSON.parse(readFileSync(new URL('../../examples/starter-model.json', import.meta.url), 'utf8')) as unknown;
const minimal = { id: 'inbound', name: 'Inbound leads', fit: { groups: [] }, engagement: { groups: [] } };
const rule = (when: unknown) => ({ ...minimal, fit: { groups: [{ id: 'g', label: 'G', rules: [{ id: 'r', label: 'R', points: 1, when }] }] } });
const line = (e: { path: string; message: string }) => (e.path ? `${e.path}: ${e.message}` : e.message);
const errorsOf = (doc: unknown): string[] => {
  const r = parseModel(doc);
  return r.ok ? [] : r.errors.map(line);
};
const warningsOf = (doc: unknown, context?: Parameters<typeof parseModel>[1]): string[] => parseModel(doc, context).warnings.map(line);

describe('parseModel', () => {
  it('accepts the starter model', () => {
    const r = parseModel(starter);
    expect(r.ok).toBe(true);
  });

  it('fills in the defaults', () => {
    const r = parseModel(minimal);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.model.propertyPrefix).toBe('lead_score');
    expect(r.model.fit.max).toBe(100);
    expect(r.model.engagement.max).toBe(100);
    expect(r.model.total).toEqual({ fitWeight: 0.5, engagementWeight: 0.5 });
    expect(r.model.grades).toEqual(DEFAULT_GRADES);
    expect(r.model.stages).toEqual([]);
  });

  it('reports an unknown operator at its path with the documented message', () => {
    const doc = {
      ...minimal,
      fit: {
        groups: [
          { id: 'a', label: 'A', rules: [] },
          { id: 'b', label: 'B', rules: [{ id: 'r', label: 'R', points: 5, when: { property: 'jobtitle', op: 'equals', value: 'VP' } }] },
        ],
      },
    };
    expect(errorsOf(doc)).toEqual(['fit.groups[1].rules[0].when.op: unknown operator "equals" (did you mean "eq"?)']);
  });

  it('suggests the nearest operator by edit distance, or a known alias, and nothing for a wild guess', () => {
    const opError = (op: string) => errorsOf(rule({ property: 'p', op, value: 'x' }))[0];
    expect(opError('contain')).toBe('fit.groups[0].rules[0].when.op: unknown operator "contain" (did you mean "contains"?)');
    expect(opError('notin')).toBe('fit.groups[0].rules[0].when.op: unknown operator "notin" (did you mean "notIn"?)');
    expect(opError('includes')).toBe('fit.groups[0].rules[0].when.op: unknown operator "includes" (did you mean "contains"?)');
    expect(opError('xyzzyplugh')).toBe('fit.groups[0].rules[0].when.op: unknown operator "xyzzyplugh"');
  });

  it('returns every mistake of a model at once, each by its JSON path, and accepts nothing', () => {
    const doc = {
      id: 'Inbound leads',
      name: 'Inbound',
      propertyPrefx: 'x',
      fit: {
        groups: [
          { id: 'title', label: 'Title', rules: [{ id: 'vp', label: 'VP', points: 15, when: { property: 'jobtitle', op: 'matches', value: '(?=VP)' } }] },
          {
            id: 'size',
            label: 'Size',
            rules: [
              { id: 'emp', label: 'Employees', points: 10, when: { property: 'numberofemployees', op: 'equals', value: 50 } },
              { id: 'vp', label: 'Dup', points: 1, when: { all: [{ property: 'x', op: 'between', value: [10, 5] }, { not: { property: 'y', op: 'in', value: 'a' } }] } },
            ],
          },
        ],
      },
      engagement: {
        groups: [
          {
            id: 'web',
            label: 'Web',
            rules: [
              { id: 'pricing', label: 'Pricing', points: 'eight', event: { type: 'page_view' }, decay: { kind: 'exponential', days: 3 }, maxpoints: 5 },
              { id: 'orphan', label: 'Orphan', points: 1 },
            ],
          },
        ],
      },
      grades: { fit: [{ grade: 'A', min: 50 }, { grade: 'B', min: 75 }], engagement: [{ grade: '1', min: 0 }] },
      stages: [{ label: 'none', min: 30 }, { label: 'MQL', min: 40 }],
    };
    const r = parseModel(doc);
    expect(r.ok).toBe(false);
    expect('model' in r).toBe(false);
    expect(errorsOf(doc)).toEqual([
      'id: must match [a-z][a-z0-9_]{0,39}: a lowercase letter, then up to 39 lowercase letters, digits or _',
      'fit.groups[0].rules[0].when.value: invalid regular expression (RE2 syntax: no lookaround or backreferences): error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
      'fit.groups[1].rules[0].when.op: unknown operator "equals" (did you mean "eq"?)',
      'fit.groups[1].rules[1].when.all[0].value: expected [lo, hi] with lo ≤ hi',
      'fit.groups[1].rules[1].when.all[1].not.value: expected a list of strings',
      'engagement.groups[0].rules[0].points: expected number, got the string "eight"',
      'engagement.groups[0].rules[0].decay.kind: unknown decay kind "exponential"',
      'engagement.groups[0].rules[0].maxpoints: unknown field "maxpoints" (did you mean "maxPoints"?)',
      'engagement.groups[0].rules[1]: a rule needs "when" (a property rule) or "event" (an event rule)',
      'propertyPrefx: unknown field "propertyPrefx" (did you mean "propertyPrefix"?)',
      'fit.groups[1].rules[1].id: duplicate rule id "vp" (also at fit.groups[0].rules[0].id)',
      'stages[0].label: "none" is reserved for contacts below every stage',
    ]);
    expect(warningsOf(doc)).toEqual([
      'grades.fit[1].min: this band can never apply: grades.fit[0] (min 50) comes first and takes every score from 50 up; list bands from the highest min to the lowest',
      'grades.fit[1].min: no band starts at 0: scores below 75 get the last band "B" too',
      'stages[1].min: this stage can never apply: stages[0] (min 30) comes first and takes every score from 30 up; list stages from the highest min to the lowest',
    ]);
  });

  it('checks the value type of every operator', () => {
    const cases: [string, unknown, string][] = [
      ['known', 'x', 'when.value: operator "known" takes no value'],
      ['eq', ['a'], 'when.value: expected a string or a number'],
      ['in', 'a', 'when.value: expected a list of strings'],
      ['in', [], 'when.value: needs at least one item'],
      ['contains', '', 'when.value: must not be empty'],
      ['matches', '(a', 'when.value: invalid regular expression (RE2 syntax: no lookaround or backreferences): error parsing regexp: missing closing ): `(a`'],
      ['matches', '(a)\\1', 'when.value: invalid regular expression (RE2 syntax: no lookaround or backreferences): error parsing regexp: invalid escape sequence: `\\1`'],
      ['gt', '10', 'when.value: expected number, got the string "10"'],
      ['between', [1], 'when.value: expected [lo, hi]: two numbers'],
      ['withinDays', -1, 'when.value: must be ≥ 0 days'],
      ['olderThanDays', undefined, 'when.value: required'],
    ];
    for (const [op, value, expected] of cases) {
      expect(errorsOf(rule({ property: 'p', op, value })), op).toEqual([`fit.groups[0].rules[0].${expected}`]);
    }
  });

  it('accepts every operator with a well-typed value', () => {
    const values: Record<string, unknown> = {
      eq: 'a', neq: 5, in: ['a'], notIn: ['a'], contains: 'a', notContains: 'a', startsWith: 'a', endsWith: 'a',
      matches: 'a+', gt: 1, gte: 1, lt: 1, lte: 1, between: [1, 2], withinDays: 30, olderThanDays: 0.5,
    };
    for (const op of OPERATORS) {
      const when = op in values ? { property: 'p', op, value: values[op] } : { property: 'p', op };
      expect(errorsOf(rule(when)), op).toEqual([]);
    }
  });

  it('rejects an id that breaks the pattern, a non-object condition and a missing operator', () => {
    expect(errorsOf(rule('jobtitle'))).toEqual([
      'fit.groups[0].rules[0].when: expected a condition: { "all": [...] }, { "any": [...] }, { "not": {...} } or { "property", "op", "value" }',
    ]);
    expect(errorsOf(rule({ property: 'p' }))[0]).toMatch(/^fit\.groups\[0\]\.rules\[0\]\.when\.op: missing operator: use one of known, unknown, eq/);
    expect(errorsOf({ ...minimal, id: '9lives' })).toEqual(['id: must match [a-z][a-z0-9_]{0,39}: a lowercase letter, then up to 39 lowercase letters, digits or _']);
    expect(errorsOf({ ...minimal, id: `a${'b'.repeat(40)}` })).toHaveLength(1);
  });

  it('reports duplicate group ids and grades as errors, unreachable bands and stages as warnings', () => {
    const doc = {
      ...minimal,
      fit: { max: 50, groups: [{ id: 'g', label: 'G', rules: [] }] },
      engagement: { groups: [{ id: 'g', label: 'G2', rules: [] }] },
      grades: { fit: [{ grade: 'A', min: 75 }, { grade: 'A', min: 0 }], engagement: [{ grade: '1', min: 0 }] },
      total: { fitWeight: 1, engagementWeight: 0 },
      stages: [{ label: 'SQL', min: 60 }, { label: 'sql', min: 10 }],
    };
    expect(errorsOf(doc)).toEqual([
      'engagement.groups[0].id: duplicate group id "g" (also at fit.groups[0].id)',
      'grades.fit[1].grade: duplicate grade "A"',
      'stages[1].label: duplicate stage "sql"',
    ]);
    expect(warningsOf(doc)).toEqual([
      'grades.fit[0].min: 75 is above fit.max (50): this band can never apply',
      'stages[0].min: 60 is above the highest possible total (50): this stage can never apply',
    ]);
  });

  it('accepts a model whose band and stage can never apply, with warnings beside it', () => {
    const doc = {
      ...minimal,
      grades: { fit: [{ grade: 'A', min: 150 }, { grade: 'B', min: 0 }], engagement: [{ grade: '1', min: 0 }] },
      stages: [{ label: 'SQL', min: 120 }, { label: 'MQL', min: 40 }],
    };
    const r = parseModel(doc);
    expect(r.ok).toBe(true);
    expect(r.warnings.map(line)).toEqual([
      'grades.fit[0].min: 150 is above fit.max (100): this band can never apply',
      'stages[0].min: 120 is above the highest possible total (100): this stage can never apply',
    ]);
    expect(parseModel(starter).warnings).toEqual([]);
  });

  it("warns of event types nobody sends, and with the portal's properties, of missing ones and numeric operators on text", () => {
    const doc = {
      ...minimal,
      fit: { groups: [{ id: 'g', label: 'G', rules: [
        { id: 'title', label: 'Title', points: 5, when: { property: 'jobtitel', op: 'contains', value: 'VP' } },
        { id: 'big', label: 'Big', points: 5, when: { not: { property: 'industry', op: 'gt', value: 5 } } },
        { id: 'size', label: 'Size', points: 5, when: { property: 'numemployees', op: 'between', value: [50, 500] } },
      ] }] },
      engagement: { groups: [{ id: 'e', label: 'E', rules: [
        { id: 'views', label: 'Views', points: 2, event: { type: 'page_veiw' } },
        { id: 'webinar', label: 'Webinar', points: 2, event: { type: 'webinar_attended' } },
        { id: 'clicks', label: 'Clicks', points: 2, event: { type: 'email_click' } },
      ] }] },
      scope: { property: 'lifecyclestage', op: 'notIn', value: ['customer'] },
    };
    expect(errorsOf(doc)).toEqual([]);
    expect(warningsOf(doc)).toEqual([
      'engagement.groups[0].rules[0].event.type: no "page_veiw" events are sent, so this rule never adds points (did you mean "page_view"?)',
      'engagement.groups[0].rules[1].event.type: no "webinar_attended" events are sent, so this rule never adds points (the sync sends page_view, form_submission, email_open, email_click, email_reply, meeting_booked, call, property_change)',
    ]);
    const properties = [
      { name: 'jobtitle', type: 'string' }, { name: 'industry', type: 'enumeration' }, { name: 'numemployees', type: 'number' },
      { name: 'lifecyclestage', type: 'enumeration' },
    ];
    expect(warningsOf(doc, { properties }).slice(0, 2)).toEqual([
      'fit.groups[0].rules[0].when.property: this portal has no contact property "jobtitel": its value is always unknown (did you mean "jobtitle"?)',
      'fit.groups[0].rules[1].when.not.op: "gt" compares numbers, but "industry" is an enumeration property: this condition is never true',
    ]);
    expect(warningsOf(doc, { properties })).toHaveLength(4);
  });

  it('reports a document that is not an object', () => {
    expect(errorsOf('model')).toEqual(['expected object, got the string "model"']);
    expect(errorsOf(null)).toEqual(['expected object, got null']);
  });
});

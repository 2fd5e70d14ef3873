import { z } from 'zod';
import { nearest } from './edit-distance.js';
import { CONDITION_UNION } from './markers.js';
import { regexError } from './regex.js';

/** Every condition operator, in the order SCORING-MODEL.md lists them. */
export const OPERATORS = [
  'known', 'unknown', 'eq', 'neq', 'in', 'notIn', 'contains', 'notContains', 'startsWith', 'endsWith', 'matches',
  'gt', 'gte', 'lt', 'lte', 'between', 'withinDays', 'olderThanDays',
] as const;
export type Operator = (typeof OPERATORS)[number];

const property = z.string().min(1, 'must name a property').max(100, 'must be at most 100 characters');
const text = z.string().min(1, 'must not be empty');
const finite = z.number();
const days = z.number().min(0, 'must be ≥ 0 days');
const pattern = z.string().min(1, 'must not be empty').superRefine((p, ctx) => {
  const problem = regexError(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const range = z
  .tuple([finite, finite], { error: 'expected [lo, hi]: two numbers' })
  .refine(([lo, hi]) => lo <= hi, { message: 'expected [lo, hi] with lo ≤ hi' });
const list = z.array(z.string(), { error: 'expected a list of strings' }).min(1, 'needs at least one item');

function leaf<Op extends Operator>(op: Op): z.ZodObject<{ property: typeof property; op: z.ZodLiteral<Op> }, z.core.$strict>;
function leaf<Op extends Operator, V extends z.ZodType>(op: Op, value: V): z.ZodObject<{ property: typeof property; op: z.ZodLiteral<Op>; value: V }, z.core.$strict>;
function leaf(op: Operator, value?: z.ZodType) {
  return value ? z.strictObject({ property, op: z.literal(op), value }) : z.strictObject({ property, op: z.literal(op) });
}

/** A leaf `{ property, op, value? }`; the type of `value` depends on `op`. */
export const LeafSchema = z.discriminatedUnion(
  'op',
  [
    leaf('known'),
    leaf('unknown'),
    leaf('eq', z.union([z.string(), finite], { error: 'expected a string or a number' })),
    leaf('neq', z.union([z.string(), finite], { error: 'expected a string or a number' })),
    leaf('in', list),
    leaf('notIn', list),
    leaf('contains', text),
    leaf('notContains', text),
    leaf('startsWith', text),
    leaf('endsWith', text),
    leaf('matches', pattern),
    leaf('gt', finite),
    leaf('gte', finite),
    leaf('lt', finite),
    leaf('lte', finite),
    leaf('between', range),
    leaf('withinDays', days),
    leaf('olderThanDays', days),
  ],
  {
    error: (issue) => {
      const op = (issue.input as { op?: unknown } | undefined)?.op;
      return op === undefined
        ? `missing operator: use one of ${OPERATORS.join(', ')}`
        : `unknown operator ${JSON.stringify(op)}${suggestion(op)}`;
    },
  },
);
export type Leaf = z.infer<typeof LeafSchema>;

/** Other tools' names for our operators, which edit distance alone would not find (`includes` is far from `contains`). */
const ALIASES: Record<string, Operator> = {
  equals: 'eq', is: 'eq', notequals: 'neq', isnot: 'neq', includes: 'contains', notincludes: 'notContains',
  greaterthan: 'gt', lessthan: 'lt', regex: 'matches', exists: 'known', isempty: 'unknown', startswith: 'startsWith',
  endswith: 'endsWith', oneof: 'in', noneof: 'notIn',
};

/**
 * ` (did you mean "contains"?)` for an operator that names none: a known alias, else the operator nearest by
 * edit distance when it differs in at most half the characters (a wilder guess would mislead).
 */
function suggestion(op: unknown): string {
  if (typeof op !== 'string' || op.length > 40) return '';
  const key = op.replace(/[\s_-]/g, '').toLowerCase();
  const close = ALIASES[key] ?? nearest(op, OPERATORS, Math.max(2, Math.floor(op.length / 2)));
  return close ? ` (did you mean ${JSON.stringify(close)}?)` : '';
}

/**
 * A condition: `{ all: [...] }`, `{ any: [...] }`, `{ not: C }` or a leaf. Written out because TypeScript cannot
 * infer a recursive type; the schema below is checked against it.
 */
export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ all: z.array(ConditionSchema).min(1, 'needs at least one condition') }),
      z.strictObject({ any: z.array(ConditionSchema).min(1, 'needs at least one condition') }),
      z.strictObject({ not: ConditionSchema }),
      LeafSchema,
    ],
    { error: () => CONDITION_UNION },
  ),
);

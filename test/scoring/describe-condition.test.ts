import { describe, expect, it } from 'vitest';
import { describeCondition } from '../../src/scoring/index.js';

describe('describeCondition', () => {
  it('says a leaf in words', () => {
    expect(describeCondition({ property: 'lifecyclestage', op: 'notIn', value: ['customer', 'evangelist'] })).toBe('lifecyclestage is none of customer, evangelist');
    expect(describeCondition({ property: 'lifecyclestage', op: 'neq', value: 'customer' })).toBe('lifecyclestage is not "customer"');
    expect(describeCondition({ property: 'numberofemployees', op: 'between', value: [50, 5000] })).toBe('numberofemployees is between 50 and 5000');
    expect(describeCondition({ property: 'createdate', op: 'withinDays', value: 1 })).toBe('createdate is within the last 1 day');
  });

  it('joins all, any and not, bracketing nested groups, and shortens long lists', () => {
    expect(describeCondition({
      all: [
        { property: 'email', op: 'known' },
        { any: [{ property: 'country', op: 'eq', value: 'Germany' }, { property: 'industry', op: 'in', value: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }] },
        { not: { property: 'jobtitle', op: 'contains', value: 'student' } },
      ],
    })).toBe('email is known and (country is "Germany" or industry is one of a, b, c, d, e and 2 more) and not (jobtitle contains "student")');
  });
});

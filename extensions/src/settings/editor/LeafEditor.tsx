import { Flex, Input, NumberInput, Select } from '@hubspot/ui-extensions';
import type { Leaf, Operator } from '../../../../src/contract/index.js';
import { fieldError, key, type Issues } from './issues.js';
import { OPERATOR_OPTIONS, parseList, VALUE_KIND, withOperator } from './operators.js';

/** One test on a property (or, in an event rule's `where`, an event attribute): property, operator, value. */
export function LeafEditor(props: { value: Leaf; path: string; issues: Issues; onChange: (leaf: Leaf) => void }) {
  const { value: leaf, path, issues, onChange } = props;
  return (
    <Flex direction="row" gap="xs" wrap>
      <Input
        testId={`leaf-property:${path}`} label="Property" name={key(path, 'property')} value={leaf.property}
        {...fieldError(issues, key(path, 'property'))}
        onChange={(property) => onChange({ ...leaf, property })}
      />
      <Select
        testId={`leaf-op:${path}`} label="Operator" name={key(path, 'op')} value={leaf.op} options={OPERATOR_OPTIONS}
        {...fieldError(issues, key(path, 'op'))}
        onChange={(op) => onChange(withOperator(leaf, op as Operator))}
      />
      <LeafValue leaf={leaf} path={key(path, 'value')} issues={issues} onChange={(v) => onChange({ ...leaf, value: v } as Leaf)} />
    </Flex>
  );
}

function LeafValue(props: { leaf: Leaf; path: string; issues: Issues; onChange: (v: unknown) => void }) {
  const { leaf, path, issues, onChange } = props;
  const value: unknown = 'value' in leaf ? leaf.value : undefined;
  const err = fieldError(issues, path);
  const testId = `leaf-value:${path}`;
  switch (VALUE_KIND[leaf.op]) {
    case 'none':
      return null;
    case 'scalar':
    case 'text':
      return <Input testId={testId} label="Value" name={path} value={value === undefined ? '' : String(value)} {...err} onChange={onChange} />;
    case 'list':
      return (
        <Input
          testId={testId} label="Values (comma-separated)" name={path} value={Array.isArray(value) ? value.join(', ') : ''} {...err}
          onChange={(text) => onChange(parseList(text))}
        />
      );
    case 'number':
    case 'days':
      return (
        <NumberInput
          testId={testId} label={VALUE_KIND[leaf.op] === 'days' ? 'Days' : 'Number'} name={path}
          value={typeof value === 'number' ? value : 0} {...err} onChange={onChange}
        />
      );
    case 'range': {
      const [lo, hi] = Array.isArray(value) ? (value as number[]) : [0, 0];
      return (
        <>
          <NumberInput testId={`${testId}:lo`} label="From" name={`${path}[0]`} value={lo ?? 0} {...err} onChange={(n) => onChange([n, hi ?? 0])} />
          <NumberInput testId={`${testId}:hi`} label="To" name={`${path}[1]`} value={hi ?? 0} onChange={(n) => onChange([lo ?? 0, n])} />
        </>
      );
    }
  }
}

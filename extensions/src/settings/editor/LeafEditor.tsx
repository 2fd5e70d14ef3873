import { Flex, Input, MultiSelect, Select } from '@hubspot/ui-extensions';
import type { CrmProperty, Leaf, Operator } from '../../../../src/contract/index.js';
import { useEditorEnv } from './editor-context.js';
import { fieldError, key, type Issues } from './issues.js';
import { NumberField } from './NumberField.js';
import { operatorFits, operatorsFor, parseList, VALUE_KIND, withOperator } from './operators.js';
import { PropertyPicker } from './PropertyPicker.js';

/**
 * One test on a property (or, in an event rule's `where`, an event attribute): property, operator, value. A
 * contact property is picked by label, and its type decides the operators and, for options, the values offered.
 */
export function LeafEditor(props: { value: Leaf; path: string; issues: Issues; onChange: (leaf: Leaf) => void; attributes?: string }) {
  const { value: leaf, path, issues, onChange } = props;
  const { catalog } = useEditorEnv();
  const def = props.attributes === undefined ? catalog?.byName?.get(leaf.property) : undefined;
  const setProperty = (property: string) => {
    const next = catalog?.byName?.get(property);
    onChange(operatorFits(next?.type, leaf.op) ? { ...leaf, property } : withOperator({ ...leaf, property }, 'known'));
  };
  return (
    <Flex direction="row" gap="xs" wrap align="start">
      {props.attributes === undefined ? (
        <PropertyPicker property={leaf.property} leafPath={path} issues={issues} onChange={setProperty} />
      ) : (
        <Input testId={`leaf-property:${path}`} label="Event attribute" name={key(path, 'property')} value={leaf.property} description={props.attributes}
          {...fieldError(issues, key(path, 'property'))} onChange={(property) => onChange({ ...leaf, property })} />
      )}
      <Select
        testId={`leaf-op:${path}`} label="Operator" name={key(path, 'op')} value={leaf.op} options={operatorsFor(def?.type, leaf.op)}
        {...fieldError(issues, key(path, 'op'))}
        onChange={(op) => onChange(withOperator(leaf, op as Operator))}
      />
      <LeafValue leaf={leaf} def={def} path={key(path, 'value')} issues={issues} onChange={(v) => onChange({ ...leaf, value: v } as Leaf)} />
    </Flex>
  );
}

/** A property's options as choices; a value the model holds but the property no longer offers stays listed. */
function choices(def: CrmProperty, values: unknown[]) {
  const opts = def.options.length ? def.options : def.type === 'bool' ? [{ label: 'Yes', value: 'true' }, { label: 'No', value: 'false' }] : [];
  const extra = values.map(String).filter((v) => v !== '' && !opts.some((o) => o.value === v)).map((v) => ({ label: `${v} (not an option)`, value: v }));
  return [...opts, ...extra];
}

function LeafValue(props: { leaf: Leaf; def: CrmProperty | undefined; path: string; issues: Issues; onChange: (v: unknown) => void }) {
  const { leaf, def, path, issues, onChange } = props;
  const value: unknown = 'value' in leaf ? leaf.value : undefined;
  const err = fieldError(issues, path);
  const testId = `leaf-value:${path}`;
  const enumerated = def && (def.options.length > 0 || def.type === 'bool');
  switch (VALUE_KIND[leaf.op]) {
    case 'none':
      return null;
    case 'scalar':
      if (enumerated) {
        return <Select testId={testId} label="Value" name={path} value={value === undefined ? '' : String(value)} options={choices(def, [value])} {...err} onChange={(v) => onChange(String(v))} />;
      }
      return <Input testId={testId} label="Value" name={path} value={value === undefined ? '' : String(value)} {...err} onChange={onChange} />;
    case 'text':
      return <Input testId={testId} label="Value" name={path} value={value === undefined ? '' : String(value)} {...err} onChange={onChange} />;
    case 'list': {
      const list = Array.isArray(value) ? value.map(String) : [];
      if (enumerated) {
        return <MultiSelect testId={testId} label="Values" name={path} value={list} options={choices(def, list)} {...err} onChange={(v) => onChange(v.map(String))} />;
      }
      return <Input testId={testId} label="Values (comma-separated)" name={path} value={list.join(', ')} {...err} onChange={(text) => onChange(parseList(text))} />;
    }
    case 'number':
    case 'days':
      return (
        <NumberField testId={testId} label={VALUE_KIND[leaf.op] === 'days' ? 'Days' : 'Number'} path={path} issues={issues}
          value={typeof value === 'number' ? value : undefined} onChange={(n) => onChange(n)} />
      );
    case 'range': {
      const [lo, hi] = Array.isArray(value) ? (value as (number | undefined)[]) : [undefined, undefined];
      return (
        <>
          <NumberField testId={`${testId}:lo`} label="From" path={`${path}[0]`} value={lo} issues={issues} onChange={(n) => onChange([n, hi])} />
          <NumberField testId={`${testId}:hi`} label="To" path={`${path}[1]`} value={hi} issues={issues} onChange={(n) => onChange([lo, n])} />
        </>
      );
    }
  }
}

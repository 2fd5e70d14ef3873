import { Button, Flex, Select, Text, Tile } from '@hubspot/ui-extensions';
import type { Condition, Leaf } from '../../../../src/contract/index.js';
import { removeAt, replaceAt } from './defaults.js';
import { index, key, type Issues } from './issues.js';
import { LeafEditor } from './LeafEditor.js';

type Kind = 'leaf' | 'all' | 'any' | 'not';
const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: 'leaf', label: 'A property test' },
  { value: 'all', label: 'All of…' },
  { value: 'any', label: 'Any of…' },
  { value: 'not', label: 'Not…' },
];

const kindOf = (c: Condition): Kind => ('all' in c ? 'all' : 'any' in c ? 'any' : 'not' in c ? 'not' : 'leaf');
const children = (c: Condition): Condition[] => ('all' in c ? c.all : 'any' in c ? c.any : 'not' in c ? [c.not] : [c]);
const firstLeaf = (c: Condition): Leaf => {
  const first = children(c)[0];
  return first && kindOf(first) === 'leaf' ? (first as Leaf) : { property: 'jobtitle', op: 'known' };
};

/** Switching kind keeps what can be kept: a leaf becomes the first child of all/any/not, and back. */
function convert(c: Condition, to: Kind): Condition {
  if (to === kindOf(c)) return c;
  if (to === 'leaf') return firstLeaf(c);
  const kids = children(c);
  if (to === 'not') return { not: kids[0] ?? firstLeaf(c) };
  return to === 'all' ? { all: kids } : { any: kids };
}

/**
 * Edits a condition tree: all / any / not / leaf, nested to any depth. `path` is the condition's JSON path, so
 * every field shows the server's message for exactly its path.
 */
export function ConditionEditor(props: {
  value: Condition; path: string; issues: Issues; onChange: (c: Condition) => void; depth?: number;
  /** Set in an event rule's `where`: the leaves test event attributes (named here), not contact properties. */
  attributes?: string;
}) {
  const { value, path, issues, onChange } = props;
  const depth = props.depth ?? 0;
  const kind = kindOf(value);
  const attrs = props.attributes === undefined ? {} : { attributes: props.attributes };
  const select = (
    <Select
      testId={`cond-kind:${path}`} label="Condition" name={`kind:${path}`} value={kind} options={KIND_OPTIONS}
      onChange={(k) => onChange(convert(value, k as Kind))}
    />
  );
  if (kind === 'leaf') {
    return <Flex direction="column" gap="xs">{select}<LeafEditor value={value as Leaf} path={path} issues={issues} onChange={onChange} {...attrs} /></Flex>;
  }
  if (kind === 'not') {
    const inner = (value as { not: Condition }).not;
    return (
      <Flex direction="column" gap="xs">
        {select}
        <Tile compact>
          <ConditionEditor value={inner} path={key(path, 'not')} issues={issues} depth={depth + 1} {...attrs} onChange={(c) => onChange({ not: c })} />
        </Tile>
      </Flex>
    );
  }
  const list = children(value);
  const listPath = key(path, kind);
  const rebuild = (next: Condition[]): Condition => (kind === 'all' ? { all: next } : { any: next });
  const message = issues.at(listPath);
  return (
    <Flex direction="column" gap="xs">
      {select}
      {message ? <Text testId={`issue:${listPath}`} variant="microcopy">{message}</Text> : null}
      {list.map((child, i) => (
        <Tile compact key={i}>
          <ConditionEditor value={child} path={index(listPath, i)} issues={issues} depth={depth + 1} {...attrs} onChange={(c) => onChange(rebuild(replaceAt(list, i, c)))} />
          <Button testId={`cond-remove:${index(listPath, i)}`} size="xs" variant="transparent" onClick={() => onChange(rebuild(removeAt(list, i)))}>Remove</Button>
        </Tile>
      ))}
      <Button testId={`cond-add:${listPath}`} size="xs" variant="secondary" onClick={() => onChange(rebuild([...list, { property: '', op: 'known' }]))}>
        Add condition
      </Button>
    </Flex>
  );
}

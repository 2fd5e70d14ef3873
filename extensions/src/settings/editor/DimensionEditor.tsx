import { Button, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { Model } from '../../../../src/contract/index.js';
import { newGroup, removeAt, replaceAt } from './defaults.js';
import { GroupEditor } from './GroupEditor.js';
import { index, key, type Issues } from './issues.js';
import { NumberField } from './NumberField.js';

const TITLES = { fit: 'Fit: who they are', engagement: 'Engagement: what they do' } as const;

/** One dimension (fit or engagement): its maximum and its groups of rules. */
export function DimensionEditor(props: { model: Model; dimension: 'fit' | 'engagement'; issues: Issues; onChange: (m: Model) => void }) {
  const { model, dimension, issues, onChange } = props;
  const dim = model[dimension];
  const path = dimension;
  const groupsPath = key(path, 'groups');
  const setDim = (next: Model['fit']) => onChange({ ...model, [dimension]: next });
  return (
    <Flex direction="column" gap="sm">
      <Heading>{TITLES[dimension]}</Heading>
      <NumberField testId={`dim-max:${path}`} label="Maximum score" path={key(path, 'max')} value={dim.max} issues={issues}
        onChange={(max) => setDim({ ...dim, max: max ?? dim.max })} />
      {issues.at(groupsPath) ? <Text variant="microcopy">{issues.at(groupsPath)}</Text> : null}
      {dim.groups.map((group, i) => (
        <GroupEditor key={i} model={model} value={group} path={index(groupsPath, i)} issues={issues}
          onChange={(g) => setDim({ ...dim, groups: replaceAt(dim.groups, i, g) })}
          onRemove={() => setDim({ ...dim, groups: removeAt(dim.groups, i) })} />
      ))}
      <Button testId={`group-add:${path}`} size="sm" variant="secondary" onClick={() => setDim({ ...dim, groups: [...dim.groups, newGroup(model)] })}>
        Add group
      </Button>
    </Flex>
  );
}

import { Flex, Text, Toggle } from '@hubspot/ui-extensions';
import type { Model } from '../../../../src/contract/index.js';
import { ConditionEditor } from './ConditionEditor.js';
import type { Issues } from './issues.js';

const DEFAULT_SCOPE = { property: 'lifecyclestage', op: 'notIn', value: ['customer', 'evangelist'] } as const;

/** Which contacts the model scores at all; the others get no score and their score properties are cleared. */
export function ScopeEditor(props: { model: Model; issues: Issues; onChange: (m: Model) => void }) {
  const { model, issues, onChange } = props;
  return (
    <Flex direction="column" gap="xs">
      <Toggle testId="scope-toggle" label="Score only contacts matching a condition" checked={model.scope !== undefined}
        onChange={(on) => {
          const { scope: _s, ...rest } = model;
          onChange(on ? { ...rest, scope: { ...DEFAULT_SCOPE, value: [...DEFAULT_SCOPE.value] } } : rest);
        }} />
      {model.scope ? (
        <ConditionEditor value={model.scope} path="scope" issues={issues} onChange={(scope) => onChange({ ...model, scope })} />
      ) : (
        <Text variant="microcopy">Every contact is scored.</Text>
      )}
    </Flex>
  );
}

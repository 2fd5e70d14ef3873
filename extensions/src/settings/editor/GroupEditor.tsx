import { Accordion, Button, ButtonRow, Flex, Input } from '@hubspot/ui-extensions';
import type { Group, Model, Rule } from '../../../../src/contract/index.js';
import { idForLabel, newEventRule, newPropertyRule, removeAt, replaceAt } from './defaults.js';
import { useEditorEnv } from './editor-context.js';
import { fieldError, index, key, type Issues } from './issues.js';
import { NumberField } from './NumberField.js';
import { RuleEditor } from './RuleEditor.js';
import { plural } from '../plural.js';

/** A group of rules with an optional cap on its sum. `model` is needed to mint ids unique across the model. */
export function GroupEditor(props: { model: Model; value: Group; path: string; issues: Issues; onChange: (g: Group) => void; onRemove: () => void }) {
  const { model, value: group, path, issues, onChange } = props;
  const rulesPath = key(path, 'rules');
  const problems = issues.countUnder(path);
  const setRules = (rules: Rule[]) => onChange({ ...group, rules });
  const { advanced } = useEditorEnv();
  const idError = fieldError(issues, key(path, 'id'));
  return (
    <Accordion testId={`group:${path}`} title={`${group.label} (${plural(group.rules.length, 'rule')}${problems ? `, ${problems} to fix` : ''})`} size="sm" defaultOpen={problems > 0}>
      <Flex direction="column" gap="sm">
        <Flex direction="row" gap="xs" wrap align="end">
          <Input testId={`group-label:${path}`} label="Label" name={key(path, 'label')} value={group.label}
            {...(advanced || !idError.error ? fieldError(issues, key(path, 'label')) : idError)}
            onChange={(label) => onChange({ ...group, label, id: advanced ? group.id : idForLabel(model, group, label) })} />
          <NumberField testId={`group-max:${path}`} label="Cap (max points)" path={key(path, 'max')} value={group.max} optional issues={issues}
            onChange={(max) => {
              const { max: _old, ...rest } = group;
              onChange(max === undefined ? rest : { ...rest, max });
            }} />
          {advanced ? (
            <Input testId={`group-id:${path}`} label="Id" name={key(path, 'id')} value={group.id} {...idError}
              onChange={(id) => onChange({ ...group, id })} />
          ) : null}
        </Flex>
        {group.rules.map((rule, i) => (
          <RuleEditor key={i} model={model} value={rule} path={index(rulesPath, i)} issues={issues}
            onChange={(r) => setRules(replaceAt(group.rules, i, r))} onRemove={() => setRules(removeAt(group.rules, i))} />
        ))}
        <ButtonRow>
          <Button testId={`rule-add-property:${path}`} size="xs" onClick={() => setRules([...group.rules, newPropertyRule(model)])}>Add property rule</Button>
          <Button testId={`rule-add-event:${path}`} size="xs" onClick={() => setRules([...group.rules, newEventRule(model)])}>Add event rule</Button>
          <Button testId={`group-remove:${path}`} size="xs" variant="destructive" onClick={props.onRemove}>Remove group</Button>
        </ButtonRow>
      </Flex>
    </Accordion>
  );
}

import { Accordion, Button, ButtonRow, Flex, Input, NumberInput } from '@hubspot/ui-extensions';
import type { Group, Model, Rule } from '../../../../src/contract/index.js';
import { newEventRule, newPropertyRule, removeAt, replaceAt } from './defaults.js';
import { fieldError, index, key, type Issues } from './issues.js';
import { RuleEditor } from './RuleEditor.js';

/** A group of rules with an optional cap on its sum. `model` is needed to mint ids unique across the model. */
export function GroupEditor(props: { model: Model; value: Group; path: string; issues: Issues; onChange: (g: Group) => void; onRemove: () => void }) {
  const { model, value: group, path, issues, onChange } = props;
  const rulesPath = key(path, 'rules');
  const problems = issues.countUnder(path);
  const setRules = (rules: Rule[]) => onChange({ ...group, rules });
  return (
    <Accordion testId={`group:${path}`} title={`${group.label} (${group.rules.length} rules${problems ? `, ${problems} to fix` : ''})`} size="sm" defaultOpen={problems > 0}>
      <Flex direction="column" gap="sm">
        <Flex direction="row" gap="xs" wrap>
          <Input testId={`group-id:${path}`} label="Id" name={key(path, 'id')} value={group.id} {...fieldError(issues, key(path, 'id'))}
            onChange={(id) => onChange({ ...group, id })} />
          <Input testId={`group-label:${path}`} label="Label" name={key(path, 'label')} value={group.label} {...fieldError(issues, key(path, 'label'))}
            onChange={(label) => onChange({ ...group, label })} />
          <NumberInput testId={`group-max:${path}`} label="Cap (max points)" name={key(path, 'max')} {...(group.max !== undefined ? { value: group.max } : {})}
            {...fieldError(issues, key(path, 'max'))}
            onChange={(max) => {
              const { max: _old, ...rest } = group;
              onChange(Number.isFinite(max) ? { ...rest, max } : rest);
            }} />
        </Flex>
        {group.rules.map((rule, i) => (
          <RuleEditor key={i} value={rule} path={index(rulesPath, i)} issues={issues}
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

import { Button, Flex, Input, NumberInput, Tile } from '@hubspot/ui-extensions';
import type { EventRule, PropertyRule, Rule } from '../../../../src/contract/index.js';
import { ConditionEditor } from './ConditionEditor.js';
import { EventFields } from './EventFields.js';
import { fieldError, key, type Issues } from './issues.js';

/** One rule: id, label, points, then its condition (property rule) or its event settings (event rule). */
export function RuleEditor(props: { value: Rule; path: string; issues: Issues; onChange: (r: Rule) => void; onRemove: () => void }) {
  const { value: rule, path, issues, onChange } = props;
  return (
    <Tile compact testId={`rule:${path}`}>
      <Flex direction="column" gap="xs">
        <Flex direction="row" gap="xs" wrap>
          <Input testId={`rule-id:${path}`} label="Id" name={key(path, 'id')} value={rule.id} {...fieldError(issues, key(path, 'id'))}
            onChange={(id) => onChange({ ...rule, id })} />
          <Input testId={`rule-label:${path}`} label="Label" name={key(path, 'label')} value={rule.label} {...fieldError(issues, key(path, 'label'))}
            onChange={(label) => onChange({ ...rule, label })} />
          <NumberInput testId={`rule-points:${path}`} label={'event' in rule ? 'Points per event' : 'Points'} name={key(path, 'points')}
            value={rule.points} precision={1} {...fieldError(issues, key(path, 'points'))}
            onChange={(points) => onChange({ ...rule, points: Number.isFinite(points) ? points : 0 })} />
        </Flex>
        {'event' in rule ? (
          <EventFields value={rule} path={path} issues={issues} onChange={(r: EventRule) => onChange(r)} />
        ) : (
          <ConditionEditor value={(rule as PropertyRule).when} path={key(path, 'when')} issues={issues}
            onChange={(when) => onChange({ ...(rule as PropertyRule), when })} />
        )}
        <Button testId={`rule-remove:${path}`} size="xs" variant="transparent" onClick={props.onRemove}>Remove rule</Button>
      </Flex>
    </Tile>
  );
}

import { Button, Flex, Input, Tile } from '@hubspot/ui-extensions';
import type { EventRule, Model, PropertyRule, Rule } from '../../../../src/contract/index.js';
import { ConditionEditor } from './ConditionEditor.js';
import { idForLabel } from './defaults.js';
import { useEditorEnv } from './editor-context.js';
import { EventFields } from './EventFields.js';
import { fieldError, key, type Issues } from './issues.js';
import { NumberField } from './NumberField.js';

/**
 * One rule: label, points (and its id, under "Advanced"; otherwise derived from the label), then its condition
 * (property rule) or its event settings (event rule).
 */
export function RuleEditor(props: { model: Model; value: Rule; path: string; issues: Issues; onChange: (r: Rule) => void; onRemove: () => void }) {
  const { value: rule, path, issues, onChange } = props;
  const { advanced } = useEditorEnv();
  const idError = fieldError(issues, key(path, 'id'));
  return (
    <Tile compact testId={`rule:${path}`}>
      <Flex direction="column" gap="xs">
        <Flex direction="row" gap="xs" wrap align="end">
          <Input testId={`rule-label:${path}`} label="Label" name={key(path, 'label')} value={rule.label}
            {...(advanced || !idError.error ? fieldError(issues, key(path, 'label')) : idError)}
            onChange={(label) => onChange({ ...rule, label, id: advanced ? rule.id : idForLabel(props.model, rule, label) })} />
          <NumberField testId={`rule-points:${path}`} label={'event' in rule ? 'Points per event' : 'Points'} path={key(path, 'points')}
            value={rule.points} issues={issues} onChange={(points) => onChange({ ...rule, points: points ?? rule.points })} />
          {advanced ? (
            <Input testId={`rule-id:${path}`} label="Id" name={key(path, 'id')} value={rule.id} {...idError}
              description="Stable key in score breakdowns; change with care" onChange={(id) => onChange({ ...rule, id })} />
          ) : null}
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

import { Flex, Input } from '@hubspot/ui-extensions';
import type { Model } from '../../../../src/contract/index.js';
import { fieldError, type Issues } from './issues.js';
import { NumberField } from './NumberField.js';

/** Name, output property prefix and the weights of fit and engagement in the total. */
export function ModelFields(props: { model: Model; issues: Issues; onChange: (m: Model) => void }) {
  const { model, issues, onChange } = props;
  return (
    <Flex direction="row" gap="sm" wrap align="end">
      <Input testId="model-name" label="Name" name="name" value={model.name} {...fieldError(issues, 'name')}
        onChange={(name) => onChange({ ...model, name })} />
      <Input testId="model-prefix" label="HubSpot property prefix" name="propertyPrefix" value={model.propertyPrefix}
        tooltip="Scores are written to PREFIX, PREFIX_fit, PREFIX_engagement, PREFIX_grade, PREFIX_stage and PREFIX_reason"
        {...fieldError(issues, 'propertyPrefix')} onChange={(propertyPrefix) => onChange({ ...model, propertyPrefix })} />
      <NumberField testId="model-fit-weight" label="Fit weight" path="total.fitWeight" value={model.total.fitWeight} issues={issues}
        onChange={(fitWeight) => onChange({ ...model, total: { ...model.total, fitWeight: fitWeight ?? model.total.fitWeight } })} />
      <NumberField testId="model-engagement-weight" label="Engagement weight" path="total.engagementWeight" value={model.total.engagementWeight} issues={issues}
        onChange={(engagementWeight) => onChange({ ...model, total: { ...model.total, engagementWeight: engagementWeight ?? model.total.engagementWeight } })} />
    </Flex>
  );
}

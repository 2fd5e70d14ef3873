import { Flex, Input, NumberInput } from '@hubspot/ui-extensions';
import type { Model } from '../../../../src/contract/index.js';
import { fieldError, type Issues } from './issues.js';

/** Name, output property prefix and the weights of fit and engagement in the total. */
export function ModelFields(props: { model: Model; issues: Issues; onChange: (m: Model) => void }) {
  const { model, issues, onChange } = props;
  return (
    <Flex direction="row" gap="sm" wrap>
      <Input testId="model-name" label="Name" name="name" value={model.name} {...fieldError(issues, 'name')}
        onChange={(name) => onChange({ ...model, name })} />
      <Input testId="model-prefix" label="HubSpot property prefix" name="propertyPrefix" value={model.propertyPrefix}
        description="Scores are written to PREFIX, PREFIX_fit, PREFIX_engagement, PREFIX_grade, PREFIX_stage…"
        {...fieldError(issues, 'propertyPrefix')} onChange={(propertyPrefix) => onChange({ ...model, propertyPrefix })} />
      <NumberInput testId="model-fit-weight" label="Fit weight" name="total.fitWeight" value={model.total.fitWeight} precision={2}
        {...fieldError(issues, 'total.fitWeight')} onChange={(fitWeight) => onChange({ ...model, total: { ...model.total, fitWeight } })} />
      <NumberInput testId="model-engagement-weight" label="Engagement weight" name="total.engagementWeight" value={model.total.engagementWeight} precision={2}
        {...fieldError(issues, 'total.engagementWeight')}
        onChange={(engagementWeight) => onChange({ ...model, total: { ...model.total, engagementWeight } })} />
    </Flex>
  );
}

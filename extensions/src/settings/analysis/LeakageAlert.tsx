import { Alert, Text } from '@hubspot/ui-extensions';
import type { SuggestionReport } from '../../../../src/contract/index.js';

/** The properties the leakage guard set aside, each with why: they look like the outcome, not a cause of it. */
export function LeakageAlert(props: { leakage: SuggestionReport['leakage'] }) {
  if (!props.leakage.length) return null;
  return (
    <Alert testId="analysis-leakage" title={`Left out ${props.leakage.length} properties that look like the outcome itself`} variant="warning">
      {props.leakage.map((w) => (
        <Text key={w.column} testId={`leak:${w.column}`}>{`${w.column}: ${w.reasons.join('; ')}`}</Text>
      ))}
      <Text variant="microcopy">Properties filled in after a sale (deal notes, sales dispositions) predict perfectly and help nobody before it. Exclude any others like them below.</Text>
    </Alert>
  );
}

import { Alert, Flex, Heading, LoadingButton, NumberInput, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type CapacityOption, type CapacityResponse } from '../../../../src/contract/index.js';
import { useApi } from '../../api/context.js';
import { describeError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { formatProportion } from './format-analysis.js';

const perWeek = (x: number) => (Math.round(x * 10) / 10).toString();

/** "Flag the best N leads per week": the live model's score threshold for the sales team's weekly capacity. */
export function CapacityPanel(props: { modelId: string }) {
  const client = useApi();
  const [leadsPerWeek, setLeadsPerWeek] = useState<number | undefined>(50);
  const [answer, setAnswer] = useState<CapacityResponse | null>(null);
  const ask = useAction((n: number) => client.call(api.capacityThreshold, { params: { modelId: props.modelId }, body: { leadsPerWeek: n } }));
  const valid = leadsPerWeek !== undefined && leadsPerWeek > 0;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Threshold from sales capacity</Heading>
      <Flex direction="row" gap="sm" align="end">
        <NumberInput testId="capacity-leads" label="Leads per week sales can follow up" name="leadsPerWeek" min={1} value={leadsPerWeek}
          onChange={(v) => setLeadsPerWeek(typeof v === 'number' ? v : undefined)} />
        <LoadingButton testId="capacity-run" loading={ask.busy} disabled={!valid}
          onClick={async () => { if (!valid) return; const r = await ask.run(leadsPerWeek); if (r.ok) setAnswer(r.value); }}>
          Suggest a threshold
        </LoadingButton>
      </Flex>
      {ask.error ? <Alert testId="capacity-error" title="No threshold could be computed" variant="danger">{describeError(ask.error)}</Alert> : null}
      {answer ? <CapacityResult answer={answer} /> : null}
    </Flex>
  );
}

function CapacityResult(props: { answer: CapacityResponse }) {
  const r = props.answer.result;
  if (r.state === 'not-enough-data') return <Alert testId="capacity-not-enough" title="Not enough history yet" variant="info">{r.reason}</Alert>;
  const line = (o: CapacityOption) =>
    `a score of at least ${o.threshold} flags about ${perWeek(o.perWeek)} leads a week${o.precision && o.precision.n > 0 ? `; ${formatProportion(o.precision)} of such leads converted in the last analysis` : ''}.`;
  return (
    <Flex direction="column" gap="xs">
      <Statistics testId="capacity-result">
        <StatisticsItem testId="capacity-threshold" label="Flag leads scoring at least" number={r.suggested.threshold} />
        <StatisticsItem testId="capacity-per-week" label="Flagged per week" number={perWeek(r.suggested.perWeek)} />
        <StatisticsItem testId="capacity-volume" label="New leads per week" number={perWeek(r.weeklyVolume)} />
      </Statistics>
      <Text testId="capacity-suggested">{`Suggested: ${line(r.suggested)}`}</Text>
      {r.nextLower ? <Text testId="capacity-next" variant="microcopy">{`One step lower, ${line(r.nextLower)}`}</Text> : null}
      <Text variant="microcopy">{`Measured over the last ${Math.round(r.windowDays)} days (${r.arrivals} new leads).${props.answer.precisionFrom ? '' : ' Run an analysis above to see how many of them convert.'}`}</Text>
    </Flex>
  );
}

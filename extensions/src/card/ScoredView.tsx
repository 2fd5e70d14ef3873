import { Divider, Flex, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import type { CardData } from '../../../src/contract/index.js';
import { formatDateTime } from '../format.js';
import { Breakdown } from './Breakdown.js';
import { FitFieldsNotice, type FetchProperties } from './FitFieldsNotice.js';
import { ScoreSummary } from './ScoreSummary.js';
import { ScoreTrend } from './ScoreTrend.js';

type Scored = Extract<CardData, { state: 'scored' }>;

/** Everything the card shows for a scored contact. */
export function ScoredView(props: { data: Scored; timeZone?: string; recalculate: ReactNode; fetchProperties?: FetchProperties }) {
  const { data } = props;
  return (
    <Flex direction="column" gap="md">
      <ScoreSummary score={data} />
      <Breakdown score={data} scoredAt={data.scoredAt} {...(props.timeZone ? { timeZone: props.timeZone } : {})} />
      <ScoreTrend history={data.history} {...(props.timeZone ? { timeZone: props.timeZone } : {})} />
      <Divider />
      <Text testId="card-scored-at" variant="microcopy">
        {`Last scored ${formatDateTime(data.scoredAt, props.timeZone)} under model ${data.model.name} v${data.model.version}`}
      </Text>
      <FitFieldsNotice names={data.fitProperties} scoredAt={data.scoredAt} {...(props.fetchProperties ? { fetchProperties: props.fetchProperties } : {})} />
      {props.recalculate}
    </Flex>
  );
}

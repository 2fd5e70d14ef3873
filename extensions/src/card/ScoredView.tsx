import { Divider, Flex, Tag, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import type { CardData } from '../../../src/contract/index.js';
import { formatDateTime } from '../format.js';
import { Breakdown } from './Breakdown.js';
import { ScoreSummary } from './ScoreSummary.js';
import { ScoreTrend } from './ScoreTrend.js';

type Scored = Extract<CardData, { state: 'scored' }>;

/** Everything the card shows for a scored contact. */
export function ScoredView(props: { data: Scored; timeZone?: string; recalculate: ReactNode }) {
  const { data } = props;
  const { fitFields } = data;
  return (
    <Flex direction="column" gap="md">
      <ScoreSummary score={data} />
      <Breakdown score={data} {...(props.timeZone ? { timeZone: props.timeZone } : {})} />
      <ScoreTrend history={data.history} />
      <Divider />
      <Flex direction="row" gap="sm" align="center" wrap>
        <Text testId="card-scored-at" variant="microcopy">
          {`Last scored ${formatDateTime(data.scoredAt, props.timeZone)} under model ${data.model.name} v${data.model.version}`}
        </Text>
        {fitFields.unknown > 0 ? (
          <Tag testId="card-fit-unknown" variant="warning">{`${fitFields.unknown} of ${fitFields.total} fit fields unknown`}</Tag>
        ) : null}
      </Flex>
      {fitFields.unknown > 0 ? (
        <Text variant="microcopy">{`Unknown: ${fitFields.unknownNames.join(', ')}. Filling them in may raise the fit score.`}</Text>
      ) : null}
      {props.recalculate}
    </Flex>
  );
}

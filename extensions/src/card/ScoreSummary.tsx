import { Flex, ProgressBar, ScoreCircle, Statistics, StatisticsItem, StatusTag, Text } from '@hubspot/ui-extensions';
import type { ScoreFigures } from '../../../src/contract/index.js';
import { totalArithmetic } from './explain.js';

/**
 * The headline: total in a circle, fit and engagement with their grades, how they make the total, the stage and
 * the way to the next one.
 */
export function ScoreSummary(props: { score: ScoreFigures }) {
  const { score } = props;
  const arithmetic = totalArithmetic(score);
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="md" align="center">
        <ScoreCircle testId="score-total" score={score.total} />
        <Statistics testId="score-dimensions">
          <StatisticsItem testId="score-fit" label={`Fit · grade ${score.fit.grade}`} number={score.fit.score} />
          <StatisticsItem testId="score-engagement" label={`Engagement · grade ${score.engagement.grade}`} number={score.engagement.score} />
        </Statistics>
      </Flex>
      {arithmetic ? <Text testId="score-arithmetic" variant="microcopy">{`Total ${arithmetic}`}</Text> : null}
      <StageProgress score={score} />
    </Flex>
  );
}

function StageProgress(props: { score: ScoreFigures }) {
  const { score } = props;
  const next = score.nextStage;
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="sm" align="center">
        <Text format={{ fontWeight: 'demibold' }}>Stage</Text>
        <StatusTag testId="score-stage" variant={stageVariant(score)}>{score.stage === 'none' ? 'No stage yet' : score.stage}</StatusTag>
        <Text testId="score-grade" variant="microcopy">{`Grade ${score.grade}`}</Text>
      </Flex>
      {next ? (
        <ProgressBar
          testId="score-next-stage"
          title={`Next: ${next.label} at ${next.min}`}
          value={Math.max(0, score.total - score.stageFloor)}
          maxValue={Math.max(1, next.min - score.stageFloor)}
          valueDescription={`${next.pointsToGo} ${next.pointsToGo === 1 ? 'point' : 'points'} to ${next.label}`}
        />
      ) : (
        <Text testId="score-top-stage" variant="microcopy">Top stage reached.</Text>
      )}
    </Flex>
  );
}

function stageVariant(score: ScoreFigures): 'success' | 'info' | 'default' {
  if (score.stage === 'none') return 'default';
  return score.nextStage === null ? 'success' : 'info';
}

import { Accordion, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { BreakdownItem, CapAdjustment, Dimension, EventRuleTerms, ScoreFigures } from '../../../src/contract/index.js';
import { formatMatched, formatRulePoints, formatSigned } from '../format.js';
import { capText, decayText } from './explain.js';

const TITLES: Record<Dimension, string> = { fit: 'Fit', engagement: 'Engagement' };

/**
 * The exact points behind the score, one table per dimension: every rule that contributed, what matched, its
 * points (with decay as "18.2 of 24" and how it fades), then each cap or floor that cut the sum, so the rows add
 * up to the dimension score. `scoredAt` (the card's) dates the newest event of each rule ("newest 9 days ago").
 */
export function Breakdown(props: { score: ScoreFigures; timeZone?: string; testIdPrefix?: string; scoredAt?: string }) {
  const prefix = props.testIdPrefix ?? 'breakdown';
  if (props.score.breakdownUnavailable) {
    return (
      <Text testId={`${prefix}-unavailable`} variant="microcopy">
        The rule-by-rule breakdown could not be loaded because HubSpot did not answer just now. The figures above are
        the ones last written; reopen the record to try again.
      </Text>
    );
  }
  return (
    <>
      {(['fit', 'engagement'] as const).map((dimension) => (
        <DimensionBreakdown
          key={dimension}
          testId={`${prefix}-${dimension}`}
          dimension={dimension}
          score={props.score[dimension].score}
          items={props.score.breakdown.filter((i) => i.dimension === dimension)}
          caps={props.score.adjustments.filter((a) => a.dimension === dimension)}
          eventRules={props.score.eventRules ?? {}}
          {...(props.timeZone ? { timeZone: props.timeZone } : {})}
          {...(props.scoredAt ? { scoredAt: props.scoredAt } : {})}
        />
      ))}
    </>
  );
}

function DimensionBreakdown(props: {
  testId: string; dimension: Dimension; score: number; items: BreakdownItem[]; caps: CapAdjustment[];
  eventRules: Record<string, EventRuleTerms>; timeZone?: string; scoredAt?: string;
}) {
  const { items, caps } = props;
  return (
    <Accordion testId={props.testId} title={`${TITLES[props.dimension]}: ${props.score} points`} defaultOpen size="sm">
      {items.length === 0 && caps.length === 0 ? (
        <Text variant="microcopy">No rule matched.</Text>
      ) : (
        <Table bordered={false} density="condensed">
          <TableHead>
            <TableRow>
              <TableHeader>Rule</TableHeader>
              <TableHeader>Matched</TableHeader>
              <TableHeader align="right">Points</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item) => (
              <TableRow key={item.ruleId} testId={`rule-${item.ruleId}`}>
                <TableCell>
                  <Text>{item.label}</Text>
                  <Text variant="microcopy">{item.groupLabel}</Text>
                </TableCell>
                <TableCell>
                  <Text>{formatMatched(item.matched, item.points, props.timeZone)}</Text>
                  <DecayNote item={item} terms={props.eventRules[item.ruleId]} {...(props.scoredAt ? { scoredAt: props.scoredAt } : {})} />
                </TableCell>
                <TableCell align="right" testId={`points-${item.ruleId}`}>{formatRulePoints(item.points, item.undecayed)}</TableCell>
              </TableRow>
            ))}
            {caps.map((cap) => (
              <TableRow key={`cap-${cap.groupId ?? 'dimension'}`} testId={`cap-${cap.groupId ?? props.dimension}`}>
                <TableCell colSpan={2}>
                  <Text format={{ italic: true }}>{capText(cap)}</Text>
                </TableCell>
                <TableCell align="right">{formatSigned(cap.points)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Accordion>
  );
}

function DecayNote(props: { item: BreakdownItem; terms: EventRuleTerms | undefined; scoredAt?: string }) {
  const { item } = props;
  if (item.matched.kind !== 'events') return null;
  const text = decayText(props.terms, item.matched.newestAt, props.scoredAt);
  return text ? <Text testId={`decay-${item.ruleId}`} variant="microcopy">{text}</Text> : null;
}

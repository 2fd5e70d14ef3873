import { Accordion, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { BreakdownItem, CapAdjustment, Dimension, ScoreFigures } from '../../../src/contract/index.js';
import { formatMatched, formatPoints, formatRulePoints, formatSigned } from '../format.js';

const TITLES: Record<Dimension, string> = { fit: 'Fit', engagement: 'Engagement' };

/**
 * The exact points behind the score, one table per dimension: every rule that contributed, what matched, its
 * points (with decay as "18.2 of 24"), then each cap that cut the sum, so the rows add up to the dimension score.
 */
export function Breakdown(props: { score: ScoreFigures; timeZone?: string; testIdPrefix?: string }) {
  const prefix = props.testIdPrefix ?? 'breakdown';
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
          {...(props.timeZone ? { timeZone: props.timeZone } : {})}
        />
      ))}
    </>
  );
}

function DimensionBreakdown(props: {
  testId: string; dimension: Dimension; score: number; items: BreakdownItem[]; caps: CapAdjustment[]; timeZone?: string;
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
                <TableCell>{formatMatched(item.matched, item.points, props.timeZone)}</TableCell>
                <TableCell align="right" testId={`points-${item.ruleId}`}>{formatRulePoints(item.points, item.undecayed)}</TableCell>
              </TableRow>
            ))}
            {caps.map((cap) => (
              <TableRow key={`cap-${cap.groupId ?? 'dimension'}`} testId={`cap-${cap.groupId ?? props.dimension}`}>
                <TableCell colSpan={2}>
                  <Text format={{ italic: true }}>{`Cap: ${cap.label} (${formatPoints(cap.before)} → ${formatPoints(cap.after)})`}</Text>
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

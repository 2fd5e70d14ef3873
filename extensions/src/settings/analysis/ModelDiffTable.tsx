import { Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import type { ModelDiff, RuleChange, ThresholdChange } from '../../../../src/contract/index.js';
import { formatSigned } from '../../format.js';

const TAG: Record<RuleChange['change'], { text: string; variant: 'success' | 'error' | 'warning' | 'default' }> = {
  added: { text: 'Added', variant: 'success' },
  removed: { text: 'Removed', variant: 'error' },
  changed: { text: 'Changed', variant: 'warning' },
  same: { text: 'Same', variant: 'default' },
};

const points = (p: number | null) => (p === null ? '–' : formatSigned(p));

/** The suggested model beside the current one: every rule with its points in each, then the stage thresholds. */
export function ModelDiffTable(props: { diff: ModelDiff }) {
  const { diff } = props;
  const { added, removed, changed, same } = diff.summary;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Suggested model beside the current one</Heading>
      <Text testId="diff-summary">{`${added} rules added, ${removed} removed, ${changed} changed, ${same} unchanged.`}</Text>
      <Table testId="diff-rules" density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>{''}</TableHeader><TableHeader>Rule</TableHeader><TableHeader>Dimension</TableHeader>
            <TableHeader align="right">Current</TableHeader><TableHeader align="right">Suggested</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {diff.rules.map((r) => (
            <TableRow key={`${r.change}:${r.ruleId}`} testId={`diff-rule:${r.ruleId}`}>
              <TableCell><Tag variant={TAG[r.change].variant}>{TAG[r.change].text}</Tag></TableCell>
              <TableCell>
                <Text>{r.label}</Text>
                {r.details.length ? <Text variant="microcopy">{r.details.join('; ')}</Text> : null}
              </TableCell>
              <TableCell>{`${r.dimension} · ${r.groupLabel}`}</TableCell>
              <TableCell align="right">{points(r.currentPoints)}</TableCell>
              <TableCell align="right">{points(r.suggestedPoints)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ThresholdTable testId="diff-stages" title="Stage" rows={diff.stages} />
      {diff.weights.changed ? (
        <Text testId="diff-weights">
          {`Total = ${diff.weights.suggested.fitWeight} × fit + ${diff.weights.suggested.engagementWeight} × engagement (now ${diff.weights.current.fitWeight} × fit + ${diff.weights.current.engagementWeight} × engagement).`}
        </Text>
      ) : null}
    </Flex>
  );
}

function ThresholdTable(props: { testId: string; title: string; rows: ThresholdChange[] }) {
  if (!props.rows.length) return null;
  const cell = (x: number | null) => (x === null ? '–' : `≥ ${x}`);
  return (
    <Table testId={props.testId} density="condensed">
      <TableHead>
        <TableRow><TableHeader>{props.title}</TableHeader><TableHeader align="right">Current</TableHeader><TableHeader align="right">Suggested</TableHeader></TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((s) => (
          <TableRow key={s.label} testId={`${props.testId}:${s.label}`}>
            <TableCell>{s.label}</TableCell><TableCell align="right">{cell(s.current)}</TableCell><TableCell align="right">{cell(s.suggested)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import {
  BarChart, Button, EmptyState, ErrorState, Flex, Heading, LoadingSpinner, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text,
} from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type ForwardAccuracy, type ForwardResponse } from '../../../../src/contract/index.js';
import { useApi } from '../../api/context.js';
import { describeError } from '../../api/errors.js';
import { useRequest } from '../../api/use-request.js';
import { formatAuc, formatDay } from './format-analysis.js';

const DAY = 86_400_000;

/**
 * Forward-looking accuracy: how the scores the app gave 7, 14 and 30 days before each conversion ranked the
 * contacts that converted against those that had not. Before there are dated scores old enough, an empty state
 * says when figures can first appear (counted from `now`, injectable for tests).
 */
export function ForwardPanel(props: { modelId: string; timeZone?: string; now: () => number }) {
  const client = useApi();
  const [round, setRound] = useState(0);
  // The server keeps the report a few minutes; Refresh asks for a fresh one.
  const forward = useRequest<ForwardResponse>(`forward:${props.modelId}:${round}`, () =>
    client.call(api.forwardAccuracy, { params: { modelId: props.modelId }, query: round > 0 ? { fresh: '1' } : {} }));
  const refresh = <Button testId="forward-refresh" size="xs" onClick={() => setRound((n) => n + 1)}>Refresh</Button>;
  if (forward.state.status === 'loading') return <LoadingSpinner testId="forward-loading" label="Loading forward-looking accuracy…" />;
  if (forward.state.status === 'error') {
    return <ErrorState testId="forward-error" title="Forward-looking accuracy could not be loaded"><Text>{describeError(forward.state.error)}</Text>{refresh}</ErrorState>;
  }
  const { report, sampled } = forward.state.data;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Forward-looking accuracy</Heading>
      {report.state === 'ready' ? <ForwardResult report={report} sampled={sampled} /> : <NotYet report={report} now={props.now()} {...(props.timeZone ? { timeZone: props.timeZone } : {})} />}
      {refresh}
    </Flex>
  );
}

function NotYet(props: { report: ForwardAccuracy; now: number; timeZone?: string }) {
  const { report } = props;
  if (report.state === 'no-snapshots') {
    return (
      <EmptyState testId="forward-empty" title="No dated scores yet" imageName="emptyStateCharts">
        <Text>The app keeps each contact's score for every day it is scored. Once scores are a week older than the conversions that follow them, this shows how well they predicted those conversions.</Text>
      </EmptyState>
    );
  }
  const at = report.earliestReadyAt ?? props.now;
  const days = Math.ceil((at - props.now) / DAY);
  return (
    <EmptyState testId="forward-waiting" title="Not enough history yet" imageName="emptyStateCharts">
      <Text testId="forward-waiting-when">
        {days > 0
          ? `Scores have been kept since ${formatDay(report.firstSnapshotAt ?? at, props.timeZone)}: figures can appear from ${formatDay(at, props.timeZone)} (in ${days} ${days === 1 ? 'day' : 'days'}), as contacts convert.`
          : `Scores have been kept since ${formatDay(report.firstSnapshotAt ?? at, props.timeZone)}; waiting for enough contacts to convert.`}
      </Text>
      {report.horizons.map((h) => <Text key={h.days} variant="microcopy">{`${h.days} days before: ${h.reason ?? ''}`}</Text>)}
    </EmptyState>
  );
}

function ForwardResult(props: { report: ForwardAccuracy; sampled: boolean }) {
  const { report } = props;
  const ready = report.horizons.filter((h) => h.auc);
  return (
    <Flex direction="column" gap="sm">
      <Text testId="forward-summary">
        {`${report.conversions} conversions among ${report.contacts} scored contacts${props.sampled ? ' (a sample of a larger portal)' : ''}. ROC AUC: the chance that a contact about to convert outscored one that had not converted, at the same moment.`}
      </Text>
      <Table testId="forward-table" density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>Score given</TableHeader><TableHeader align="right">Conversions</TableHeader><TableHeader align="right">Compared with</TableHeader>
            <TableHeader>ROC AUC (95% interval)</TableHeader><TableHeader>Mean score: converted vs others</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.horizons.map((h) => (
            <TableRow key={h.days} testId={`forward-horizon:${h.days}`}>
              <TableCell>{`${h.days} days before`}</TableCell>
              <TableCell align="right">{h.converters}</TableCell>
              <TableCell align="right">{h.comparators}</TableCell>
              <TableCell>{h.auc ? formatAuc(h.auc) : (h.reason ?? '–')}</TableCell>
              <TableCell>{h.meanConverterScore !== null && h.meanComparatorScore !== null ? `${h.meanConverterScore.toFixed(1)} vs ${h.meanComparatorScore.toFixed(1)}` : '–'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <BarChart
        testId="forward-chart"
        data={ready.map((h) => ({ horizon: `${h.days} days before`, auc: Math.round(h.auc!.auc * 1000) / 1000 }))}
        axes={{ x: { field: 'horizon', fieldType: 'category', label: 'Score given' }, y: { field: 'auc', fieldType: 'linear', label: 'ROC AUC' } }}
        options={{ title: 'How well earlier scores ranked later conversions (0.5 = chance)' }}
      />
    </Flex>
  );
}

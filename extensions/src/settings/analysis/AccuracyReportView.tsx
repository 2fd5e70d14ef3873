import {
  BarChart, Flex, Heading, LineChart, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text,
} from '@hubspot/ui-extensions';
import type { AccuracyReport } from '../../../../src/contract/index.js';
import { calibrationPoints, formatAuc, formatProportion, percent } from './format-analysis.js';

/** One model's report on a set of contacts (the same contacts for every series shown together). */
export type ReportSeries = { name: string; report: AccuracyReport };

/**
 * Accuracy reports side by side: ROC AUC with its interval, lift by decile (bars), conversion rate per score band
 * (calibration, lines; empty bands left out), and precision and recall at each stage of each model.
 */
export function AccuracyReportView(props: { testId: string; title: string; series: ReportSeries[] }) {
  const { series, testId } = props;
  const first = series[0];
  if (!first) return null;
  const lift = series.flatMap((s) => s.report.liftByDecile.map((g) => ({ decile: `${g.group}`, model: s.name, lift: round(g.lift) })));
  const calibration = calibrationPoints(series);
  return (
    <Flex direction="column" gap="sm">
      <Heading>{props.title}</Heading>
      <Text testId={`${testId}-basis`}>
        {`${first.report.rows} contacts the suggestion did not learn from, ${first.report.positives} of them converted (${percent(first.report.baseRate)}).`}
      </Text>
      <Statistics testId={`${testId}-auc`}>
        {series.map((s) => (
          <StatisticsItem key={s.name} testId={`${testId}-auc:${s.name}`} label={`${s.name}: ROC AUC (95% interval)`} number={formatAuc(s.report.auc)} />
        ))}
      </Statistics>
      <BarChart
        testId={`${testId}-lift`}
        data={lift}
        axes={{ x: { field: 'decile', fieldType: 'category', label: 'Decile (1 = highest scores)' }, y: { field: 'lift', fieldType: 'linear', label: 'Lift' }, options: { groupFieldByColor: 'model' } }}
        options={{ title: 'Lift by decile: conversion rate ÷ the overall rate', showLegend: true }}
      />
      <LineChart
        testId={`${testId}-calibration`}
        data={calibration}
        axes={{ x: { field: 'band', fieldType: 'category', label: 'Total score' }, y: { field: 'rate', fieldType: 'linear', label: 'Converted (%)' }, options: { groupFieldByColor: 'model' } }}
        options={{ title: 'Calibration: conversion rate per score band', showLegend: true }}
      />
      <Table testId={`${testId}-stages`} density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>Model</TableHeader><TableHeader>Stage</TableHeader><TableHeader align="right">Flagged</TableHeader>
            <TableHeader align="right">Precision</TableHeader><TableHeader align="right">Recall</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {series.flatMap((s) => s.report.stages.map((st) => (
            <TableRow key={`${s.name}:${st.label}`} testId={`${testId}-stage:${s.name}:${st.label}`}>
              <TableCell>{s.name}</TableCell><TableCell>{`${st.label} (≥ ${st.min})`}</TableCell><TableCell align="right">{st.flagged}</TableCell>
              <TableCell align="right">{formatProportion(st.precision)}</TableCell><TableCell align="right">{formatProportion(st.recall)}</TableCell>
            </TableRow>
          )))}
        </TableBody>
      </Table>
    </Flex>
  );
}

const round = (x: number) => Math.round(x * 100) / 100;

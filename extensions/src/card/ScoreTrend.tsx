import { LineChart, Text } from '@hubspot/ui-extensions';
import type { HistoryPoint } from '../../../src/contract/index.js';

/** The total over time, from the contact's score history (oldest first). */
export function ScoreTrend(props: { history: HistoryPoint[] }) {
  if (props.history.length < 2) {
    return <Text testId="trend-empty" variant="microcopy">The trend appears once the score has changed.</Text>;
  }
  const data = props.history.map((h) => ({ at: h.at, total: h.total }));
  return (
    <LineChart
      testId="trend-chart"
      data={data}
      axes={{ x: { field: 'at', fieldType: 'datetime', label: 'Scored at' }, y: { field: 'total', fieldType: 'linear', label: 'Score' } }}
      options={{ title: 'Score over time', showTooltips: true, colorList: ['darkBlue'] }}
    />
  );
}

import { LineChart, Text } from '@hubspot/ui-extensions';
import type { HistoryPoint } from '../../../src/contract/index.js';

/**
 * The total over time, from the contact's score history (oldest first), drawn only once the total has changed:
 * a flat line (a publish that changed nothing) says nothing. The x axis is categories labelled with readable
 * dates ("Nov 12"), with the time where two points share a day, in the portal's time zone.
 */
export function ScoreTrend(props: { history: HistoryPoint[]; timeZone?: string }) {
  const { history } = props;
  if (!history.some((h) => h.total !== history[0]?.total)) {
    return <Text testId="trend-empty" variant="microcopy">The trend appears once the score changes.</Text>;
  }
  const labels = pointLabels(history.map((h) => h.at), props.timeZone);
  const data = history.map((h, i) => ({ at: labels[i] as string, total: h.total }));
  return (
    <LineChart
      testId="trend-chart"
      data={data}
      axes={{ x: { field: 'at', fieldType: 'category', label: 'Scored' }, y: { field: 'total', fieldType: 'linear', label: 'Score' } }}
      options={{ title: 'Score over time', showTooltips: true, colorList: ['darkBlue'] }}
    />
  );
}

/** "Nov 12" per point; with the time when a day repeats; with a counter if even that repeats (categories must differ). */
export function pointLabels(isos: string[], timeZone?: string): string[] {
  const format = (iso: string, options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat('en-US', { ...options, timeZone: timeZone ?? 'UTC' }).format(new Date(iso));
    } catch {
      return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(new Date(iso));
    }
  };
  const days = isos.map((iso) => format(iso, { month: 'short', day: 'numeric' }));
  const labels = days.map((day, i) => (days.indexOf(day) !== days.lastIndexOf(day) ? format(isos[i] as string, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : day));
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}

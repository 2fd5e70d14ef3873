import type { LabelledContact } from '../../src/analysis/labelled-contact.js';
import { seededRandom } from '../../src/analysis/seeded-random.js';

type Row = LabelledContact & { trueLogit: number };

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/**
 * A direct-marketing table shaped like the public bank-marketing data (15 columns). `pdays` is days since the
 * last contact, 999 meaning never contacted (about 90% of rows); never-contacted contacts convert less (−1.6 in
 * log-odds), and the month, the contact channel, the rate `euribor` and the number of calls matter too. The true
 * model ranks with ROC AUC about 0.75.
 */
export function bankLike(n: number, seed: number): Row[] {
  const random = seededRandom(seed);
  const months = ['may', 'jun', 'jul', 'aug', 'oct', 'nov', 'dec', 'mar', 'apr', 'sep'];
  return Array.from({ length: n }, () => {
    const never = random() < 0.9;
    const pdays = never ? 999 : Math.floor(random() * 28);
    const month = pick(random, months);
    const contact = random() < 0.65 ? 'cellular' : 'telephone';
    const euribor = Number((0.6 + random() * 4.5).toFixed(3));
    const campaign = 1 + Math.floor(-Math.log(1 - random()) * 2.5);
    const trueLogit =
      -1.2 - (never ? 1.6 : 0) + (['mar', 'sep', 'oct', 'dec'].includes(month) ? 1.1 : 0) + (contact === 'cellular' ? 0.5 : 0) -
      0.3 * (euribor - 3) - 0.08 * Math.min(campaign, 10);
    const converted = random() < 1 / (1 + Math.exp(-trueLogit));
    return {
      properties: {
        age: String(18 + Math.floor(random() * 60)),
        job: pick(random, ['admin.', 'blue-collar', 'technician', 'services', 'management', 'retired', 'student', 'unknown']),
        marital: pick(random, ['married', 'single', 'divorced']),
        education: pick(random, ['basic', 'high.school', 'professional.course', 'university.degree', 'unknown']),
        default: random() < 0.8 ? 'no' : 'unknown',
        housing: random() < 0.5 ? 'yes' : 'no',
        loan: random() < 0.15 ? 'yes' : 'no',
        contact,
        month,
        day_of_week: pick(random, ['mon', 'tue', 'wed', 'thu', 'fri']),
        campaign: String(campaign),
        pdays: String(pdays),
        previous: String(never ? 0 : 1 + Math.floor(random() * 3)),
        euribor: String(euribor),
        poutcome: never ? 'nonexistent' : pick(random, ['failure', 'success']),
      },
      events: [],
      converted,
      trueLogit,
    };
  });
}

/**
 * Rows with one real signal and extras: `Plan` (Enterprise converts about 8 times as often as the rest), an empty
 * column, a constant one, `Seats` (numeric, with a few "n/a" cells), and `Billing Cycle` filled in only for
 * converters (customers). `rate` sets the base rate.
 */
export function signalTable(n: number, seed: number, rate: number): Row[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const enterprise = random() < 0.15;
    const seats = Math.floor(random() * 200);
    const base = Math.log(rate / (1 - rate)) - 0.9;
    const trueLogit = base + (enterprise ? 2.2 : 0) + (seats >= 100 ? 0.7 : 0);
    const converted = random() < 1 / (1 + Math.exp(-trueLogit));
    return {
      properties: {
        Plan: enterprise ? 'Enterprise' : pick(random, ['Free', 'Pro', 'Team']),
        Empty: '',
        Region: 'EU',
        Seats: random() < 0.03 ? 'n/a' : String(seats),
        'Billing Cycle': converted ? pick(random, ['Annual', 'Monthly']) : '',
      },
      events: [],
      converted,
      trueLogit,
    };
  });
}

/** The same rows with their outcomes shuffled (seeded): no column can predict them. */
export function shuffledLabels<T extends { converted: boolean }>(rows: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const labels = rows.map((r) => r.converted);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return rows.map((r, i) => ({ ...r, converted: labels[i]! }));
}

/** Writes rows as CSV text (comma, quoted where needed) with the outcome as a `Converted` column (1/0). */
export function toCsv(rows: readonly LabelledContact[], delimiter = ','): string {
  const columns = Object.keys(rows[0]?.properties ?? {});
  const cell = (v: string) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    [...columns, 'Converted'].map(cell).join(delimiter),
    ...rows.map((r) => [...columns.map((c) => cell(String(r.properties[c] ?? ''))), r.converted ? '1' : '0'].join(delimiter)),
  ].join('\n');
}

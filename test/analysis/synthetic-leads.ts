import type { LabelledContact } from '../../src/analysis/labelled-contact.js';
import { seededRandom } from '../../src/analysis/seeded-random.js';

export const NOW = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;

/**
 * Synthetic leads with a known truth: conversion log-odds = −3.5 + 2.2·[Plan Enterprise] + 1·[Plan Pro]
 * − 1·[Plan unknown] + 0.15·Visits + 0.6·(page views in the last 7 days, up to 3). "Closing Reason" is the outcome
 * written down after the fact (Won for 97% of converters, Lost for 97% of the others): a leak. "Noise" is noise.
 * `trueLogit` is kept so tests can compare with the best possible ranking.
 */
export function syntheticLeads(n: number, seed: number): (LabelledContact & { trueLogit: number })[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const u = random();
    const plan = u < 0.2 ? 'Enterprise' : u < 0.5 ? 'Pro' : u < 0.9 ? 'Free' : random() < 0.5 ? '' : 'Select';
    const visits = Math.floor(random() * 21);
    const recent = Math.floor(random() * 5);
    const older = Math.floor(random() * 4);
    const events = [
      ...Array.from({ length: recent }, (_, k) => ({ type: 'page_view', at: NOW - (k + 1) * DAY, url: '/pricing' })),
      ...Array.from({ length: older }, (_, k) => ({ type: 'page_view', at: new Date(NOW - (40 + k) * DAY).toISOString() })),
    ];
    const trueLogit =
      -3.5 +
      (plan === 'Enterprise' ? 2.2 : plan === 'Pro' ? 1 : plan === 'Free' ? 0 : -1) +
      0.15 * visits +
      0.6 * Math.min(recent, 3);
    const converted = random() < 1 / (1 + Math.exp(-trueLogit));
    const honest = random() < 0.97;
    return {
      properties: {
        Plan: plan,
        'Number of visits': String(visits),
        Noise: random() < 0.5 ? 'x' : 'y',
        'Closing Reason': converted === honest ? 'Won' : 'Lost',
      },
      events,
      converted,
      trueLogit,
    };
  });
}

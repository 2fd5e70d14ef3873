import type { LearnResult } from './learn-model.js';
import { percent, textTable } from './text-table.js';

/** What was learnt, as the CLI prints it: data, leakage warnings, skipped columns, the rules, stages, grades. */
export function formatLearnResult(r: LearnResult): string {
  const t = r.training;
  const lines = [`Learnt from ${t.rows} contacts, ${t.positives} converted (base rate ${percent(t.baseRate)}).`, ''];
  const setAside = new Set(r.skipped.filter((s) => s.reason === 'leakage').map((s) => s.column));
  if (r.leakage.length) {
    lines.push('Leakage guard: these look like they encode the outcome (recorded after it, or too good to be true):');
    for (const w of r.leakage) {
      lines.push(`  ${w.column} (${setAside.has(w.column) ? 'left out' : 'KEPT as you insisted'})`);
      for (const reason of w.reasons) lines.push(`    - ${reason}`);
    }
    if (setAside.size) lines.push('  Keep one with --insist COLUMN, or all with --include-leaky.');
    lines.push('');
  }
  const byReason = (reason: string) => r.skipped.filter((s) => s.reason === reason).map((s) => s.column);
  for (const [reason, text] of [['excluded', 'excluded'], ['identifier', 'identifiers'], ['constant', 'one value only'], ['empty', 'no values']] as const) {
    const cols = byReason(reason);
    if (cols.length) lines.push(`Not used (${text}): ${cols.join(', ')}`);
  }
  const m = r.model;
  lines.push(
    '',
    ...(r.rules.length
      ? [
          `Rules (${r.rules.length}; total = ${m.total.fitWeight} × fit + ${m.total.engagementWeight} × engagement)`,
          textTable(['dimension', 'points', 'rule'], r.rules.map((rule) => [rule.dimension, `+${rule.points}`, rule.label])),
        ]
      : ['Rules: none (no signal was strong enough to learn from these rows)']),
    ...completenessNote(r),
    ...(r.fit.converged ? [] : [`The logistic fit did not converge in ${r.fit.iterations} iterations: treat the points as rough.`]),
    ...(r.fit.rejected.length ? [`Signals turned away by the fit check: ${r.fit.rejected.map((x) => `${x.signal} (${x.reason})`).join('; ')}`] : []),
    '',
    `Stages: ${m.stages.length ? m.stages.map((s) => `${s.label} ≥ ${s.min}`).join(', ') : 'none'}`,
    `Grades: fit ${m.grades.fit.map((b) => `${b.grade} ≥ ${b.min}`).join(', ')}; ` +
      `engagement ${m.grades.engagement.map((b) => `${b.grade} ≥ ${b.min}`).join(', ')}`,
  );
  return lines.join('\n');
}

/** Rules that score whether a field is filled in, said as such: they reward data completeness, not a lead's traits. */
function completenessNote(r: LearnResult): string[] {
  const rules = r.rules.filter((x) => x.completeness);
  if (!rules.length) return [];
  return [
    '',
    'Data-completeness signals (they score whether a field is filled in, not what it says; check that it is filled',
    'in before conversion, or the score rewards what happens after it):',
    ...rules.map((x) => `  +${x.points}  ${x.label}`),
  ];
}

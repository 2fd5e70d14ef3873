import type { Model } from './model-schema.js';

/** The first band (in order) whose `min` ≤ the rounded score (SCORING-MODEL.md "Evaluation" 7). */
export function bandOf(bands: readonly { grade: string; min: number }[], score: number): string {
  for (const band of bands) if (band.min <= score) return band.grade;
  // Unreachable for a parsed model: the last band's min is 0 and scores are ≥ 0.
  return bands[bands.length - 1]?.grade ?? '';
}

/** The contact's grade: the fit letter followed by the engagement digit, e.g. "B2". */
export function gradeOf(model: Model, fit: number, engagement: number): string {
  return bandOf(model.grades.fit, fit) + bandOf(model.grades.engagement, engagement);
}

/** The first stage (in order) whose `min` ≤ the rounded total, else "none". */
export function stageOf(model: Model, total: number): string {
  for (const stage of model.stages) if (stage.min <= total) return stage.label;
  return 'none';
}

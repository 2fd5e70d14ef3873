/** The bands of SCORING-MODEL.md's example, used when a model names none. */
export const DEFAULT_GRADES = {
  fit: [{ grade: 'A', min: 75 }, { grade: 'B', min: 50 }, { grade: 'C', min: 25 }, { grade: 'D', min: 0 }],
  engagement: [{ grade: '1', min: 75 }, { grade: '2', min: 50 }, { grade: '3', min: 25 }, { grade: '4', min: 0 }],
};

/**
 * A plain-text table for terminals: columns padded to their widest cell, numbers (cells starting with a digit,
 * sign or dot) right-aligned, everything else left-aligned.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = (s: string) => /^[-+0-9.]/.test(s);
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((cell, c) => (numeric(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** 0.4213 → "42.1%". */
export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** An interval as "41.2–44.0%". */
export function percentRange(low: number, high: number): string {
  return `${(low * 100).toFixed(1)}–${percent(high)}`;
}

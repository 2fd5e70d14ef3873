import { describe, expect, it } from 'vitest';
import { clock, createProgressBar, renderBar } from '../../src/runtime/progress-bar.js';

describe('renderBar', () => {
  it('draws the share done, counts, percent, rate and elapsed time', () => {
    // 3,100 of 9,237 is 33.6 %: 10 of 30 cells (rounded), 33 % (floored); 3,100 in 9.4 s is 330/s.
    expect(renderBar({ done: 3_100, total: 9_237, elapsedMs: 9_400, suffix: '2,000 scores written' }))
      .toBe(`[${'█'.repeat(10)}${'░'.repeat(20)}] 3,100 / 9,237  33% · 330/s · 0:09 · 2,000 scores written`);
  });

  it('shows an empty bar before anything is done and a full one at the end', () => {
    expect(renderBar({ done: 0, total: 0, elapsedMs: 0 }, 4)).toBe('[░░░░] 0 / 0   0% · 0/s · 0:00');
    expect(renderBar({ done: 50, total: 50, elapsedMs: 125_000 }, 4)).toBe('[████] 50 / 50 100% · 0/s · 2:05');
  });
});

describe('clock', () => {
  it('writes minutes and zero-padded seconds', () => {
    expect([clock(0), clock(59_999), clock(61_000), clock(3_600_000)]).toEqual(['0:00', '0:59', '1:01', '60:00']);
  });
});

describe('createProgressBar', () => {
  it('prints a line per tenth of progress when the output is not a terminal', () => {
    const lines: string[] = [];
    const bar = createProgressBar({ write: (s: string) => lines.push(s) }, 'Backfill');
    for (const done of [0, 5, 9, 10, 55, 100]) bar.update({ done, total: 100, elapsedMs: 1_000 });
    bar.end();
    expect(lines.map((l) => /(\d+) \/ 100/.exec(l)?.[1])).toEqual(['0', '10', '55', '100']);
    expect(lines.every((l) => l.startsWith('Backfill [') && l.endsWith('\n'))).toBe(true);
  });

  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const chunks: string[] = [];
    const bar = createProgressBar({ write: (s: string) => chunks.push(s), isTTY: true }, 'Backfill');
    bar.update({ done: 1, total: 2, elapsedMs: 1_000 });
    bar.update({ done: 2, total: 2, elapsedMs: 2_000 });
    bar.end();
    expect(chunks).toHaveLength(3);
    expect(chunks.slice(0, 2).every((c) => c.startsWith('\r\x1b[2KBackfill ['))).toBe(true);
    expect(chunks[2]).toBe('\n');
  });
});

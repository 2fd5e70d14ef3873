import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRows } from '../../src/analysis/analyze-rows.js';
import { labelledRows, parseOutcome } from '../../src/cli/csv-source.js';
import { parseCsvText } from '../../src/cli/csv-table.js';
import { AppError } from '../../src/errors.js';

describe('parseCsvText', () => {
  it('reads semicolons, tabs, a BOM, CRLF and quoted fields with delimiters, quotes and line breaks', () => {
    const semicolon = parseCsvText('\ufeffName;Note;Won\r\n"Smith; J";"said ""hi""\r\nthen left";1\r\n');
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.header).toEqual(['Name', 'Note', 'Won']);
    expect(semicolon.rows).toEqual([{ Name: 'Smith; J', Note: 'said "hi"\r\nthen left', Won: '1' }]);
    const tab = parseCsvText('a\tb\n"x,y"\t2\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows).toEqual([{ a: 'x,y', b: '2' }]);
  });

  it('skips a ragged or unreadable row and names its line, keeping the others', () => {
    const t = parseCsvText('a,b\n1,2\n\n3\n4,5,6\n7,8,\n"open,9\n');
    expect(t.rows).toEqual([{ a: '1', b: '2' }, { a: '7', b: '8' }]);
    expect(t.skippedLines.map((s) => s.line)).toEqual([4, 5, 7]);
    expect(t.skippedLines[0]!.reason).toBe('1 cells where the header has 2');
    expect(t.skippedLines[2]!.reason).toMatch(/Quote Not Closed/);
  });

  it('renames a repeated header name deterministically and says so', () => {
    const t = parseCsvText('Email,email,,Email\nx,y,z,w\n');
    expect(t.header).toEqual(['Email', 'email (2)', 'Column 3', 'Email (3)']);
    expect(t.renamed).toEqual([{ from: 'email', to: 'email (2)' }, { from: 'Email', to: 'Email (3)' }]);
  });
});

/** A random table: typed columns, a delimiter, quoting, missing cells, an outcome at any rate. */
const tables = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    rows: fc.integer({ min: 0, max: 120 }),
    rate: fc.double({ min: 0, max: 1, noNaN: true }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    columns: fc.array(fc.constantFrom('number', 'text', 'quoted', 'sparse', 'constant', 'empty', 'sentinel'), { minLength: 0, maxLength: 5 }),
    seed: fc.integer(),
  })
  .map(({ delimiter, rows, rate, crlf, bom, columns, seed }) => {
    let s = seed | 0;
    const random = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32;
    const cell = (kind: string, i: number): string => {
      switch (kind) {
        case 'number': return random() < 0.05 ? 'n/a' : String(Math.round(random() * 100) / 10);
        case 'text': return ['a', 'b', 'c', 'Select'][Math.floor(random() * 4)]!;
        case 'quoted': return `"x${delimiter} ""y""\n${i % 3}"`;
        case 'sparse': return random() < 0.7 ? '' : 'filled';
        case 'constant': return 'same';
        case 'empty': return '';
        default: return random() < 0.8 ? '999' : String(Math.floor(random() * 30));
      }
    };
    const eol = crlf ? '\r\n' : '\n';
    const header = [...columns.map((c, i) => `${c} ${i}`), 'Outcome'].join(delimiter);
    const body = Array.from({ length: rows }, (_, i) => [...columns.map((c) => cell(c, i)), random() < rate ? 'yes' : 'no'].join(delimiter));
    return `${bom ? '\ufeff' : ''}${[header, ...body].join(eol)}${eol}`;
  });

describe('analyze on random tables', () => {
  it('never throws: it learns a model, or refuses with a one-line reason', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(tables, (text) => {
        const table = parseCsvText(text);
        let rows;
        try {
          rows = labelledRows(table, parseOutcome('Outcome=yes'));
        } catch (error) {
          // No row has the outcome value: a coded, one-line input error, as the CLI reports it.
          expect(error).toBeInstanceOf(AppError);
          expect((error as Error).message.split('\n')).toHaveLength(1);
          return;
        }
        const source = { name: 'random', sha256: null, rows: rows.length, skippedLines: table.skippedLines.length };
        const a = analyzeRows({ rows, options: { now: 0, seed: 1 }, split: 0.7, folds: 3, source, outcome: 'Outcome=yes' });
        if (a.verdict.ok) expect(a.learnt!.rules.length).toBeGreaterThan(0);
        else expect(a.verdict.reason!.split('\n')).toHaveLength(1);
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});

/**
 * A one-line terminal progress bar. On a TTY the line is redrawn in place (carriage return); elsewhere (a pipe,
 * a CI log) a line is printed only when the bar moves by a tenth or finishes, so captured output stays short.
 */
export type BarState = { done: number; total: number; elapsedMs: number; suffix?: string };

const WIDTH = 30;

/** `[██████░░░░]  3,100 / 9,237  34% · 331/s · 0:09 · suffix` */
export function renderBar(s: BarState, width = WIDTH): string {
  const ratio = s.total > 0 ? Math.min(1, s.done / s.total) : 0;
  const filled = Math.round(ratio * width);
  const rate = s.elapsedMs > 0 ? Math.round((s.done * 1000) / s.elapsedMs) : 0;
  const parts = [
    `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`,
    ` ${s.done.toLocaleString('en-US')} / ${s.total.toLocaleString('en-US')}`,
    ` ${String(Math.floor(ratio * 100)).padStart(3)}%`,
    ` · ${rate.toLocaleString('en-US')}/s · ${clock(s.elapsedMs)}`,
  ];
  return `${parts.join('')}${s.suffix ? ` · ${s.suffix}` : ''}`;
}

/** m:ss */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export type LineWriter = { write(chunk: string): unknown; isTTY?: boolean };

/** Draws successive states of a bar on `out`; `end()` leaves the last state on its own line. */
export function createProgressBar(out: LineWriter, label: string) {
  let lastTenth = -1;
  let last = '';
  return {
    update(s: BarState): void {
      last = `${label} ${renderBar(s)}`;
      if (out.isTTY) {
        out.write(`\r\x1b[2K${last}`);
        return;
      }
      const tenth = s.total > 0 ? Math.floor((10 * s.done) / s.total) : 0;
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        out.write(`${last}\n`);
      }
    },
    end(): void {
      if (out.isTTY && last) out.write('\n');
    },
  };
}

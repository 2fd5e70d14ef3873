import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

/**
 * A logger whose JSON lines are kept in `lines`, to check what would reach the logs. PIPELINE_TEST_LOGS=1 also
 * echoes them to stderr, for debugging a failing test.
 */
export function capturedLogger(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      if (process.env.PIPELINE_TEST_LOGS) process.stderr.write(chunk);
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}

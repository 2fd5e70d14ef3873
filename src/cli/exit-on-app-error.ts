import { AppError } from '../errors.js';

/**
 * The end of a subcommand that failed: a coded error (bad input, unreadable file) is the user's to fix, so its
 * message goes to stderr as `lead-scoring <command>: …` and the status is 1; anything else is a bug and is thrown.
 */
export function exitOnAppError(command: string, error: unknown): 1 {
  if (!(error instanceof AppError)) throw error;
  process.stderr.write(`lead-scoring ${command}: ${error.message}\n`);
  return 1;
}

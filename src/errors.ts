/**
 * Coded errors for the boundaries (ARCHITECTURE.md "Error model"): each has a stable `code` callers switch on,
 * a message an operator can act on, and the original `cause`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that failed validation; `issues` names each problem by its path. */
export class ValidationError extends AppError {
  constructor(
    readonly issues: { path: string; message: string }[],
    message = `Invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
  ) {
    super('VALIDATION_FAILED', message);
  }
}

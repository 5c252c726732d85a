/**
 * Errors that map to RFC 9457 problem documents. Services throw these; the HTTP layer
 * (and the bot) turn them into a response or a card message.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError(404, 'not_found', 'Not found', `${what} does not exist`);
export const forbidden = (detail: string): AppError => new AppError(403, 'forbidden', 'Forbidden', detail);
export const unauthorized = (detail: string): AppError => new AppError(401, 'unauthorized', 'Unauthorized', detail);
export const conflict = (detail: string): AppError => new AppError(409, 'conflict', 'Conflict', detail);
export const preconditionFailed = (detail: string): AppError =>
  new AppError(412, 'precondition_failed', 'Precondition failed', detail);
export const invalid = (errors: FieldProblem[], detail = 'The request has invalid fields'): AppError =>
  new AppError(400, 'validation_failed', 'Invalid request', detail, errors);

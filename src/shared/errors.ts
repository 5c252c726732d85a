/**
 * Errors of the domain: services throw these, and each transport turns them into what it speaks
 * (the HTTP layer a problem document, RFC 9457; the bot a card message). They are not HTTP's,
 * although their status follows HTTP's numbers because every transport understands those.
 */

/**
 * What is wrong with a field, as a stable code that clients translate (the tab and the bot each
 * map codes to the user's language, never the English message, which is for developers).
 */
export const problemCodes = [
  'required',
  'too_long',
  'too_large',
  'too_small',
  'negative',
  'not_integer',
  'invalid_number',
  'invalid_date',
  'invalid_datetime',
  'year_out_of_range',
  'date_order',
  'postpone_reason_required',
  'adjustment_reason_required',
  'no_such_person',
  'no_such_item',
  'invalid_uuid',
  'invalid_choice',
  'unknown_field',
  'nothing_to_change',
  'already_taken',
  'unsafe_text',
  'invalid_json',
  'invalid',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export interface FieldProblem {
  path: string;
  message: string;
  /** Set where the problem is found, or read from its message by `withCode` below. */
  code?: ProblemCode;
  /** What the translated message needs, e.g. `{ max: 200 }` for too_long. */
  params?: Record<string, string | number>;
}

type Classified = Pick<FieldProblem, 'code' | 'params'>;

/*
 * The server's own messages, each with its code. Messages come from zod schemas and from
 * services; reading them here, in the one module where they are kept, spares every schema a
 * second argument and every client a copy of this table.
 */
const byMessage: [RegExp, (m: RegExpExecArray) => Classified][] = [
  [/^(must not be empty|is required)$/, () => ({ code: 'required' })],
  [/^at most (\d+) characters$/, (m) => ({ code: 'too_long', params: { max: Number(m[1]) } })],
  [/^must be a date \(YYYY-MM-DD\)$|^must be a date$/, () => ({ code: 'invalid_date' })],
  [/^must be a date-time/, () => ({ code: 'invalid_datetime' })],
  [/^the year must be between (\d+) and (\d+)$/, (m) => ({ code: 'year_out_of_range', params: { min: m[1]!, max: m[2]! } })],
  [/^must (not be before|not be after|be after|be before) (\w+)$/, (m) => ({ code: 'date_order', params: { other: m[2]! } })],
  [/^must not be negative$/, () => ({ code: 'negative' })],
  [/^too large$/, () => ({ code: 'too_large' })],
  [/^give a reason when postponing$/, () => ({ code: 'postpone_reason_required' })],
  [/^give the reason for changing or stopping it$/, () => ({ code: 'adjustment_reason_required' })],
  [/^no such person/, () => ({ code: 'no_such_person' })],
  [/^(no such |refers to something that does not exist|is not .* of this trajectory)/, () => ({ code: 'no_such_item' })],
  [/^must be a UUID$/, () => ({ code: 'invalid_uuid' })],
  [/^is not a known field$/, () => ({ code: 'unknown_field' })],
  [/^give at least one field to change$/, () => ({ code: 'nothing_to_change' })],
  [/^is already taken$/, () => ({ code: 'already_taken' })],
  [/^is not valid JSON$/, () => ({ code: 'invalid_json' })],
  [/not store|NUL|surrogate|nested deeper/i, () => ({ code: 'unsafe_text' })],
  [/expected number|must be a number|is not a number/i, () => ({ code: 'invalid_number' })],
  [/expected int|must be an integer|whole number/i, () => ({ code: 'not_integer' })],
  [/^Invalid option|expected one of|^unknown \w+: /i, () => ({ code: 'invalid_choice' })],
  [/expected .*, received undefined/i, () => ({ code: 'required' })],
];

/** A problem with its code: the one it was given, else the one its message stands for. */
export function withCode(problem: FieldProblem): FieldProblem {
  if (problem.code) return problem;
  for (const [pattern, classify] of byMessage) {
    const match = pattern.exec(problem.message);
    if (match) return { ...problem, ...classify(match) };
  }
  return { ...problem, code: 'invalid' };
}

export class AppError extends Error {
  readonly errors?: FieldProblem[];

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    errors?: FieldProblem[],
  ) {
    super(detail ?? title);
    this.name = 'AppError';
    if (errors) this.errors = errors.map(withCode);
  }
}

export const notFound = (what: string): AppError => new AppError(404, 'not_found', 'Not found', `${what} does not exist`);
export const forbidden = (detail: string): AppError => new AppError(403, 'forbidden', 'Forbidden', detail);
export const unauthorized = (detail: string): AppError => new AppError(401, 'unauthorized', 'Unauthorized', detail);
export const conflict = (detail: string): AppError => new AppError(409, 'conflict', 'Conflict', detail);
export const preconditionFailed = (detail: string): AppError => new AppError(412, 'precondition_failed', 'Precondition failed', detail);
export const invalid = (errors: FieldProblem[], detail = 'The request has invalid fields'): AppError =>
  new AppError(400, 'validation_failed', 'Invalid request', detail, errors);

import type { z } from 'zod';
import { invalid, withCode, type FieldProblem } from '../shared/errors';

export function zodProblems(error: z.ZodError, location: string): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const path = [location, ...issue.path.map(String)].filter(Boolean);
    // Zod reports unknown fields on their object; the client wants to know which field is wrong.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field', code: 'unknown_field' as const }));
    const problem = withCode({ path: path.join('.'), message: issue.message });
    return [problem.code === 'invalid' ? { ...problem, ...zodCode(issue) } : problem];
  });
}

/** A code for zod's own messages (ours are read by `withCode`). */
function zodCode(issue: z.core.$ZodIssue): Pick<FieldProblem, 'code' | 'params'> {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { code: 'required' };
      return { code: issue.expected === 'number' || issue.expected === 'int' ? 'invalid_number' : 'invalid' };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'invalid_choice' };
    case 'too_big':
      return issue.origin === 'string' ? { code: 'too_long', params: { max: Number(issue.maximum) } } : { code: 'too_large', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { code: 'required' };
      if (issue.origin === 'number' && Number(issue.minimum) === 0) return { code: 'negative' };
      return { code: 'too_small', params: { min: Number(issue.minimum) } };
    case 'invalid_format':
      if (issue.format === 'date') return { code: 'invalid_date' };
      if (issue.format === 'datetime') return { code: 'invalid_datetime' };
      if (issue.format === 'uuid') return { code: 'invalid_uuid' };
      return { code: 'invalid' };
    case 'not_multiple_of':
      return { code: 'not_integer' };
    default:
      return { code: 'invalid' };
  }
}

/* PostgreSQL refuses NUL in text and jsonb, and lone UTF-16 surrogates in jsonb (pg would quietly turn them into U+FFFD in text). */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHAR = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_TEXT = new RegExp(UNSAFE_CHAR.source);

/** No input of ours nests deeper; deeper JSON would only reach recursive code (serialisers, the SDK's clones). */
export const MAX_INPUT_DEPTH = 32;
const MAX_LISTED = 20;

/** A key as it can be shown in a path: the characters that made it unsafe, escaped. */
function printable(key: string): string {
  return key.replace(UNSAFE_CHAR, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Strings (values and keys) the database cannot store, and nesting beyond MAX_INPUT_DEPTH, as
 * `location.path` problems. Iterative, so that a deeply nested body cannot overflow the stack here.
 */
export function unsafeInput(value: unknown, location: string, maxDepth = MAX_INPUT_DEPTH): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: location, depth: 0 }];
  while (stack.length && problems.length < MAX_LISTED) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (UNSAFE_TEXT.test(item.value)) problems.push({ path: item.path, message: 'must not contain NUL characters or unpaired UTF-16 surrogates' });
      continue;
    }
    if (!item.value || typeof item.value !== 'object') continue;
    if (item.depth >= maxDepth) {
      problems.push({ path: item.path, message: `is nested more than ${maxDepth} levels deep` });
      continue;
    }
    for (const [key, child] of Object.entries(item.value)) {
      const path = `${item.path}.${printable(key)}`;
      if (UNSAFE_TEXT.test(key)) problems.push({ path, message: 'the name must not contain NUL characters or unpaired UTF-16 surrogates' });
      else stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return problems;
}

/** Parses input or throws a 400 problem listing every bad field as `location.path`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: string): z.output<S> {
  const unsafe = unsafeInput(value, location);
  if (unsafe.length) throw invalid(unsafe);
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(zodProblems(result.error, location));
  return result.data;
}

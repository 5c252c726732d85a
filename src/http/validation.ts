import type { z } from 'zod';
import { invalid, type FieldProblem } from './problems';

export function zodProblems(error: z.ZodError, location: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** Parses input or throws a 400 problem listing every bad field as `location.path`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(zodProblems(result.error, location));
  return result.data;
}

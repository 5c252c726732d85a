import { parseArgs } from 'node:util';
import { z } from 'zod';

const input = z.object({
  tenant: z.string().trim().min(1, '--tenant must be the Entra tenant id'),
  person: z.uuid({ message: '--person must be the Kansrijk person id (a UUID, see GET /api/v1/trajectories/{id}/people)' }),
});

/** --tenant and --person of person:export and person:erase; throws the usage on anything else. */
export function personArguments(argv: readonly string[], usage: string, extra: Record<string, { type: 'string' }> = {}) {
  const { values } = parseArgs({ args: [...argv], options: { tenant: { type: 'string' }, person: { type: 'string' }, ...extra }, strict: true });
  const parsed = input.safeParse(values);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${usage}`);
  return { ...parsed.data, values: values as Record<string, string | undefined> };
}

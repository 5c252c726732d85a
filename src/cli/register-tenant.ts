import { parseArgs } from 'node:util';
import { z } from 'zod';
import { listTenants, upsertTenant } from '../tenants/tenant-repository';
import { withDatabase } from './with-database';

const usage = 'usage: npm run tenant:register -- --id <Entra tenant id (GUID)> --name "Gemeente X"   |   npm run tenant:register -- --list';

const { values } = parseArgs({ options: { id: { type: 'string' }, name: { type: 'string' }, list: { type: 'boolean' } }, strict: true });

const input = z.object({ id: z.uuid({ message: '--id must be the Entra tenant id (a GUID)' }), name: z.string().trim().min(2, '--name must be given') });

void withDatabase(async ({ db }) => {
  if (values.list) {
    for (const t of await listTenants(db)) console.log(`${t.id}  ${t.name}`);
    return;
  }
  const parsed = input.safeParse({ id: values.id, name: values.name });
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${usage}`);
  }
  const tenant = await upsertTenant(db, parsed.data.id, parsed.data.name);
  console.log(`registered tenant ${tenant.id} (${tenant.name})`);
});

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { insertTenantAdmin } from '../tenants/tenant-admin-repository';
import { listTenants, upsertTenant } from '../tenants/tenant-repository';
import { withDatabase } from './with-database';

const usage =
  'usage: npm run tenant:register -- --id <Entra tenant id (GUID)> --name "Gemeente X" --admin <Entra object id of the first Kansrijk administrator> --admin-name "Name"   |   npm run tenant:register -- --list';

const { values } = parseArgs({
  options: { id: { type: 'string' }, name: { type: 'string' }, admin: { type: 'string' }, 'admin-name': { type: 'string' }, list: { type: 'boolean' } },
  strict: true,
});

const input = z.object({
  id: z.uuid({ message: '--id must be the Entra tenant id (a GUID)' }),
  name: z.string().trim().min(2, '--name must be given'),
  admin: z.uuid({ message: '--admin must be the Entra object id (a GUID) of the first Kansrijk administrator' }),
  adminName: z.string().trim().min(2, '--admin-name must be given'),
});

void withDatabase(async ({ db }) => {
  if (values.list) {
    for (const t of await listTenants(db)) console.log(`${t.id}  ${t.name}`);
    return;
  }
  const parsed = input.safeParse({ id: values.id, name: values.name, admin: values.admin, adminName: values['admin-name'] });
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${usage}`);
  }
  // Whoever registers the tenant names its first administrator; admins name the others in the app.
  const tenant = await db.transaction().execute(async (trx) => {
    const row = await upsertTenant(trx, parsed.data.id, parsed.data.name);
    await insertTenantAdmin(trx, row.id, parsed.data.admin, parsed.data.adminName);
    return row;
  });
  console.log(`registered tenant ${tenant.id} (${tenant.name}) with administrator ${parsed.data.adminName} (${parsed.data.admin})`);
});

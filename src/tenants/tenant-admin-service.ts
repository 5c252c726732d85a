import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { auditCreate, auditDelete, type AuditActor } from '../audit/audit';
import type { Db } from '../db/database';
import { conflict, forbidden, notFound } from '../shared/errors';
import { shortText, uuid } from '../shared/schemas';
import { deleteTenantAdmin, findTenantAdmin, insertTenantAdmin, listTenantAdmins, lockTenantAdmins } from './tenant-admin-repository';

export const tenantAdminInput = z.object({ entraObjectId: uuid, displayName: shortText(120) }).strict();
export const tenantAdminOutput = z.object({ entraObjectId: z.string(), displayName: z.string(), createdAt: z.string() });
type TenantAdminOutput = z.input<typeof tenantAdminOutput>;

export async function isTenantAdmin(db: Db, principal: Principal): Promise<boolean> {
  return Boolean(await findTenantAdmin(db, principal.tenantId, principal.userId));
}

function actor(principal: Principal): AuditActor {
  return { tenantId: principal.tenantId, userId: principal.userId, personId: null, name: principal.name };
}

function present(row: { entraObjectId: string; displayName: string; createdAt: Date }): TenantAdminOutput {
  return { entraObjectId: row.entraObjectId, displayName: row.displayName, createdAt: row.createdAt.toISOString() };
}

/** Kansrijk administrators of a tenant: the first is named when the tenant is registered. */
export function createTenantAdminService(db: Db) {
  async function assertAdmin(principal: Principal): Promise<void> {
    if (!(await isTenantAdmin(db, principal))) throw forbidden('Only a Kansrijk administrator may name or remove administrators');
  }
  return {
    async list(principal: Principal): Promise<TenantAdminOutput[]> {
      await assertAdmin(principal);
      return (await listTenantAdmins(db, principal.tenantId)).map(present);
    },
    async add(principal: Principal, input: z.output<typeof tenantAdminInput>): Promise<TenantAdminOutput> {
      await assertAdmin(principal);
      return db.transaction().execute(async (trx) => {
        const row = await insertTenantAdmin(trx, principal.tenantId, input.entraObjectId, input.displayName);
        await auditCreate(trx, actor(principal), null, 'tenant_admin', { id: input.entraObjectId, displayName: input.displayName });
        return present(row);
      });
    },
    async remove(principal: Principal, entraObjectId: string): Promise<void> {
      await assertAdmin(principal);
      await db.transaction().execute(async (trx) => {
        const count = await lockTenantAdmins(trx, principal.tenantId);
        const existing = await findTenantAdmin(trx, principal.tenantId, entraObjectId);
        if (!existing) throw notFound(`administrator ${entraObjectId}`);
        if (count <= 1) throw conflict('The last administrator of a tenant cannot be removed; name another one first');
        await deleteTenantAdmin(trx, principal.tenantId, entraObjectId);
        await auditDelete(trx, actor(principal), null, 'tenant_admin', { id: entraObjectId, displayName: existing.displayName });
      });
    },
  };
}

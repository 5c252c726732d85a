import type { Db } from '../db/database';
import { findTenant } from './tenant-repository';

const TTL_MS = 30_000;

/**
 * Whether a tenant is registered in Kansrijk. Positive answers are cached briefly per
 * instance (a de-registration takes effect within the TTL everywhere); nothing else
 * depends on this cache, so instances stay interchangeable.
 */
export function createTenantRegistry(db: Db) {
  const known = new Map<string, number>();
  return {
    async isRegistered(tenantId: string): Promise<boolean> {
      const until = known.get(tenantId);
      if (until && until > Date.now()) return true;
      const found = Boolean(await findTenant(db, tenantId));
      if (found) known.set(tenantId, Date.now() + TTL_MS);
      else known.delete(tenantId);
      return found;
    },
  };
}

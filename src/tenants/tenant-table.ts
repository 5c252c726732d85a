import type { CreatedAt } from '../db/columns';

export interface TenantTable {
  id: string;
  name: string;
  createdAt: CreatedAt;
}

/** A Kansrijk administrator of a tenant: registers trajectories, links sign-ins, names admins. */
export interface TenantAdminTable {
  tenantId: string;
  entraObjectId: string;
  displayName: string;
  createdAt: CreatedAt;
}

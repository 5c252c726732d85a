import type { CreatedAt } from '../db/columns';

export interface TenantTable {
  id: string;
  name: string;
  createdAt: CreatedAt;
}

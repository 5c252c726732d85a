/** One row per trajectory, moved forward by a deferred trigger as each plan write commits (migration 0018). */
export interface PlanRevisionTable {
  tenantId: string;
  trajectoryId: string;
  revision: string;
}

/** One row per domain, moved forward as each write to the domain or what lies under it commits (migration 0019). */
export interface PlanDomainRevisionTable {
  tenantId: string;
  trajectoryId: string;
  domainId: string;
  revision: string;
}

/**
 * A view (migration 0022): one row per domain, its revision the sum of the domain's counters in
 * plan_domain_revision_slot (read only through this view),
 * moved forward as each write to the domain or what lies under it commits.
 */
export interface PlanDomainRevisionTable {
  tenantId: string;
  trajectoryId: string;
  domainId: string;
  revision: string;
}

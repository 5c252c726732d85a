/**
 * A view (migration 0022): one row per domain, its revision the sum of the domain's slots,
 * moved forward as each write to the domain or what lies under it commits.
 */
export interface PlanDomainRevisionTable {
  tenantId: string;
  trajectoryId: string;
  domainId: string;
  revision: string;
}

/** The counters behind plan_domain_revision: a transaction bumps the slot of its server connection. */
export interface PlanDomainRevisionSlotTable {
  tenantId: string;
  trajectoryId: string;
  domainId: string;
  slot: number;
  revision: string;
}

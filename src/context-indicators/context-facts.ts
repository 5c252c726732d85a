import type { Db } from '../db/database';
import { contextIndicatorCodes } from './context-catalogue';

export interface ContextFact {
  indicator: string;
  /** Whether the municipality itself has a value (any year). */
  municipality: boolean;
  /** The other levels with a value for this indicator: arrondissement, province, region. */
  comparisons: string[];
}

/** How many indicators the catalogue holds: the phase tracker asks for a share of them. */
export const contextCatalogueSize = contextIndicatorCodes.length;

/** Read-only, for the phase tracker: per catalogue indicator, which geography levels have values. */
export async function loadContextFacts(db: Db, tenantId: string, trajectoryId: string): Promise<ContextFact[]> {
  const rows = await db
    .selectFrom('contextValue')
    .select(['indicator', 'level'])
    .distinct()
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('indicator', 'in', contextIndicatorCodes)
    .orderBy('indicator')
    .orderBy('level')
    .execute();
  const byIndicator = new Map<string, ContextFact>();
  for (const { indicator, level } of rows) {
    const entry = byIndicator.get(indicator) ?? { indicator, municipality: false, comparisons: [] };
    if (level === 'municipality') entry.municipality = true;
    else entry.comparisons.push(level);
    byIndicator.set(indicator, entry);
  }
  return [...byIndicator.values()];
}

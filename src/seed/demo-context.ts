import type { Transaction } from 'kysely';
import type { ContextIndicatorCode, ContextLevel } from '../context-indicators/context-catalogue';
import type { Database } from '../db/schema';
import { demoTenants } from './demo-ids';

/*
 * The environment analysis of the fictional municipality Beekvliet: made-up figures, shaped like
 * the ones the Flemish portals publish, so that the view has something to compare. The same
 * figures are the sample file docs/samples/omgevingsanalyse-beekvliet.csv (written by
 * scripts/context-sample.ts; a test checks that both agree).
 */

export const demoContextYears = [2021, 2022, 2023] as const;

export const demoContextAreas: Record<ContextLevel, string> = {
  municipality: 'Beekvliet',
  arrondissement: 'Arrondissement Beekdal',
  province: 'Provincie Heidekant',
  region: 'Vlaams Gewest',
};

export const demoContextSource = 'Fictief voorbeeld (Kansrijk-demo)';

/** Per indicator: the value in 2021 at each level, and the change per year. */
const figures: Record<ContextIndicatorCode, { start: Record<ContextLevel, number>; step: Record<ContextLevel, number> }> = {
  population: { start: { municipality: 18240, arrondissement: 412300, province: 1105600, region: 6698900 }, step: { municipality: 95, arrondissement: 2100, province: 6400, region: 42100 } },
  youth_0_2: { start: { municipality: 3.2, arrondissement: 3.1, province: 3.2, region: 3.3 }, step: { municipality: -0.1, arrondissement: 0, province: -0.1, region: -0.1 } },
  youth_3_5: { start: { municipality: 3.4, arrondissement: 3.3, province: 3.3, region: 3.4 }, step: { municipality: 0, arrondissement: 0, province: 0, region: -0.1 } },
  youth_6_11: { start: { municipality: 7.1, arrondissement: 6.9, province: 6.8, region: 6.9 }, step: { municipality: 0.1, arrondissement: 0, province: 0, region: 0 } },
  youth_12_17: { start: { municipality: 6.8, arrondissement: 6.6, province: 6.5, region: 6.6 }, step: { municipality: 0.1, arrondissement: 0.1, province: 0.1, region: 0.1 } },
  green_pressure: { start: { municipality: 38.9, arrondissement: 37.2, province: 36.8, region: 37.4 }, step: { municipality: 0.3, arrondissement: 0.1, province: 0.1, region: 0.1 } },
  families_with_children: { start: { municipality: 29.4, arrondissement: 28.1, province: 27.6, region: 27.9 }, step: { municipality: -0.2, arrondissement: -0.2, province: -0.2, region: -0.2 } },
  single_parent_families: { start: { municipality: 21.6, arrondissement: 18.9, province: 18.4, region: 18.7 }, step: { municipality: 0.6, arrondissement: 0.2, province: 0.2, region: 0.2 } },
  increased_reimbursement: { start: { municipality: 17.8, arrondissement: 16.2, province: 15.9, region: 16.5 }, step: { municipality: 0.4, arrondissement: 0.2, province: 0.2, region: 0.2 } },
  social_assistance_dependants: { start: { municipality: 0.62, arrondissement: 0.51, province: 0.48, region: 0.55 }, step: { municipality: 0.03, arrondissement: 0.01, province: 0.01, region: 0.01 } },
  births_deprived_families: { start: { municipality: 31, arrondissement: 598, province: 1480, region: 9950 }, step: { municipality: 2, arrondissement: 10, province: 25, region: 150 } },
  young_unemployed: { start: { municipality: 9.8, arrondissement: 10.4, province: 10.1, region: 11.2 }, step: { municipality: -0.3, arrondissement: -0.2, province: -0.2, region: -0.3 } },
  young_social_assistance: { start: { municipality: 1.9, arrondissement: 1.6, province: 1.5, region: 1.7 }, step: { municipality: 0.1, arrondissement: 0, province: 0, region: 0 } },
  deprivation_index: { start: { municipality: 17.2, arrondissement: 14.1, province: 13.8, region: 15.4 }, step: { municipality: 0.9, arrondissement: 0.4, province: 0.3, region: 0.4 } },
};

export interface DemoContextValue {
  indicator: ContextIndicatorCode;
  year: number;
  level: ContextLevel;
  area: string;
  value: number;
  source: string;
}

export function demoContextValues(): DemoContextValue[] {
  const out: DemoContextValue[] = [];
  for (const [indicator, f] of Object.entries(figures) as [ContextIndicatorCode, (typeof figures)[ContextIndicatorCode]][]) {
    for (const [n, year] of demoContextYears.entries()) {
      for (const level of Object.keys(demoContextAreas) as ContextLevel[]) {
        const value = Math.round((f.start[level] + n * f.step[level]) * 100) / 100;
        out.push({ indicator, year, level, area: demoContextAreas[level], value, source: demoContextSource });
      }
    }
  }
  return out;
}

export async function seedDemoContext(trx: Transaction<Database>): Promise<void> {
  const trajectories = await trx.selectFrom('trajectory').select(['id']).where('tenantId', '=', demoTenants.beekvliet.id).execute();
  for (const trajectory of trajectories) {
    await trx
      .insertInto('contextValue')
      .values(demoContextValues().map((v) => ({ tenantId: demoTenants.beekvliet.id, trajectoryId: trajectory.id, ...v })))
      .execute();
  }
}

import { z } from 'zod';
import type { Db } from '../db/database';
import { notFound } from '../shared/errors';
import { findIndicatorScope } from '../indicators/indicator-repository';
import type { Row } from '../shared/resource-repository';
import { defineResource, type Scope } from '../shared/resource-service';
import { dateOnly, longText, patchOf, publicRow, rowMeta, uuid } from '../shared/schemas';
import { measurementFrequencies } from './due-date';

export const measurementPlanInput = z
  .object({
    measurerId: uuid.nullable().optional(),
    frequency: z.enum(measurementFrequencies),
    source: longText(500).optional(),
    nextDueOn: dateOnly.nullable().optional(),
  })
  .strict();

export const measurementPlanOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  indicatorId: uuid,
  measurerId: uuid.nullable(),
  frequency: z.enum(measurementFrequencies),
  source: z.string(),
  nextDueOn: z.string().nullable().describe('set by hand; null: computed from the last measurement and the frequency'),
  updatedAt: z.string(),
});

async function scopeOfIndicator(db: Db, row: Row): Promise<Scope> {
  const scope = await findIndicatorScope(db, row.tenantId, String(row.indicatorId));
  if (!scope) throw notFound(`indicator ${String(row.indicatorId)}`);
  // Planning a measurement is designing the action: the domain's right, not the owner's.
  return { trajectoryId: scope.trajectoryId, domainId: scope.domainId };
}

/** One plan per indicator (a second answers 409); written with the indicator's own right. */
export const measurementPlanResource = defineResource({
  entity: 'measurement plan',
  table: 'measurementPlan',
  plural: 'measurement-plans',
  tag: 'Evaluation',
  parent: { plural: 'indicators', entity: 'indicator', table: 'indicator', column: 'indicatorId', inherit: (i) => ({ trajectoryId: i.trajectoryId }) },
  create: measurementPlanInput,
  update: patchOf(measurementPlanInput),
  output: measurementPlanOutput,
  scopeOf: scopeOfIndicator,
  permission: 'domain.edit',
  refs: { measurerId: 'person' },
  orderBy: ['createdAt'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});

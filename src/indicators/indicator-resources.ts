import { z } from 'zod';
import type { Db } from '../db/database';
import { notFound } from '../shared/errors';
import { indicatorKinds } from '../shared/enums';
import type { Row } from '../shared/resource-repository';
import { indicatorCan, indicatorCanOutput, measurementCan, measurementCanOutput } from '../auth/entity-rights';
import { defineResource, type Scope } from '../shared/resource-service';
import { dateOnly, longText, patchOf, publicRow, rowMeta, shortText, uuid } from '../shared/schemas';
import { findActionScope, findIndicatorScope } from './indicator-repository';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const indicatorInput = z
  .object({
    kind: z.enum(indicatorKinds),
    name: shortText(200),
    unit: z.string().max(40, 'at most 40 characters').optional(),
    baseline: finite.nullable().optional(),
    target: finite.nullable().optional(),
  })
  .strict();

export const indicatorOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  actionId: uuid,
  kind: z.enum(indicatorKinds),
  name: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  updatedAt: z.string(),
  can: indicatorCanOutput.describe('what the caller may do with this indicator; measure: record its measurements'),
});

/** Indicators and measurements sit at their action's place. */
const atAction = (scope: Scope) => ({ domainId: scope.domainId ?? '', ownerId: scope.ownerId ?? null });

async function scopeOfAction(db: Db, row: Row): Promise<Scope> {
  const action = await findActionScope(db, row.tenantId, String(row.actionId));
  if (!action) throw notFound(`action ${String(row.actionId)}`);
  return action;
}

async function scopeOfIndicator(db: Db, row: Row): Promise<Scope> {
  const scope = await findIndicatorScope(db, row.tenantId, String(row.indicatorId));
  if (!scope) throw notFound(`indicator ${String(row.indicatorId)}`);
  return scope;
}

export const indicatorResource = defineResource({
  entity: 'indicator',
  table: 'indicator',
  plural: 'indicators',
  tag: 'Indicators',
  parent: { plural: 'actions', entity: 'action', table: 'action', column: 'actionId', inherit: (a) => ({ trajectoryId: a.trajectoryId }) },
  create: indicatorInput,
  update: patchOf(indicatorInput),
  output: indicatorOutput,
  scopeOf: scopeOfAction,
  permission: 'domain.edit',
  rights: (access, scope) => indicatorCan(access, atAction(scope)),
  orderBy: ['createdAt'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});

export const measurementInput = z
  .object({
    measuredOn: dateOnly,
    value: finite,
    note: longText(1000).optional(),
  })
  .strict();

export const measurementOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  indicatorId: uuid,
  measuredOn: z.string(),
  value: z.number(),
  note: z.string(),
  can: measurementCanOutput.describe('what the caller may do with this measurement'),
});

export const measurementResource = defineResource({
  entity: 'measurement',
  table: 'measurement',
  plural: 'measurements',
  tag: 'Indicators',
  parent: { plural: 'indicators', entity: 'indicator', table: 'indicator', column: 'indicatorId', inherit: (i) => ({ trajectoryId: i.trajectoryId }) },
  create: measurementInput,
  update: patchOf(measurementInput),
  output: measurementOutput,
  scopeOf: scopeOfIndicator,
  // Whoever carries out an action records what it reached.
  permission: 'action.report',
  rights: (access, scope) => measurementCan(access, atAction(scope)),
  orderBy: ['measuredOn', 'createdAt'],
  hasUpdatedAt: false,
  toOutput: (row) => publicRow(row),
});

import { z } from 'zod';
import { assertCan, assertRead, loadAccess, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate } from '../audit/audit';
import type { Db } from '../db/database';
import { invalid, notFound } from '../shared/errors';
import { findTrajectory } from '../trajectories/trajectory-repository';
import {
  assessDeviations,
  contextCatalogue,
  contextGroups,
  contextIndicator,
  contextIndicatorCodes,
  contextLevels,
  contextUnits,
  DEVIATION_THRESHOLD,
  type ContextLevel,
} from './context-catalogue';
import { MAX_CONTEXT_YEAR, MIN_CONTEXT_YEAR, parseContextFile, valueProblem } from './context-import';
import {
  deleteContextValue,
  findContextValue,
  findContextValueByKey,
  listContextValues,
  upsertContextValues,
  type ContextValueValues,
} from './context-repository';

export const contextValueInput = z
  .object({
    indicator: z.enum(contextIndicatorCodes),
    year: z.int().min(MIN_CONTEXT_YEAR, `must be a year between ${MIN_CONTEXT_YEAR} and ${MAX_CONTEXT_YEAR}`).max(MAX_CONTEXT_YEAR, `must be a year between ${MIN_CONTEXT_YEAR} and ${MAX_CONTEXT_YEAR}`),
    level: z.enum(contextLevels),
    area: z.string().trim().max(200, 'at most 200 characters').optional(),
    value: z.number().min(-1e12, 'too small').max(1e12, 'too large'),
    source: z.string().trim().max(200, 'at most 200 characters').optional(),
  })
  .strict();

// Base64 grows a file by a third; the request body limit (1 MiB) stops anything far larger first.
export const contextImportInput = z
  .object({
    fileName: z.string().trim().min(1, 'must not be empty').max(255, 'at most 255 characters'),
    contentType: z.string().trim().max(200, 'at most 200 characters').optional(),
    contentBase64: z.base64({ message: 'must be the file content in base64' }).max(1_500_000, 'too large'),
  })
  .strict();

export const contextValueOutput = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  indicator: z.string(),
  year: z.int(),
  level: z.enum(contextLevels),
  area: z.string(),
  value: z.number(),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const contextDeviationOutput = z.object({
  indicator: z.string(),
  year: z.int(),
  municipality: z.number(),
  region: z.number(),
  relativeDifference: z.number().describe('(municipality − region) / |region|'),
  flagged: z.boolean().describe('true when the municipality is worse than the region by more than the threshold'),
});

export const contextListOutput = z.object({
  catalogue: z.array(z.object({ code: z.string(), group: z.enum(contextGroups), unit: z.enum(contextUnits), higherMeansPressure: z.boolean() })),
  deviationRule: z.object({
    threshold: z.number().describe('relative difference from the region above which a municipality is flagged'),
    comparedWith: z.literal('region'),
    units: z.array(z.enum(contextUnits)).describe('units that are compared between levels (counts depend on the size of an area)'),
  }),
  values: z.array(contextValueOutput),
  deviations: z.array(contextDeviationOutput),
});

export const contextImportOutput = z.object({
  kind: z.enum(['csv', 'xlsx']),
  shape: z.enum(['long', 'wide']),
  imported: z.int(),
  created: z.int(),
  updated: z.int(),
});

type ValueRow = Awaited<ReturnType<typeof listContextValues>>[number];
type ValueOutput = z.input<typeof contextValueOutput>;

function toOutput(row: ValueRow): ValueOutput {
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    indicator: row.indicator,
    year: row.year,
    level: row.level as ContextLevel,
    area: row.area,
    value: Number(row.value),
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createContextService(db: Db) {
  async function accessTo(principal: Principal, trajectoryId: string): Promise<TrajectoryAccess> {
    const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
    if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
    return access;
  }

  /** The values of a trajectory, for the view, the export and the phase tracker alike. */
  async function values(principal: Principal, trajectoryId: string): Promise<ValueOutput[]> {
    const access = await accessTo(principal, trajectoryId);
    assertRead(access);
    return (await listContextValues(db, principal.tenantId, trajectoryId)).map(toOutput);
  }

  return {
    values,

    async list(principal: Principal, trajectoryId: string): Promise<z.input<typeof contextListOutput>> {
      const list = await values(principal, trajectoryId);
      return {
        catalogue: contextCatalogue.map(({ code, group, unit, higherMeansPressure }) => ({ code, group, unit, higherMeansPressure })),
        deviationRule: { threshold: DEVIATION_THRESHOLD, comparedWith: 'region', units: ['percent', 'index'] },
        values: list,
        deviations: assessDeviations(list),
      };
    },

    async put(principal: Principal, trajectoryId: string, input: z.output<typeof contextValueInput>): Promise<ValueOutput> {
      const access = await accessTo(principal, trajectoryId);
      assertCan(access, 'plan.edit');
      const unit = contextIndicator(input.indicator)!.unit;
      const problem = valueProblem(input.value, unit);
      if (problem) throw invalid([{ path: 'body.value', message: problem }]);
      const values: ContextValueValues = { ...input, area: input.area ?? '', source: input.source ?? '' };
      return db.transaction().execute(async (trx) => {
        const before = await findContextValueByKey(trx, principal.tenantId, trajectoryId, values);
        const [row] = await upsertContextValues(trx, principal.tenantId, trajectoryId, [values]);
        const { inserted: _inserted, ...after } = row!;
        if (before) await auditUpdate(trx, actorOf(access), trajectoryId, 'context_value', before, after);
        else await auditCreate(trx, actorOf(access), trajectoryId, 'context_value', after);
        return toOutput(after);
      });
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const row = await findContextValue(db, principal.tenantId, id);
      if (!row) throw notFound(`context value ${id}`);
      const access = await loadAccess(db, principal, row.trajectoryId);
      assertRead(access, `context value ${id}`);
      assertCan(access, 'plan.edit');
      await db.transaction().execute(async (trx) => {
        const deleted = await deleteContextValue(trx, principal.tenantId, id);
        if (deleted) await auditDelete(trx, actorOf(access), row.trajectoryId, 'context_value', deleted);
      });
    },

    /** All rows or none: the file is read in full first, and saved in one statement with its audit row. */
    async importFile(principal: Principal, trajectoryId: string, input: z.output<typeof contextImportInput>): Promise<z.input<typeof contextImportOutput>> {
      const access = await accessTo(principal, trajectoryId);
      assertCan(access, 'plan.edit');
      const parsed = await parseContextFile(input.fileName, input.contentType, Buffer.from(input.contentBase64, 'base64'));
      return db.transaction().execute(async (trx) => {
        const rows = await upsertContextValues(
          trx,
          principal.tenantId,
          trajectoryId,
          parsed.values.map(({ line: _line, ...v }) => v),
        );
        const created = rows.filter((r) => r.inserted).length;
        const result = { kind: parsed.kind, shape: parsed.shape, imported: rows.length, created, updated: rows.length - created };
        await auditCreate(trx, actorOf(access), trajectoryId, 'context_import', { id: trajectoryId, fileName: input.fileName.slice(0, 255), ...result });
        return result;
      });
    },
  };
}

export type ContextService = ReturnType<typeof createContextService>;
